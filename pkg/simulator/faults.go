package simulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// MaxFaultBodyBytes bounds the body of POST /faults: the longest valid fault is well under 300 bytes.
const MaxFaultBodyBytes = 4096

// MaxActiveFaults bounds the faults active at once: a test or a demo needs a handful, and every
// scrape looks each series up in the whole set.
const MaxActiveFaults = 100

// ErrTooManyFaults is Add's answer when MaxActiveFaults are active.
var ErrTooManyFaults = fmt.Errorf("faults: at most %d may be active; clear one first", MaxActiveFaults)

// FaultKind is a failure the simulator can inject, named after what it simulates.
type FaultKind struct {
	Name    string   `json:"name"`
	Targets []string `json:"targets"` // the fields a fault of this kind needs
	Effect  string   `json:"effect"`
	Raises  string   `json:"raises"` // the app's alert that this fault must raise; "" for none
}

// FaultKinds is the catalogue of injectable faults.
var FaultKinds = []FaultKind{
	{"vcluster-down", []string{"workspace", "vcluster"}, "the vCluster reports unhealthy (hexabase_vcluster_status 0); vcluster may be omitted for all of the workspace's vClusters", "vClusterDown"},
	{"vcluster-silent", []string{"workspace", "vcluster"}, "the vCluster stops reporting (its hexabase_vcluster_status disappears) while the control plane still runs it; vcluster may be omitted", "vClusterDown"},
	{"vcluster-removed", []string{"workspace", "vcluster"}, "the control plane deletes the vCluster on purpose: it leaves the inventory (hexabase_vcluster_info) and stops reporting, so its vClusterDown resolves; vcluster may be omitted", ""},
	{"workspace-silent", []string{"workspace"}, "the workspace's agent is gone: every series of the workspace (hexabase_* and its agent's prometheus_remote_storage_*) stops while the control plane's inventory still lists its vClusters, which therefore also raise vClusterDown", "WorkspaceSilent"},
	{"remote-write-lagging", []string{"workspace"}, "the store answers the workspace's agent 5xx: the agent retries (samples_total grows, samples_failed_total does not) and the newest sent timestamp stops, so its remote-write lag grows by real time; its hexabase_* series stay fresh", ""},
	{"remote-write-rejected", []string{"workspace"}, "the store answers the workspace's agent 4xx: every sample is dropped (samples_failed_total grows as fast as samples_total) while the lag stays normal", ""},
	{"error-spike", []string{"workspace", "endpoint"}, "30% of the endpoint's requests fail with 500 (at that share of the workspace's traffic it also burns the error budget: ErrorBudgetFastBurn and SlowBurn when objectives are set)", "HighErrorRate"},
	{"slow-endpoint", []string{"workspace", "endpoint"}, "the endpoint answers in 2.5 to 5 seconds", "SlowResponseTime"},
	{"deployment-failures", []string{"workspace"}, "the workspace deploys every 2 seconds and 80% of the deployments fail", "DeploymentFailureSpike"},
	{"quota-exhausted", []string{"workspace", "resource"}, "the workspace uses 98% of its cpu, memory or storage quota", "ResourceQuotaExceeded"},
	{"quota-filling", []string{"workspace", "resource"}, "the workspace's usage of its cpu, memory or storage quota climbs from its current value by a whole quota per hour, stopping at 94% (under ResourceQuotaExceeded)", "QuotaForecastFull"},
	{"host-cpu", []string{"host"}, "the host's CPUs are 95% busy", "HighCPUUsage"},
	{"host-memory", []string{"host"}, "95% of the host's memory is in use", "HighMemoryUsage"},
	{"host-disk", []string{"host"}, "the host's root filesystem has 4% free space", "DiskSpaceRunningOut"},
}

// Fault is one injected fault.
type Fault struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Workspace string `json:"workspace,omitempty"`
	VCluster  string `json:"vcluster,omitempty"`
	Endpoint  string `json:"endpoint,omitempty"`
	Resource  string `json:"resource,omitempty"`
	Host      string `json:"host,omitempty"`
}

func (f Fault) target(field string) string {
	if p := f.field(field); p != nil {
		return *p
	}
	return ""
}

