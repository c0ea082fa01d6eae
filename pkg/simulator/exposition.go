package simulator

import (
	"bufio"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Scope selects what an exposition holds.
type Scope struct {
	// Workspace, when set, keeps only that workspace's series, without the workspace labels
	// (workspace_id, plan_type, cluster_id) that its agent attaches as external labels: what
	// the workspace's own pods expose to the agent running in its vCluster.
	Workspace string
	// Platform keeps only what the platform itself exposes: the hosts and the control plane's
	// inventory of vClusters, which a platform agent scrapes.
	Platform bool
	// Agents keeps only the remote-write health series of every workspace's agent, as the agent
	// forwards them (its url label dropped, its workspace labels attached): a plain Prometheus
	// scraping the simulator reads them in place of real agents; a real agent exposes its own.
	Agents bool
}

// WriteMetrics advances to now and writes every metric family in Prometheus' text format.
func (s *Simulator) WriteMetrics(w io.Writer, now time.Time) error {
	return s.WriteScope(w, now, Scope{})
}

// WriteScope advances to now and writes the metric families of one scope; the zero Scope is
// everything, every series with its workspace labels, as a central Prometheus would hold it.
func (s *Simulator) WriteScope(w io.Writer, now time.Time, scope Scope) error {
	s.Advance(now)
	s.mu.Lock()
	defer s.mu.Unlock()
	bw := bufio.NewWriterSize(w, 1<<16)
	m := metricWriter{w: bw, scope: scope, silent: map[string]bool{}}
	for _, ws := range s.Platform.Workspaces {
		if s.Faults.Has("workspace-silent", Fault{Workspace: ws.ID}) {
			m.silent[ws.ID] = true
		}
	}
	if !scope.Platform && !scope.Agents {
		s.writeRequests(&m)
		s.writeGauges(&m, now)
		s.writeBusiness(&m, now)
	}
	if scope.Workspace == "" && !scope.Agents {
		s.writeInventory(&m)
		s.writeHosts(&m, now)
	}
	if scope.Workspace == "" && !scope.Platform {
		s.writeAgents(&m, now)
	}
	if m.err != nil {
		return m.err
	}
	return bw.Flush()
}

type metricWriter struct {
	w      *bufio.Writer
	err    error
	scope  Scope
	silent map[string]bool // workspaces whose agent is gone: none of their series is exposed
}

// includes reports whether a workspace's series belong to the exposition.
func (m *metricWriter) includes(ws Workspace) bool {
	return (m.scope.Workspace == "" || m.scope.Workspace == ws.ID) && !m.silent[ws.ID]
}

// labels are a workspace's series labels: with its workspace labels unless its agent attaches them.
func (m *metricWriter) labels(ws Workspace, more ...string) []string {
	if m.scope.Workspace != "" {
		return more
	}
	return workspaceLabels(ws, more...)
}

func (m *metricWriter) family(name, typ, help string) {
	m.write("# HELP " + name + " " + help + "\n# TYPE " + name + " " + typ + "\n")
}

// sample writes one line; labels alternate name, value.
func (m *metricWriter) sample(name string, value float64, labels ...string) {
	var b strings.Builder
	b.WriteString(name)
	if len(labels) > 0 {
		b.WriteByte('{')
		for i := 0; i+1 < len(labels); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(labels[i])
			b.WriteString(`="`)
			b.WriteString(escapeLabel(labels[i+1]))
			b.WriteByte('"')
		}
		b.WriteByte('}')
	}
	b.WriteByte(' ')
	b.WriteString(formatValue(value))
	b.WriteByte('\n')
	m.write(b.String())
}

func (m *metricWriter) write(s string) {
	if m.err == nil {
		_, m.err = m.w.WriteString(s)
	}
}

// labelEscaper is built once: building it per label was most of the cost of an exposition.
var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func escapeLabel(v string) string { return labelEscaper.Replace(v) }

