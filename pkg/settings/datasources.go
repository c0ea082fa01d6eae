// Package settings parses and validates the app's jsonData: the one place that knows its shape,
// its defaults and its rules.
package settings

// DatasourceKind names one of the datasources the app's pages read.
type DatasourceKind string

const (
	Prometheus DatasourceKind = "prometheus"
	Loki       DatasourceKind = "loki"
	Jaeger     DatasourceKind = "jaeger"
	ClickHouse DatasourceKind = "clickhouse"
)

// DatasourceKinds lists every kind in the order the UI and health checks show them.
var DatasourceKinds = []DatasourceKind{Prometheus, Loki, Jaeger, ClickHouse}

// DefaultDatasourceUIDs are the UIDs that provisioning gives the app's datasources.
var DefaultDatasourceUIDs = map[DatasourceKind]string{
	Prometheus: "hexabase-prometheus",
	Loki:       "hexabase-loki",
	Jaeger:     "hexabase-jaeger",
	ClickHouse: "hexabase-clickhouse",
}

// DatasourceTypes are the Grafana plugin types each kind must have.
var DatasourceTypes = map[DatasourceKind]string{
	Prometheus: "prometheus",
	Loki:       "loki",
	Jaeger:     "jaeger",
	ClickHouse: "grafana-clickhouse-datasource",
}