// field points at the named field of f that a client sets; nil for any other name.
func (f *Fault) field(name string) *string {
	switch name {
	case "name":
		return &f.Name
	case "workspace":
		return &f.Workspace
	case "vcluster":
		return &f.VCluster
	case "endpoint":
		return &f.Endpoint
	case "resource":
		return &f.Resource
	case "host":
		return &f.Host
	}
	return nil
}

var errUnknownField = errors.New("field: must be one of name, workspace, vcluster, endpoint, resource, host")

// checkField applies the rules that every form of a fault shares to the name of a field given by
// a client: a field a fault has, given once. The error names the field and the rule, never what
// was given.
func checkField(seen map[string]bool, name string) error {
	switch {
	case name == "id":
		return errors.New("id: assigned by the simulator; leave it out")
	case new(Fault).field(name) == nil:
		return errUnknownField
	case seen[name]:
		return fmt.Errorf("%s: given more than once", name)
	}
	return nil
}

// setField sets one field given by a client after checkField; a field that a fault does without
// is left out rather than given empty.
func setField(f *Fault, seen map[string]bool, name, value string) error {
	if err := checkField(seen, name); err != nil {
		return err
	}
	if value == "" {
		return fmt.Errorf("%s: must not be empty; leave it out instead", name)
	}
	seen[name] = true
	*f.field(name) = value
	return nil
}

// DecodeFault reads the API's form of a fault: one JSON object of string fields and nothing after
// it. It reads the object token by token, because encoding/json lets a key given twice overwrite
// the first, matches keys regardless of case, and words its errors with what it was given.
func DecodeFault(body []byte) (Fault, error) {
	var f Fault
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return Fault{}, errors.New("body: must be a JSON object")
	}
	seen := map[string]bool{}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return Fault{}, errInvalidJSON
		}
		name, _ := key.(string)
		if err := checkField(seen, name); err != nil {
			return Fault{}, err
		}
		value, err := dec.Token()
		if err != nil {
			return Fault{}, errInvalidJSON
		}
		s, ok := value.(string)
		if !ok {
			return Fault{}, fmt.Errorf("%s: must be a string", name)
		}
		if err := setField(&f, seen, name, s); err != nil {
			return Fault{}, err
		}
	}
	if _, err := dec.Token(); err != nil {
		return Fault{}, errInvalidJSON
	}
	if _, err := dec.Token(); err != io.EOF {
		return Fault{}, errors.New("body: must hold one JSON object and nothing after it")
	}
	return f, nil
}

var errInvalidJSON = errors.New("body: not valid JSON")

// ParseFault reads the CLI form "name:key=value,key=value" under the API's field rules; spaces
// around names and values are dropped. Its errors never quote the argument (the flag package
// already does).
func ParseFault(s string) (Fault, error) {
	name, args, hasArgs := strings.Cut(s, ":")
	var f Fault
	seen := map[string]bool{}
	if err := setField(&f, seen, "name", strings.TrimSpace(name)); err != nil {
		return Fault{}, err
	}
	if !hasArgs || strings.TrimSpace(args) == "" {
		return f, nil
	}
	for i, kv := range strings.Split(args, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return Fault{}, fmt.Errorf("argument %d: must be key=value", i+1)
		}
		if err := setField(&f, seen, strings.TrimSpace(k), strings.TrimSpace(v)); err != nil {
			return Fault{}, err
		}
	}
	return f, nil
}

// targetFields are the fields a fault may carry besides its name, in the order errors name them.
var targetFields = []string{"workspace", "vcluster", "endpoint", "resource", "host"}

// optionalTargets may be left out of a kind that takes them: a missing vcluster means all of
// the workspace's vClusters.
var optionalTargets = []string{"vcluster"}