func formatValue(v float64) string {
	if math.IsInf(v, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// workspaceLabels are the labels the per-plan agents attach as external labels.
func workspaceLabels(ws Workspace, more ...string) []string {
	return append([]string{"workspace_id", ws.ID, "plan_type", ws.Plan, "cluster_id", ws.ClusterID}, more...)
}

func (s *Simulator) writeRequests(m *metricWriter) {
	m.family("hexabase_http_requests_total", "counter", "Total HTTP requests")
	for i, ws := range s.Platform.Workspaces {
		if !m.includes(ws) {
			continue
		}
		for e, ep := range s.Platform.Endpoints {
			for k, code := range statusCodes {
				m.sample("hexabase_http_requests_total", s.ws[i].requests[e][k],
					m.labels(ws, "method", ep.Method, "endpoint", ep.Path, "status_code", code)...)
			}
		}
	}
	m.family("hexabase_http_request_duration_seconds", "histogram", "HTTP request duration in seconds")
	for i, ws := range s.Platform.Workspaces {
		if !m.includes(ws) {
			continue
		}
		for e, ep := range s.Platform.Endpoints {
			labels := m.labels(ws, "method", ep.Method, "endpoint", ep.Path)
			cumulative := 0.0
			for b, le := range latencyBuckets {
				cumulative += s.ws[i].buckets[e][b]
				m.sample("hexabase_http_request_duration_seconds_bucket", cumulative, append(labels, "le", formatValue(le))...)
			}
			cumulative += s.ws[i].buckets[e][len(latencyBuckets)]
			m.sample("hexabase_http_request_duration_seconds_bucket", cumulative, append(labels, "le", "+Inf")...)
			m.sample("hexabase_http_request_duration_seconds_sum", s.ws[i].sums[e], labels...)
			m.sample("hexabase_http_request_duration_seconds_count", cumulative, labels...)
		}
	}
}

func (s *Simulator) writeGauges(m *metricWriter, now time.Time) {
	seed := s.Platform.Config.Seed
	m.family("hexabase_active_connections", "gauge", "Number of active connections")
	for _, ws := range s.Platform.Workspaces {
		if !m.includes(ws) {
			continue
		}
		m.sample("hexabase_active_connections", math.Round(30*ws.Weight*rhythm(now)*(1+0.1*wave(seed, ws.ID, now, 17*time.Minute))), m.labels(ws)...)
	}
	m.family("hexabase_vcluster_status", "gauge", "vCluster status (1=healthy, 0=unhealthy)")
	for _, ws := range s.Platform.Workspaces {
		if !m.includes(ws) {
			continue
		}
		for _, vc := range ws.VClusters {
			at := Fault{Workspace: ws.ID, VCluster: vc}
			if s.Faults.Has("vcluster-silent", at) || s.Faults.Has("vcluster-removed", at) {
				continue
			}
			status := 1.0
			if s.Faults.Has("vcluster-down", at) {
				status = 0
			}
			m.sample("hexabase_vcluster_status", status, m.labels(ws, "vcluster_name", vc)...)
		}
	}
	m.family("hexabase_database_connections", "gauge", "Number of database connections")
	for _, ws := range s.Platform.Workspaces {
		if !m.includes(ws) {
			continue
		}
		for _, db := range databaseNames {
			active := 1 + math.Round(5*ws.Weight*rhythm(now))
			m.sample("hexabase_database_connections", active, m.labels(ws, "database_name", db, "connection_type", "active")...)
			m.sample("hexabase_database_connections", math.Max(0, 20-active), m.labels(ws, "database_name", db, "connection_type", "idle")...)
		}
	}
}

// writeInventory writes the control plane's inventory: one series per vCluster it runs, whether
// it reports or not.
func (s *Simulator) writeInventory(m *metricWriter) {
	m.family("hexabase_vcluster_info", "gauge", "vClusters the control plane runs (always 1)")
	for _, ws := range s.Platform.Workspaces {
		for _, vc := range ws.VClusters {
			if !s.Faults.Has("vcluster-removed", Fault{Workspace: ws.ID, VCluster: vc}) {
				m.sample("hexabase_vcluster_info", 1, workspaceLabels(ws, "vcluster_name", vc)...)
			}
		}
	}
}

func (s *Simulator) writeBusiness(m *metricWriter, now time.Time) {
	m.family("hexabase_workspace_deployments_total", "counter", "Total number of deployments per workspace")
	for i, ws := range s.Platform.Workspaces {
		if !m.includes(ws) {
			continue
		}
		for _, key := range sortedKeys2(s.ws[i].deploys) {
			m.sample("hexabase_workspace_deployments_total", s.ws[i].deploys[key], m.labels(ws, "deployment_type", key[0], "status", key[1])...)
		}
	}
	m.family("hexabase_resource_usage_ratio", "gauge", "Resource usage ratio (0-1)")
	for i, ws := range s.Platform.Workspaces {
		if !m.includes(ws) {
			continue
		}
		for _, r := range resourceTypes {
			m.sample("hexabase_resource_usage_ratio", s.resourceUsage(i, r, now), m.labels(ws, "resource_type", r)...)
		}
	}
	m.family("hexabase_active_user_sessions", "gauge", "Number of active user sessions")
	for _, ws := range s.Platform.Workspaces {
		if !m.includes(ws) {
			continue
		}
		m.sample("hexabase_active_user_sessions", math.Round(float64(ws.Users)*0.4*rhythm(now)), m.labels(ws)...)
	}
	m.family("hexabase_aiops_operations_total", "counter", "Total AIOps operations")
	for i, ws := range s.Platform.Workspaces {
		if !m.includes(ws) {
			continue
		}
		for _, key := range sortedKeys3(s.ws[i].aiops) {
			m.sample("hexabase_aiops_operations_total", s.ws[i].aiops[key], m.labels(ws, "agent_name", key[0], "operation_type", key[1], "status", key[2])...)
		}
	}
}

// writeAgents writes the four remote-write health series of each workspace's agent under the
// names and help of Prometheus' remote storage, with remote_name "workspace" and no url label, as
// the agent's configuration forwards them. The appended timestamp has no remote_name.
func (s *Simulator) writeAgents(m *metricWriter, now time.Time) {
	const remote = "workspace"
	each := func(write func(i int, ws Workspace)) {
		for i, ws := range s.Platform.Workspaces {
			if m.includes(ws) {
				write(i, ws)
			}
		}
	}
	m.family("prometheus_remote_storage_samples_total", "counter", "Total number of samples sent to remote storage.")
	each(func(i int, ws Workspace) {
		m.sample("prometheus_remote_storage_samples_total", s.ws[i].agentSamples, workspaceLabels(ws, "remote_name", remote)...)
	})
	m.family("prometheus_remote_storage_samples_failed_total", "counter", "Total number of samples which failed on send to remote storage, non-recoverable errors.")
	each(func(i int, ws Workspace) {
		m.sample("prometheus_remote_storage_samples_failed_total", s.ws[i].agentFailed, workspaceLabels(ws, "remote_name", remote)...)
	})
	m.family("prometheus_remote_storage_highest_timestamp_in_seconds", "gauge", "Highest timestamp that has come into the remote storage via the Appender interface, in seconds since epoch. Initialized to 0 when no data has been received yet.")
	each(func(_ int, ws Workspace) {
		m.sample("prometheus_remote_storage_highest_timestamp_in_seconds", float64(now.Unix()), workspaceLabels(ws)...)
	})
	m.family("prometheus_remote_storage_queue_highest_sent_timestamp_seconds", "gauge", "Timestamp from a WAL sample, the highest timestamp successfully sent by this queue, in seconds since epoch. Initialized to 0 when no data has been sent yet.")
	each(func(i int, ws Workspace) {
		sent := s.sentTimestamp(ws, now)
		if s.ws[i].frozenBy != "" {
			sent = s.ws[i].frozenSentAt
		}
		m.sample("prometheus_remote_storage_queue_highest_sent_timestamp_seconds", sent, workspaceLabels(ws, "remote_name", remote)...)
	})
}

func (s *Simulator) writeHosts(m *metricWriter, now time.Time) {
	seed := s.Platform.Config.Seed
	m.family("node_cpu_seconds_total", "counter", "Seconds the CPUs spent in each mode.")
	for i, h := range s.Platform.Hosts {
		for c, modes := range s.hosts[i].cpu {
			for k, mode := range []string{"idle", "user", "system"} {
				m.sample("node_cpu_seconds_total", modes[k], "instance", h.Instance, "cluster_id", h.ClusterID, "cpu", strconv.Itoa(c), "mode", mode)
			}
		}
	}
	m.family("node_memory_MemTotal_bytes", "gauge", "Memory information field MemTotal_bytes.")
	for _, h := range s.Platform.Hosts {
		m.sample("node_memory_MemTotal_bytes", h.MemBytes, "instance", h.Instance, "cluster_id", h.ClusterID)
	}
	m.family("node_memory_MemAvailable_bytes", "gauge", "Memory information field MemAvailable_bytes.")
	for _, h := range s.Platform.Hosts {
		free := 0.5 + 0.1*wave(seed, h.Instance+"mem", now, 31*time.Minute)
		if s.Faults.Has("host-memory", Fault{Host: h.Instance}) {
			free = 0.05
		}
		m.sample("node_memory_MemAvailable_bytes", math.Round(h.MemBytes*free), "instance", h.Instance, "cluster_id", h.ClusterID)
	}
	type fs struct{ device, fstype, mountpoint string }
	filesystems := []fs{{"/dev/sda1", "ext4", "/"}, {"tmpfs", "tmpfs", "/run"}}
	for _, f := range []struct{ name, help string }{
		{"node_filesystem_size_bytes", "Filesystem size in bytes."},
		{"node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes."},
		{"node_filesystem_readonly", "Filesystem read-only status."},
	} {
		m.family(f.name, "gauge", f.help)
		for _, h := range s.Platform.Hosts {
			for _, x := range filesystems {
				size, free := h.DiskBytes, 0.45+0.02*wave(seed, h.Instance+"disk", now, 5*time.Hour)
				if x.fstype == "tmpfs" {
					size, free = 1<<30, 0.005 // a nearly full tmpfs is normal and must not alert
				} else if s.Faults.Has("host-disk", Fault{Host: h.Instance}) {
					free = 0.04
				}
				value := map[string]float64{"node_filesystem_size_bytes": size, "node_filesystem_avail_bytes": math.Round(size * free), "node_filesystem_readonly": 0}[f.name]
				m.sample(f.name, value, "instance", h.Instance, "cluster_id", h.ClusterID, "device", x.device, "fstype", x.fstype, "mountpoint", x.mountpoint)
			}
		}
	}
}

func sortedKeys2(m map[[2]string]float64) [][2]string {
	keys := make([][2]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1] })
	return keys
}

func sortedKeys3(m map[[3]string]float64) [][3]string {
	keys := make([][3]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return strings.Join(keys[i][:], "/") < strings.Join(keys[j][:], "/")
	})
	return keys
}
