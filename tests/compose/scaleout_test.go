package compose

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// scaleOut is the profile of the Cortex cluster, its gateway and the agents.
const scaleOut = "scale-out"

// cortexTargets are the components of the layout tools/cortextest runs, each its own service.
var cortexTargets = []string{"distributor", "ingester", "querier", "store-gateway", "ruler"}

func profilesOf(svc map[string]any) []string {
	var out []string
	list, _ := svc["profiles"].([]any)
	for _, p := range list {
		out = append(out, fmt.Sprint(p))
	}
	return out
}

// commandFlag returns the value of -name=value (or "true" for a bare -name) in the service's
// command; name carries its dashes.
func commandFlag(svc map[string]any, name string) string {
	command, _ := svc["command"].([]any)
	for _, arg := range command {
		a := fmt.Sprint(arg)
		if a == name {
			return "true"
		}
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return v
		}
	}
	return ""
}

// healthcheckURL is the URL a wget health check fetches, or nil.
func healthcheckURL(svc map[string]any) *url.URL {
	test, _ := asMap(svc["healthcheck"])["test"].([]any)
	for _, arg := range test {
		if u, err := url.Parse(fmt.Sprint(arg)); err == nil && u.Scheme == "http" {
			return u
		}
	}
	return nil
}

// Without the profile `docker compose up` starts what it always did: no service outside a
// profile waits for one inside it, which compose would refuse.
func TestServicesWithoutAProfileNeedNone(t *testing.T) {
	p := loadProject(t)
	for _, name := range sortedKeys(p.main.services()) {
		svc, err := p.service(name)
		if err != nil || len(profilesOf(svc)) > 0 {
			continue
		}
		for _, dep := range sortedKeys(asMap(svc["depends_on"])) {
			if target, err := p.service(dep); err == nil && len(profilesOf(target)) > 0 {
				t.Errorf("%s: services.%s.depends_on.%s: %s only runs with the profile %v", mainFile, name, dep, dep, profilesOf(target))
			}
		}
	}
}

