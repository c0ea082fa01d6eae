package simulator

import (
	"strings"
	"testing"
)

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
		{Fault{Name: "workspace-silent", Workspace: "ws-0001"}, ""},
		{Fault{Name: "remote-write-lagging", Workspace: "ws-0001"}, ""},
		{Fault{Name: "remote-write-rejected", Workspace: "ws-0001"}, ""},
		{Fault{Name: "quota-filling", Workspace: "ws-0001", Resource: "storage"}, ""},
		{Fault{Name: "quota-filling", Workspace: "ws-0001"}, "resource: required by quota-filling"},
		{Fault{Name: "workspace-silent", Workspace: "ws-0001", VCluster: "vc-0001-1"}, "vcluster: not used by workspace-silent, which takes workspace"},
		{Fault{Name: "remote-write-rejected"}, "workspace: required by remote-write-rejected"},
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

// The errors name the field and the rule; they never quote what was given, which may be anything.
func TestValidateErrorsDoNotEchoTheInput(t *testing.T) {
	p, err := NewPlatform(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	const given = `<x "y">`
	for _, c := range []struct {
		fault Fault
		want  string
	}{
		{Fault{Name: given}, "name: must be one of vcluster-down, vcluster-silent, vcluster-removed, workspace-silent, remote-write-lagging, remote-write-rejected, error-spike, slow-endpoint, deployment-failures, quota-exhausted, quota-filling, host-cpu, host-memory, host-disk"},
		{Fault{Name: "deployment-failures", Workspace: given}, "workspace: must be one of the platform's workspaces, ws-0001 to ws-0020"},
		{Fault{Name: "vcluster-down", Workspace: "ws-0001", VCluster: given}, "vcluster: must be one of the workspace's vClusters: vc-0001-1, vc-0001-2"},
		{Fault{Name: "error-spike", Workspace: "ws-0001", Endpoint: given}, "endpoint: must be one of the workspace's endpoints: /api/v1/apps, /api/v1/deployments, /api/v1/logs, /api/v1/metrics"},
		{Fault{Name: "quota-exhausted", Workspace: "ws-0001", Resource: given}, "resource: must be one of cpu, memory, storage"},
		{Fault{Name: "host-cpu", Host: given}, "host: must be one of the platform's hosts, node-01 to node-03"},
	} {
		err := p.Validate(c.fault)
		if err == nil || err.Error() != c.want {
			t.Errorf("Validate(%+v) = %v, want %q", c.fault, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), given) {
			t.Errorf("Validate(%+v) quotes the given value: %v", c.fault, err)
		}
	}
}

func TestDecodeFault(t *testing.T) {
	const given = "zz<y>"
	for _, c := range []struct {
		body  string
		fault Fault
		want  string // the error; "" for a valid body
	}{
		{`{"name":"error-spike","workspace":"ws-0001","endpoint":"/api/v1/apps"}`,
			Fault{Name: "error-spike", Workspace: "ws-0001", Endpoint: "/api/v1/apps"}, ""},
		{" \n{\"name\": \"host-cpu\", \"host\": \"node-01\"}\n ", Fault{Name: "host-cpu", Host: "node-01"}, ""},
		{`{"name":"quota-filling","workspace":"ws-0001","resource":"cpu"}`, Fault{Name: "quota-filling", Workspace: "ws-0001", Resource: "cpu"}, ""},
		{`{"name":"workspace-silent","workspace":"ws-0001"}`, Fault{Name: "workspace-silent", Workspace: "ws-0001"}, ""},
		{``, Fault{}, "body: must be a JSON object"},
		{`[]`, Fault{}, "body: must be a JSON object"},
		{`"host-cpu"`, Fault{}, "body: must be a JSON object"},
		{`{"name":"host-cpu"`, Fault{}, "body: not valid JSON"},
		{`{"name":"host-cpu",}`, Fault{}, "body: not valid JSON"},
		{`{"name":"host-cpu"} {"name":"host-disk"}`, Fault{}, "body: must hold one JSON object and nothing after it"},
		{`{"name":"host-cpu"} ` + given, Fault{}, "body: must hold one JSON object and nothing after it"},
		{`{"name":"host-cpu","` + given + `":1}`, Fault{}, "field: must be one of name, workspace, vcluster, endpoint, resource, host"},
		{`{"Name":"host-cpu"}`, Fault{}, "field: must be one of name, workspace, vcluster, endpoint, resource, host"},
		{`{"name":"host-cpu","id":"host-cpu-7"}`, Fault{}, "id: assigned by the simulator; leave it out"},
		{`{"name":"host-cpu","host":"node-01","host":"node-02"}`, Fault{}, "host: given more than once"},
		{`{"name":"host-cpu","host":1}`, Fault{}, "host: must be a string"},
		{`{"name":"host-cpu","host":null}`, Fault{}, "host: must be a string"},
		{`{"name":["host-cpu"]}`, Fault{}, "name: must be a string"},
		{`{"name":{"x":1}}`, Fault{}, "name: must be a string"},
		{`{"name":"vcluster-down","workspace":"ws-0001","vcluster":""}`, Fault{}, "vcluster: must not be empty; leave it out instead"},
	} {
		f, err := DecodeFault([]byte(c.body))
		switch {
		case c.want == "" && (err != nil || f != c.fault):
			t.Errorf("DecodeFault(%s) = %+v, %v, want %+v", c.body, f, err, c.fault)
		case c.want != "" && (err == nil || err.Error() != c.want):
			t.Errorf("DecodeFault(%s) error = %v, want %q", c.body, err, c.want)
		case err != nil && strings.Contains(err.Error(), given):
			t.Errorf("DecodeFault(%s) quotes the body: %v", c.body, err)
		}
	}
}

func TestFaultsAreBounded(t *testing.T) {
	fs := NewFaults()
	for i := 0; i < MaxActiveFaults; i++ {
		if _, err := fs.Add(Fault{Name: "host-cpu", Host: "node-01"}); err != nil {
			t.Fatalf("fault %d: %v", i+1, err)
		}
	}
	if f, err := fs.Add(Fault{Name: "host-cpu", Host: "node-01"}); err != ErrTooManyFaults || f != (Fault{}) {
		t.Fatalf("fault %d = %+v, %v, want %v", MaxActiveFaults+1, f, err, ErrTooManyFaults)
	}
	if n := len(fs.List()); n != MaxActiveFaults {
		t.Fatalf("%d active, want %d", n, MaxActiveFaults)
	}
	fs.Remove("host-cpu-1")
	if _, err := fs.Add(Fault{Name: "host-cpu", Host: "node-01"}); err != nil {
		t.Fatalf("after one was cleared: %v", err)
	}
}

// The -fault flag's form follows the API's field rules; the flag package already quotes the
// whole value, so the errors need not.
func TestParseFaultAppliesTheFieldRules(t *testing.T) {
	for _, c := range []struct {
		arg   string
		fault Fault
		want  string
	}{
		{"error-spike:workspace=ws-0001,endpoint=/api/v1/apps", Fault{Name: "error-spike", Workspace: "ws-0001", Endpoint: "/api/v1/apps"}, ""},
		{" host-cpu : host=node-01 ", Fault{Name: "host-cpu", Host: "node-01"}, ""},
		{"workspace-silent:workspace=ws-0001", Fault{Name: "workspace-silent", Workspace: "ws-0001"}, ""},
		{"remote-write-lagging:workspace=ws-0002", Fault{Name: "remote-write-lagging", Workspace: "ws-0002"}, ""},
		{"remote-write-rejected:workspace=ws-0003", Fault{Name: "remote-write-rejected", Workspace: "ws-0003"}, ""},
		{"quota-filling:workspace=ws-0001,resource=memory", Fault{Name: "quota-filling", Workspace: "ws-0001", Resource: "memory"}, ""},
		{"deployment-failures:workspace=ws-0001", Fault{Name: "deployment-failures", Workspace: "ws-0001"}, ""},
		{"", Fault{}, "name: must not be empty; leave it out instead"},
		{":host=node-01", Fault{}, "name: must not be empty; leave it out instead"},
		{"host-cpu:pod=x", Fault{}, "field: must be one of name, workspace, vcluster, endpoint, resource, host"},
		{"host-cpu:name=host-disk", Fault{}, "name: given more than once"},
		{"host-cpu:host=node-01,host=node-02", Fault{}, "host: given more than once"},
		{"host-cpu:id=host-cpu-1", Fault{}, "id: assigned by the simulator; leave it out"},
		{"vcluster-down:workspace=ws-0001,vcluster=", Fault{}, "vcluster: must not be empty; leave it out instead"},
		{"host-cpu:host=node-01,", Fault{}, "argument 2: must be key=value"},
		{"host-cpu:node-01", Fault{}, "argument 1: must be key=value"},
	} {
		f, err := ParseFault(c.arg)
		switch {
		case c.want == "" && (err != nil || f != c.fault):
			t.Errorf("ParseFault(%q) = %+v, %v, want %+v", c.arg, f, err, c.fault)
		case c.want != "" && (err == nil || err.Error() != c.want):
			t.Errorf("ParseFault(%q) error = %v, want %q", c.arg, err, c.want)
		}
	}
}
