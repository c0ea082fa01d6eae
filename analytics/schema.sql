-- Analytics schema of the Hexabase.AI platform: one row per deployment, per AIOps operation and
-- per resource-usage sample. The simulator writes these rows; the Business page reads them
-- through the ClickHouse datasource. Statements are separated by ";" at the end of a line.
CREATE DATABASE IF NOT EXISTS hexabase;

CREATE TABLE IF NOT EXISTS hexabase.deployments
(
    ts               DateTime64(3, 'UTC'),
    workspace_id     LowCardinality(String),
    plan_type        LowCardinality(String),
    cluster_id       LowCardinality(String),
    deployment_type  LowCardinality(String),
    status           LowCardinality(String),
    duration_seconds Float64
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (workspace_id, ts);

CREATE TABLE IF NOT EXISTS hexabase.aiops_operations
(
    ts               DateTime64(3, 'UTC'),
    workspace_id     LowCardinality(String),
    plan_type        LowCardinality(String),
    cluster_id       LowCardinality(String),
    agent_name       LowCardinality(String),
    operation_type   LowCardinality(String),
    status           LowCardinality(String),
    duration_seconds Float64
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (agent_name, ts);

CREATE TABLE IF NOT EXISTS hexabase.resource_usage
(
    ts            DateTime64(3, 'UTC'),
    workspace_id  LowCardinality(String),
    plan_type     LowCardinality(String),
    cluster_id    LowCardinality(String),
    resource_type LowCardinality(String),
    ratio         Float64
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (workspace_id, resource_type, ts);
