// Package buildversion reports which plugin and SDK versions this binary was built from.
package buildversion

import (
	"runtime/debug"

	"github.com/grafana/grafana-plugin-sdk-go/build/buildinfo"
)

const sdkModule = "github.com/grafana/grafana-plugin-sdk-go"

// Info is what GET /version returns.
type Info struct {
	PluginID      string `json:"pluginId"`
	PluginVersion string `json:"pluginVersion"`
	SDKVersion    string `json:"sdkVersion"`
	GoVersion     string `json:"goVersion"`
	BuiltAt       int64  `json:"builtAt,omitempty"`
}

// Get combines the build info that `mage` links in (plugin id, version from package.json, build
// time) with the SDK module version recorded by the Go toolchain. fallbackVersion, the version
// Grafana loaded (PluginContext.PluginVersion), is used when the binary was built without mage.
func Get(pluginID, fallbackVersion string) Info {
	info := Info{PluginID: pluginID, PluginVersion: fallbackVersion, SDKVersion: "unknown", GoVersion: "unknown"}
	if b, err := buildinfo.GetBuildInfo(); err == nil {
		if b.Version != "" {
			info.PluginVersion = b.Version
		}
		if b.PluginID != "" {
			info.PluginID = b.PluginID
		}
		info.BuiltAt = b.Time
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		info.GoVersion, info.SDKVersion = toolchainVersions(bi)
	}
	return info
}

// toolchainVersions reads the Go and SDK versions that the toolchain records in a built binary
// (test binaries record no dependencies, so they report "unknown").
func toolchainVersions(bi *debug.BuildInfo) (goVersion, sdkVersion string) {
	sdkVersion = "unknown"
	for _, dep := range bi.Deps {
		if dep.Path != sdkModule {
			continue
		}
		sdkVersion = dep.Version
		if dep.Replace != nil && dep.Replace.Version != "" {
			sdkVersion = dep.Replace.Version
		}
	}
	return bi.GoVersion, sdkVersion
}
