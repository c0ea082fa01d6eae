// Command rulelevels splits the recording rules of a Prometheus rule file into levels for
// promtool's rules importer, which evaluates each rule on the data it is served and never on
// what it records: level 0 reads raw series only, level n reads recordings of lower levels. A
// rule that reads its own series (a "last seen" chain) does not wait for itself. Alerting rules
// are left out: the importer would evaluate them over the whole window for series nobody reads.
//
//	go run ./tools/rulelevels -rules rules/hexabase.rules.yml -out DIR
//
// writes DIR/level-0.yml, DIR/level-1.yml, ... and prints how many levels there are.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

func main() {
	rules := flag.String("rules", "rules/hexabase.rules.yml", "the rule file")
	out := flag.String("out", "", "directory for level-N.yml")
	flag.Parse()
	if err := run(*rules, *out); err != nil {
		fmt.Fprintln(os.Stderr, "rulelevels:", err)
		os.Exit(1)
	}
}

func run(rulesPath, out string) error {
	raw, err := os.ReadFile(rulesPath)
	if err != nil {
		return err
	}
	var file ruleFile
	if err := yaml.Unmarshal(raw, &file); err != nil {
		return fmt.Errorf("%s: %w", rulesPath, err)
	}
	levels, err := Split(file)
	if err != nil {
		return err
	}
	for i, l := range levels {
		b, err := yaml.Marshal(l)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("level-%d.yml", i)), b, 0o644); err != nil {
			return err
		}
	}
	fmt.Println(len(levels))
	return nil
}
