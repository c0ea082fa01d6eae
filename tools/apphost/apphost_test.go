package apphost

import (
	"context"
	"strings"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting/ruler"
	"github.com/hexabase/hexabase-monitoring-app/tools/cortexruler"
)

func TestInstallRecordingRulesWritesTheTenantsRuler(t *testing.T) {
	cortex := cortexruler.Start()
	defer cortex.Close()
	res, err := InstallRecordingRules(context.Background(), cortex.URL+"/api/prom", "platform")
	if err != nil || res.Ruler != "cortex" || len(res.Changes) != len(alerting.RecordingGroups(alerting.Defaults())) || res.Changes[0].Action != "created" {
		t.Fatalf("%v %+v", err, res)
	}
	if got := cortex.Groups("platform", ruler.Namespace); len(got) != len(res.Changes) {
		t.Fatalf("the tenant holds %+v", got)
	}
	// Cortex's query prefix has no ruler behind it: no ruler is an error of the one-call form.
	if _, err := InstallRecordingRules(context.Background(), cortex.URL+"/prometheus", "platform"); err == nil || !strings.Contains(err.Error(), "no ruler") {
		t.Fatalf("a datasource URL without a ruler: %v", err)
	}
}
