package buildversion

import (
	"runtime/debug"
	"testing"
)

func TestToolchainVersions(t *testing.T) {
	tests := []struct {
		name   string
		bi     debug.BuildInfo
		wantGo string
		want   string
	}{
		{
			name: "sdk among the dependencies",
			bi: debug.BuildInfo{GoVersion: "go1.26.8", Deps: []*debug.Module{
				{Path: "github.com/google/uuid", Version: "v1.6.0"},
				{Path: sdkModule, Version: "v0.298.0"},
			}},
			wantGo: "go1.26.8", want: "v0.298.0",
		},
		{
			name: "replaced sdk reports the replacement",
			bi: debug.BuildInfo{GoVersion: "go1.26.8", Deps: []*debug.Module{
				{Path: sdkModule, Version: "v0.298.0", Replace: &debug.Module{Path: "example.com/fork", Version: "v0.298.1"}},
			}},
			wantGo: "go1.26.8", want: "v0.298.1",
		},
		{name: "no dependencies recorded", bi: debug.BuildInfo{GoVersion: "go1.26.8"}, wantGo: "go1.26.8", want: "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotGo, got := toolchainVersions(&tt.bi)
			if gotGo != tt.wantGo || got != tt.want {
				t.Fatalf("toolchainVersions() = %q, %q; want %q, %q", gotGo, got, tt.wantGo, tt.want)
			}
		})
	}
}

func TestGetFallsBackToTheLoadedVersion(t *testing.T) {
	got := Get("hexabase-monitoring-app", "0.1.0")
	if got.PluginID != "hexabase-monitoring-app" || got.PluginVersion != "0.1.0" {
		t.Fatalf("Get() = %+v, want the id and the version Grafana loaded", got)
	}
}