// cortexServices are the services running the Cortex image, by name.
func cortexServices(t *testing.T, p *project) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, name := range sortedKeys(p.main.services()) {
		svc, err := p.service(name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(fmt.Sprint(svc["image"]), "cortexproject/cortex:") {
			out[name] = svc
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: no service runs the Cortex image", mainFile)
	}
	return out
}

// dig reads a nested field of a YAML document by its dotted path.
func dig(doc map[string]any, dotted string) any {
	var v any = doc
	for _, k := range strings.Split(dotted, ".") {
		v = asMap(v)[k]
	}
	return v
}

// namedVolumeAt returns the named volume a service mounts at a container directory or above it.
func namedVolumeAt(svc map[string]any, dir string) string {
	best, bestTarget := "", ""
	volumes, _ := svc["volumes"].([]any)
	for _, v := range volumes {
		kind, source := volumeSource(v)
		target := ""
		if m, ok := v.(map[string]any); ok {
			target = fmt.Sprint(m["target"])
		} else if parts := strings.Split(fmt.Sprint(v), ":"); len(parts) > 1 {
			target = parts[1]
		}
		if kind == "volume" && source != "" && (dir == target || strings.HasPrefix(dir, target+"/")) && len(target) > len(bestTarget) {
			best, bestTarget = source, target
		}
	}
	return best
}

// The Cortex components share one configuration that addresses them by service name, and keep
// on volumes what must outlive a container: the blocks and rules every reader shares, each
// ingester's WAL and ring tokens.
func TestCortexConfigPointsAtTheServices(t *testing.T) {
	p := loadProject(t)
	services := cortexServices(t, p)
	configFile := ""
	byTarget := map[string][]string{}
	for _, name := range sortedKeys(services) {
		svc := services[name]
		where := fmt.Sprintf("%s: services.%s", mainFile, name)
		if !slices.Contains(profilesOf(svc), scaleOut) {
			t.Errorf("%s: not in the %s profile", where, scaleOut)
		}
		file, ok := mountedFile(svc, commandFlag(svc, "-config.file"))
		switch {
		case !ok:
			t.Errorf("%s.command: -config.file is not a file bind-mounted from the repository", where)
		case configFile == "":
			configFile = file
		case file != configFile:
			t.Errorf("%s.command: -config.file is %s; the other components read %s", where, file, configFile)
		}
		target := commandFlag(svc, "-target")
		if !slices.Contains(cortexTargets, target) {
			t.Errorf("%s.command: -target=%q is none of %v", where, target, cortexTargets)
		}
		byTarget[target] = append(byTarget[target], name)
	}
	if configFile == "" {
		t.FailNow()
	}
	data, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(configFile)))
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatalf("%s: %v", configFile, err)
	}
	for _, target := range cortexTargets {
		if len(byTarget[target]) == 0 {
			t.Errorf("%s: no service runs the Cortex target %s", mainFile, target)
		}
	}
	if rf := dig(cfg, "ingester.lifecycler.ring.replication_factor"); fmt.Sprint(rf) != strconv.Itoa(len(byTarget["ingester"])) {
		t.Errorf("%s: ingester replication_factor %v, but %d ingester services", configFile, rf, len(byTarget["ingester"]))
	}
	for field, want := range map[string]string{
		"auth_enabled": "true", "tenant_federation.enabled": "true", "ruler.enable_api": "true",
		"blocks_storage.backend": "filesystem", "ruler_storage.backend": "filesystem",
		"querier.query_ingesters_within": "13h", "querier.query_store_after": "12h",
		"store_gateway.sharding_ring.wait_stability_min_duration": "0s",
	} {
		if got := fmt.Sprint(dig(cfg, field)); got != want {
			t.Errorf("%s: %s is %s, want %s (the layout of tools/cortextest)", configFile, field, got, want)
		}
	}
	checkRetention(t, configFile, cfg)
	checkCortexPorts(t, configFile, cfg, services)
	checkCortexVolumes(t, configFile, cfg, services, byTarget)
}

// The ingesters answer queries for query_ingesters_within, so they must keep that much.
func checkRetention(t *testing.T, file string, cfg map[string]any) {
	t.Helper()
	within, err1 := time.ParseDuration(fmt.Sprint(dig(cfg, "querier.query_ingesters_within")))
	retention, err2 := time.ParseDuration(fmt.Sprint(dig(cfg, "blocks_storage.tsdb.retention_period")))
	if err1 != nil || err2 != nil || retention < within {
		t.Errorf("%s: blocks_storage.tsdb.retention_period %v is shorter than querier.query_ingesters_within %v: queries would miss what the ingesters dropped and the store is not asked for", file, retention, within)
	}
}

func checkCortexPorts(t *testing.T, file string, cfg map[string]any, services map[string]map[string]any) {
	t.Helper()
	httpPort, _ := strconv.Atoi(fmt.Sprint(dig(cfg, "server.http_listen_port")))
	grpcPort, _ := strconv.Atoi(fmt.Sprint(dig(cfg, "server.grpc_listen_port")))
	gossipPort, _ := strconv.Atoi(fmt.Sprint(dig(cfg, "memberlist.bind_port")))
	for _, name := range sortedKeys(services) {
		svc := services[name]
		for _, port := range []int{httpPort, grpcPort, gossipPort} {
			if !containerPorts(svc)[port] {
				t.Errorf("%s: services.%s does not expose %d, a port of %s", mainFile, name, port, file)
			}
		}
		if hc := healthcheckURL(svc); hc == nil || hc.Port() != strconv.Itoa(httpPort) || hc.Path != "/ready" {
			t.Errorf("%s: services.%s: the health check must fetch /ready on the HTTP port %d, not %v", mainFile, name, httpPort, hc)
		}
	}
	members := map[string]bool{}
	list, _ := dig(cfg, "memberlist.join_members").([]any)
	for _, m := range list {
		host, port, err := net.SplitHostPort(fmt.Sprint(m))
		switch {
		case err != nil:
			t.Errorf("%s: memberlist.join_members: %v is not host:port", file, m)
		case services[host] == nil:
			t.Errorf("%s: memberlist.join_members: %s is no Cortex service of %s", file, host, mainFile)
		case port != strconv.Itoa(gossipPort):
			t.Errorf("%s: memberlist.join_members: %s is not memberlist.bind_port %d", file, m, gossipPort)
		}
		members[host] = true
	}
	for _, name := range sortedKeys(services) {
		if !members[name] {
			t.Errorf("%s: memberlist.join_members lacks %s", file, name)
		}
	}
}

