// Command pluginpkg packages dist/ as the zip Grafana installs and checks that zip's metadata:
//
//	go run ./tools/pluginpkg zip   -dist dist -out artifacts
//	go run ./tools/pluginpkg check artifacts/<id>-<version>.zip
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "zip":
		fs := flag.NewFlagSet("zip", flag.ExitOnError)
		dist := fs.String("dist", "dist", "built plugin folder")
		out := fs.String("out", "artifacts", "folder for the zip")
		_ = fs.Parse(os.Args[2:])
		runZip(*dist, *out)
	case "check":
		fs := flag.NewFlagSet("check", flag.ExitOnError)
		pkg := fs.String("package-json", "package.json", "package.json whose version the plugin must carry")
		_ = fs.Parse(os.Args[2:])
		if fs.NArg() != 1 {
			usage()
		}
		runCheck(fs.Arg(0), *pkg)
	default:
		usage()
	}
}

func runZip(dist, out string) {
	var meta pluginJSON
	raw, err := os.ReadFile(filepath.Join(dist, "plugin.json"))
	exitOn(err)
	exitOn(json.Unmarshal(raw, &meta))
	exitOn(os.MkdirAll(out, 0o755))
	zipPath := filepath.Join(out, fmt.Sprintf("%s-%s.zip", meta.ID, meta.Info.Version))
	exitOn(Zip(dist, meta.ID, zipPath))
	fmt.Println(zipPath)
}

func runCheck(zipPath, packageJSON string) {
	var pkg struct {
		Version string `json:"version"`
	}
	raw, err := os.ReadFile(packageJSON)
	exitOn(err)
	exitOn(json.Unmarshal(raw, &pkg))
	data, err := os.ReadFile(zipPath)
	exitOn(err)
	problems := Check(data, pkg.Version)
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
	fmt.Printf("%s: plugin metadata and layout are valid\n", zipPath)
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: pluginpkg zip [-dist dist] [-out artifacts] | pluginpkg check [-package-json package.json] <zip>")
	os.Exit(2)
}

func exitOn(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
