/** Metric and label names of the Hexabase.AI platform, as its services export them. */
export const METRICS = {
  requestsTotal: 'hexabase_http_requests_total',
  requestDurationBucket: 'hexabase_http_request_duration_seconds_bucket',
  vclusterStatus: 'hexabase_vcluster_status',
  deploymentsTotal: 'hexabase_workspace_deployments_total',
  resourceUsage: 'hexabase_resource_usage_ratio',
  userSessions: 'hexabase_active_user_sessions',
  aiopsTotal: 'hexabase_aiops_operations_total',
} as const;

/** Recording rules of rules/hexabase.rules.yml that the fleet pages read. */
export const RECORDED = {
  requests: 'workspace:hexabase_http_requests:rate5m',
  errors: 'workspace:hexabase_http_requests_errors:rate5m',
  latencyBuckets: 'workspace_le:hexabase_http_request_duration_seconds_bucket:rate5m',
  vclustersHealthy: 'workspace:hexabase_vcluster_status:healthy',
  vclustersCount: 'workspace:hexabase_vcluster_status:count',
  connections: 'workspace:hexabase_active_connections:sum',
  sessions: 'workspace:hexabase_active_user_sessions:sum',
  databaseConnections: 'workspace_connection_type:hexabase_database_connections:sum',
  resourceUsage: 'workspace_resource:hexabase_resource_usage_ratio:max',
  /** Plan and cluster level only: the sum of the workspaces' usage, per resource. */
  resourceUsageSum: 'plan_cluster_resource:hexabase_resource_usage_ratio:sum',
  /** Plan and cluster level only: workspaces per quota usage bucket (label le; +Inf counts them all). */
  resourceUsageBuckets: 'plan_cluster_resource_le:hexabase_resource_usage_ratio:workspaces',
  /** Plan and cluster level only: the top 10 workspaces of each by requests, then by quota usage. */
  topRequests: 'plan_cluster_top10:hexabase_http_requests:rate5m',
  topResourceUsage: 'plan_cluster_top10:hexabase_resource_usage_ratio:max',
  /** Plan and cluster level only: the 50 workspaces of each with most vClusters down. */
  mostDown: 'plan_cluster_top50:hexabase_vcluster_status:down',
  deployments: 'workspace_type_status:hexabase_workspace_deployments:rate5m',
  aiops: 'workspace_agent_status:hexabase_aiops_operations:rate5m',
  /** Share of the workspace's requests answered 5xx over the window in the name; absent without requests. */
  sloErrorRatio5m: 'workspace:hexabase_slo_errors:ratio_rate5m',
  sloErrorRatio30m: 'workspace:hexabase_slo_errors:ratio_rate30m',
  sloErrorRatio1h: 'workspace:hexabase_slo_errors:ratio_rate1h',
  sloErrorRatio2h: 'workspace:hexabase_slo_errors:ratio_rate2h',
  sloErrorRatio6h: 'workspace:hexabase_slo_errors:ratio_rate6h',
  sloErrorRatio1d: 'workspace:hexabase_slo_errors:ratio_rate1d',
  sloErrorRatio3d: 'workspace:hexabase_slo_errors:ratio_rate3d',
  sloErrorRatio30d: 'workspace:hexabase_slo_errors:ratio_rate30d',
  /** Unix seconds of the workspace's newest sample, kept while it is silent (data age = time() - this). */
  lastSample: 'workspace:hexabase_agent_last_sample:timestamp',
  /** Per remote_name: failed share of the samples the workspace's agent tried to send. */
  remoteWriteFailedRatio: 'workspace_remote:prometheus_remote_storage_samples_failed:ratio_rate5m',
  /** Per remote_name: the agent's newest appended sample minus the newest one its queue sent. */
  remoteWriteLag: 'workspace_remote:prometheus_remote_storage_lag:seconds',
  /** Per resource_type: seconds until usage reaches the quota at the recent trend; absent when not rising. */
  secondsToFull: 'workspace_resource:hexabase_resource_usage_ratio:seconds_to_full',
  /** Plan and cluster level only: the 10 soonest to fill of each (the Overview's "runs out soon"). */
  soonestToFull: 'plan_cluster_bottom10:hexabase_resource_usage_ratio:seconds_to_full',
} as const;

export const LABELS = {
  workspace: 'workspace_id',
  plan: 'plan_type',
  cluster: 'cluster_id',
  vcluster: 'vcluster_name',
  endpoint: 'endpoint',
  statusCode: 'status_code',
  deploymentType: 'deployment_type',
  status: 'status',
  resourceType: 'resource_type',
  connectionType: 'connection_type',
  agent: 'agent_name',
  operation: 'operation_type',
  remoteName: 'remote_name',
} as const;
