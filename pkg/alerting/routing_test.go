package alerting

import (
	"reflect"
	"testing"
)

func TestReceiversFor(t *testing.T) {
	tests := []struct {
		alert string
		want  []string
	}{
		{"HighCPUUsage", []string{ReceiverWebhook, ReceiverInfrastructure}},
		{"HighMemoryUsage", []string{ReceiverWebhook, ReceiverInfrastructure}},
		{"DiskSpaceRunningOut", []string{ReceiverWebhook, ReceiverCritical, ReceiverInfrastructure}},
		{"vClusterDown", []string{ReceiverWebhook, ReceiverCritical, ReceiverVCluster}},
		{"HighErrorRate", []string{ReceiverWebhook, ReceiverOperations}},
		{"SlowResponseTime", []string{ReceiverWebhook, ReceiverOperations}},
		{"DeploymentFailureSpike", []string{ReceiverWebhook, ReceiverOperations}},
		{"ResourceQuotaExceeded", []string{ReceiverWebhook, ReceiverCritical, ReceiverOperations}},
		{"WorkspaceSilent", []string{ReceiverWebhook, ReceiverCritical, ReceiverOperations}},
		{"QuotaForecastFull", []string{ReceiverWebhook, ReceiverOperations}},
	}
	byName := map[string]Alert{}
	for _, a := range AllAlerts(Defaults()) {
		byName[a.Name] = a
	}
	if len(byName) != len(tests) {
		t.Fatalf("%d alerts, %d routing cases: every alert needs one", len(byName), len(tests))
	}
	for _, tt := range tests {
		a, ok := byName[tt.alert]
		if !ok {
			t.Fatalf("no alert %s", tt.alert)
		}
		if got := NotificationPolicy().ReceiversFor(a.Labels()); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s goes to %v, want %v", tt.alert, got, tt.want)
		}
	}
}

func TestEveryReceiverIsAContactPoint(t *testing.T) {
	names := map[string]bool{}
	for _, cp := range ContactPoints() {
		names[cp.Name] = true
	}
	p := NotificationPolicy()
	if !names[p.Receiver] {
		t.Errorf("root receiver %q is no contact point", p.Receiver)
	}
	for _, r := range p.Routes {
		if !names[r.Receiver] {
			t.Errorf("route receiver %q is no contact point", r.Receiver)
		}
	}
}
