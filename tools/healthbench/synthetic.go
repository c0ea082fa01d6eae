package main

import (
	"fmt"
	"io"
	"time"
)

// writeSynthetic writes the recorded series the health queries read for n workspaces over 7
// clusters and two plans, at now: every signal present, a few past their thresholds, a tenth
// silent for 20 minutes (only its last-sample timestamp left), as the rules would record them.
func writeSynthetic(w io.Writer, n int, now time.Time) {
	for i := range n {
		plan := "shared"
		if i%5 == 0 {
			plan = "dedicated"
		}
		l := fmt.Sprintf(`workspace_id="ws-%05d",cluster_id="cluster-%d",plan_type=%q`, i, i%7, plan)
		series := func(name, extra string, v float64) { fmt.Fprintf(w, "%s{%s%s} %g\n", name, l, extra, v) }
		if i%10 == 9 {
			series("workspace:hexabase_agent_last_sample:timestamp", "", float64(now.Unix()-1200))
			continue
		}
		x := float64(i%97) / 97
		series("workspace:hexabase_agent_last_sample:timestamp", "", float64(now.Unix()-int64(15+i%30)))
		series("workspace:hexabase_vcluster_status:count", "", 2)
		series("workspace:hexabase_vcluster_status:healthy", "", float64(2-i%50/49))
		series("workspace:hexabase_http_requests:rate5m", "", 10)
		series("workspace:hexabase_http_requests_errors:rate5m", "", 10*x*0.06)
		series("workspace:hexabase_slo_errors:ratio_rate5m", "", x*0.06)
		for _, b := range []struct {
			le string
			v  float64
		}{{"0.1", 10 * (1 - x)}, {"0.5", 10 * (1 - x/2)}, {"1", 10 * (1 - x/4)}, {"2.5", 10 * (1 - x/20)}, {"+Inf", 10}} {
			series("workspace_le:hexabase_http_request_duration_seconds_bucket:rate5m", `,le="`+b.le+`"`, b.v)
		}
		series("workspace_resource:hexabase_resource_usage_ratio:max", `,resource_type="cpu"`, x)
		series("workspace_resource:hexabase_resource_usage_ratio:max", `,resource_type="memory"`, x/2)
		series("workspace_resource:hexabase_resource_usage_ratio:max", `,resource_type="storage"`, 0.3)
		series("workspace:hexabase_slo_errors:ratio_rate1h", "", x*0.02)
		series("workspace:hexabase_slo_errors:ratio_rate30d", "", x*0.001)
		series("workspace_remote:prometheus_remote_storage_samples_failed:ratio_rate5m", `,remote_name="central"`, 0)
		series("workspace_remote:prometheus_remote_storage_lag:seconds", `,remote_name="central"`, 2+x)
	}
}