// CheckFaultFields checks a fault against the catalogue alone: a known kind, each field the kind
// needs, and no field it does not use, so that a fault never carries a value that changes nothing.
// The error names the field and the rule.
func CheckFaultFields(f Fault) (FaultKind, error) {
	var kind FaultKind
	names := make([]string, len(FaultKinds))
	for i, k := range FaultKinds {
		names[i] = k.Name
		if k.Name == f.Name {
			kind = k
		}
	}
	if kind.Name == "" {
		return kind, fmt.Errorf("name: must be one of %s", strings.Join(names, ", "))
	}
	for _, field := range targetFields {
		takes, given := contains(kind.Targets, field), f.target(field) != ""
		switch {
		case takes && !given && !contains(optionalTargets, field):
			return kind, fmt.Errorf("%s: required by %s", field, kind.Name)
		case given && !takes:
			return kind, fmt.Errorf("%s: not used by %s, which takes %s", field, kind.Name, strings.Join(kind.Targets, ", "))
		}
	}
	return kind, nil
}

// Validate checks a fault against the catalogue and the platform. The error names the field and
// the rule, and lists the values the platform has; it never quotes the value given, which may be
// anything a client sent.
func (p *Platform) Validate(f Fault) error {
	if _, err := CheckFaultFields(f); err != nil {
		return err
	}
	if f.Workspace != "" {
		ws, ok := p.Workspace(f.Workspace)
		if !ok {
			return fmt.Errorf("workspace: must be one of the platform's workspaces, %s to %s", p.Workspaces[0].ID, p.Workspaces[len(p.Workspaces)-1].ID)
		}
		if f.VCluster != "" && !contains(ws.VClusters, f.VCluster) {
			return fmt.Errorf("vcluster: must be one of the workspace's vClusters: %s", strings.Join(ws.VClusters, ", "))
		}
	}
	if f.Endpoint != "" {
		paths := make([]string, len(p.Endpoints))
		for i, e := range p.Endpoints {
			paths[i] = e.Path
		}
		if !contains(paths, f.Endpoint) {
			return fmt.Errorf("endpoint: must be one of the workspace's endpoints: %s", strings.Join(paths, ", "))
		}
	}
	if f.Resource != "" && !contains(resourceTypes, f.Resource) {
		return fmt.Errorf("resource: must be one of %s", strings.Join(resourceTypes, ", "))
	}
	if f.Host != "" {
		found := false
		for _, h := range p.Hosts {
			found = found || h.Instance == f.Host
		}
		if !found {
			return fmt.Errorf("host: must be one of the platform's hosts, %s to %s", p.Hosts[0].Instance, p.Hosts[len(p.Hosts)-1].Instance)
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Faults is the set of active faults, safe for concurrent use.
type Faults struct {
	mu     sync.RWMutex
	next   int
	active map[string]Fault
}

// NewFaults returns an empty set.
func NewFaults() *Faults { return &Faults{active: map[string]Fault{}} }

// Add activates f and returns it with its id, or ErrTooManyFaults.
func (fs *Faults) Add(f Fault) (Fault, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if len(fs.active) >= MaxActiveFaults {
		return Fault{}, ErrTooManyFaults
	}
	fs.next++
	f.ID = fmt.Sprintf("%s-%d", f.Name, fs.next)
	fs.active[f.ID] = f
	return f, nil
}

// Remove clears the fault with this id and reports whether it was active.
func (fs *Faults) Remove(id string) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	_, ok := fs.active[id]
	delete(fs.active, id)
	return ok
}

// Clear removes every fault.
func (fs *Faults) Clear() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.active = map[string]Fault{}
}

// List returns the active faults ordered by id.
func (fs *Faults) List() []Fault {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	out := make([]Fault, 0, len(fs.active))
	for _, f := range fs.active {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Has reports whether a fault of this name matches; empty match fields match anything.
func (fs *Faults) Has(name string, match Fault) bool {
	_, ok := fs.Find(name, match)
	return ok
}

// Find returns the matching fault of this name with the least id, as Has matches; a simulator
// keys what a fault started (a fill, a frozen queue) by its id.
func (fs *Faults) Find(name string, match Fault) (Fault, bool) {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	var found Fault
	for _, f := range fs.active {
		if f.Name != name || (found.ID != "" && f.ID > found.ID) {
			continue
		}
		if matchField(f.Workspace, match.Workspace) && matchField(f.VCluster, match.VCluster) &&
			matchField(f.Endpoint, match.Endpoint) && matchField(f.Resource, match.Resource) && matchField(f.Host, match.Host) {
			found = f
		}
	}
	return found, found.ID != ""
}

func matchField(fault, subject string) bool { return fault == "" || fault == subject }