func checkCortexVolumes(t *testing.T, file string, cfg map[string]any, services map[string]map[string]any, byTarget map[string][]string) {
	t.Helper()
	shared := func(dir string, targets ...string) {
		volume := ""
		for _, target := range targets {
			for _, name := range byTarget[target] {
				got := namedVolumeAt(services[name], dir)
				if got == "" || (volume != "" && got != volume) {
					t.Errorf("%s: services.%s must mount the volume the other components share at %s (%s)", mainFile, name, dir, file)
				}
				volume = got
			}
		}
	}
	shared(fmt.Sprint(dig(cfg, "blocks_storage.filesystem.dir")), "ingester", "querier", "store-gateway", "ruler")
	shared(fmt.Sprint(dig(cfg, "ruler_storage.filesystem.dir")), "ruler")
	owners := map[string]string{}
	for _, name := range byTarget["ingester"] {
		svc := services[name]
		if id := commandFlag(svc, "-ingester.lifecycler.ID"); id != name {
			t.Errorf("%s: services.%s.command: -ingester.lifecycler.ID is %q; its name keeps its place in the ring", mainFile, name, id)
		}
		for _, field := range []string{"blocks_storage.tsdb.dir", "ingester.lifecycler.tokens_file_path"} {
			dir := fmt.Sprint(dig(cfg, field))
			volume := namedVolumeAt(svc, dir)
			if volume == "" {
				t.Errorf("%s: services.%s: %s %s is on no volume, so a restart loses it", mainFile, name, field, dir)
			} else if owner, taken := owners[volume]; taken && owner != name {
				t.Errorf("%s: services.%s and %s share the volume %s for %s", mainFile, name, owner, volume, field)
			}
			owners[volume] = name
		}
	}
}

// cachedTool finds a binary named by env, else in the test command's tool cache, or "".
func cachedTool(env, name string) string {
	if p := os.Getenv(env); p != "" {
		return p
	}
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		home, _ := os.UserHomeDir()
		cache = filepath.Join(home, ".cache")
	}
	p := filepath.Join(cache, "hexabase-monitoring", "bin", name)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// The real Cortex reads each component's command and the configuration strictly and validates
// them (-modules stops before anything starts), when the test command has built it.
func TestCortexAcceptsEachComponentsConfiguration(t *testing.T) {
	cortex := cachedTool("CORTEX_BIN", "cortex-v1.21.1")
	if cortex == "" {
		t.Skip("cortex v1.21.1 is not built (scripts/lib/install-cortex.sh)")
	}
	p := loadProject(t)
	services := cortexServices(t, p)
	for _, name := range sortedKeys(services) {
		svc := services[name]
		var args []string
		command, _ := svc["command"].([]any)
		for _, arg := range command {
			a := fmt.Sprint(arg)
			if v, ok := strings.CutPrefix(a, "-config.file="); ok {
				file, _ := mountedFile(svc, v)
				a = "-config.file=" + filepath.Join(repoRoot, filepath.FromSlash(path.Clean(file)))
			}
			args = append(args, a)
		}
		if out, err := exec.Command(cortex, append(args, "-modules")...).CombinedOutput(); err != nil {
			t.Errorf("%s: services.%s: cortex refuses its command or configuration: %v\n%s", mainFile, name, err, out)
		}
	}
}
