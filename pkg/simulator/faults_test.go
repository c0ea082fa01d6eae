package simulator

import "testing"

func TestValidateFieldsOfTheKind(t *testing.T) {
	p, err := NewPlatform(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		fault Fault
		want  string // "" for a valid fault
	}{
		{Fault{Name: "error-spike", Workspace: "ws-0001", Endpoint: "/api/v1/apps"}, ""},
		{Fault{Name: "vcluster-down", Workspace: "ws-0001"}, ""},
		{Fault{Name: "host-cpu", Host: "node-01"}, ""},
		{Fault{Name: "error-spike", Workspace: "ws-0001"}, "endpoint: required by error-spike"},
		{Fault{Name: "host-cpu"}, "host: required by host-cpu"},
		{Fault{Name: "error-spike", Workspace: "ws-0001", Endpoint: "/api/v1/apps", Host: "node-01"},
			"host: not used by error-spike, which takes workspace, endpoint"},
		{Fault{Name: "host-disk", Host: "node-01", Workspace: "ws-0001"}, "workspace: not used by host-disk, which takes host"},
		{Fault{Name: "deployment-failures", Workspace: "ws-0001", VCluster: "vc-0001-1"},
			"vcluster: not used by deployment-failures, which takes workspace"},
		{Fault{Name: "quota-exhausted", Workspace: "ws-0001", Resource: "cpu", Endpoint: "/api/v1/apps"},
			"endpoint: not used by quota-exhausted, which takes workspace, resource"},
	} {
		err := p.Validate(c.fault)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("Validate(%+v) = %v, want nil", c.fault, err)
		case c.want != "" && (err == nil || err.Error() != c.want):
			t.Errorf("Validate(%+v) = %v, want %q", c.fault, err, c.want)
		}
	}
}
