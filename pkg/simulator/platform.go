// Package simulator emulates a Hexabase.AI platform: workspaces with their vClusters, endpoints,
// users and hosts, whose metrics, logs, traces and analytics rows follow a deterministic daily
// rhythm for a given seed, with faults that operators can inject and clear.
package simulator

import (
	"fmt"
	"hash/fnv"
	"math"
)

// Config sizes the simulated platform.
type Config struct {
	Seed                  int64
	Workspaces            int
	VClustersPerWorkspace int
	Endpoints             int
	Users                 int
	Hosts                 int
	Clusters              int
}

// DefaultConfig is a small platform that a laptop scrapes comfortably.
func DefaultConfig() Config {
	return Config{Seed: 1, Workspaces: 20, VClustersPerWorkspace: 2, Endpoints: 4, Users: 50, Hosts: 3, Clusters: 2}
}

// Validate names the first setting that cannot build a platform.
func (c Config) Validate() error {
	for _, f := range []struct {
		name     string
		value    int
		min, max int
	}{
		{"workspaces", c.Workspaces, 1, 100000},
		{"vclusters", c.VClustersPerWorkspace, 1, 20},
		{"endpoints", c.Endpoints, 1, len(endpointCatalog)},
		{"users", c.Users, 0, 1000000},
		{"hosts", c.Hosts, 1, 1000},
		{"clusters", c.Clusters, 1, 100},
	} {
		if f.value < f.min || f.value > f.max {
			return fmt.Errorf("%s must be between %d and %d, got %d", f.name, f.min, f.max, f.value)
		}
	}
	return nil
}

// Endpoint is an API endpoint that every workspace serves.
type Endpoint struct {
	Method string
	Path   string
}

var endpointCatalog = []Endpoint{
	{"GET", "/api/v1/apps"},
	{"POST", "/api/v1/deployments"},
	{"GET", "/api/v1/logs"},
	{"GET", "/api/v1/metrics"},
	{"POST", "/api/v1/aiops/chat"},
	{"GET", "/api/v1/projects"},
	{"PUT", "/api/v1/apps/config"},
	{"DELETE", "/api/v1/apps"},
}

// Workspace is one customer workspace and its vClusters.
type Workspace struct {
	ID        string
	Plan      string
	ClusterID string
	VClusters []string
	Users     int
	// Weight scales the workspace's traffic; a few workspaces are much busier than most.
	Weight float64
}

// Host is a node of the platform that runs vClusters.
type Host struct {
	Instance  string
	ClusterID string
	CPUs      int
	MemBytes  float64
	DiskBytes float64
}

// Platform is the simulated fleet; it never changes once built.
type Platform struct {
	Config     Config
	Workspaces []Workspace
	Endpoints  []Endpoint
	Hosts      []Host
}

// NewPlatform builds the fleet of cfg deterministically from cfg.Seed.
func NewPlatform(cfg Config) (*Platform, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	p := &Platform{Config: cfg, Endpoints: endpointCatalog[:cfg.Endpoints]}
	for i := 0; i < cfg.Workspaces; i++ {
		id := fmt.Sprintf("ws-%04d", i+1)
		u := unit(cfg.Seed, id, "plan")
		plan := "shared"
		if u < 0.2 {
			plan = "dedicated"
		}
		ws := Workspace{
			ID: id, Plan: plan, ClusterID: clusterID(i % cfg.Clusters),
			Users:  1 + int(float64(cfg.Users)*unit(cfg.Seed, id, "users")),
			Weight: 0.2 + 3*math.Pow(unit(cfg.Seed, id, "weight"), 3),
		}
		for v := 0; v < cfg.VClustersPerWorkspace; v++ {
			ws.VClusters = append(ws.VClusters, fmt.Sprintf("vc-%s-%d", id[3:], v+1))
		}
		p.Workspaces = append(p.Workspaces, ws)
	}
	for h := 0; h < cfg.Hosts; h++ {
		p.Hosts = append(p.Hosts, Host{
			Instance: fmt.Sprintf("node-%02d", h+1), ClusterID: clusterID(h % cfg.Clusters),
			CPUs: 4, MemBytes: 32 << 30, DiskBytes: 200 << 30,
		})
	}
	return p, nil
}

func clusterID(i int) string { return fmt.Sprintf("cluster-%c", 'a'+i) }

// Workspace returns the workspace with this id.
func (p *Platform) Workspace(id string) (Workspace, bool) {
	for _, ws := range p.Workspaces {
		if ws.ID == id {
			return ws, true
		}
	}
	return Workspace{}, false
}

// unit is a deterministic number in [0,1) for a seed and a key.
func unit(seed int64, parts ...string) float64 {
	h := fnv.New64a()
	_, _ = fmt.Fprint(h, seed)
	for _, p := range parts {
		_, _ = h.Write([]byte{0})
		_, _ = h.Write([]byte(p))
	}
	return float64(h.Sum64()>>11) / float64(1<<53)
}
