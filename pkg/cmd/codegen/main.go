// Command codegen writes the generated files of the repository, or with -check reports those
// whose committed content differs from what the generator produces.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hexabase/hexabase-monitoring-app/pkg/codegen"
)

func main() {
	check := flag.Bool("check", false, "fail if a committed generated file differs from the generator's output")
	root := flag.String("root", ".", "repository root")
	flag.Parse()
	drifted := 0
	files, err := codegen.All()
	if err != nil {
		fail(err)
	}
	for _, f := range files {
		path := filepath.Join(*root, f.Path)
		current, _ := os.ReadFile(path)
		want, err := f.Apply(string(current))
		if err != nil {
			fail(err)
		}
		if *check {
			if string(current) != want {
				fmt.Fprintf(os.Stderr, "%s is out of date: run `go run ./pkg/cmd/codegen`\n", f.Path)
				drifted++
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			fail(err)
		}
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			fail(err)
		}
	}
	if drifted > 0 {
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
