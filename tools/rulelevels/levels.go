package main

import (
	"fmt"
	"regexp"
)

type ruleFile struct {
	Groups []group `yaml:"groups"`
}

type group struct {
	Name     string `yaml:"name"`
	Interval string `yaml:"interval,omitempty"`
	Rules    []rule `yaml:"rules"`
}

type rule struct {
	Record string            `yaml:"record,omitempty"`
	Alert  string            `yaml:"alert,omitempty"`
	Expr   string            `yaml:"expr"`
	Labels map[string]string `yaml:"labels,omitempty"`
}

// Split returns the recording rules by level, each level keeping the file's groups and order.
func Split(f ruleFile) ([]ruleFile, error) {
	reads := map[string]*regexp.Regexp{}
	for _, g := range f.Groups {
		for _, r := range g.Rules {
			if r.Record != "" {
				// A recorded name inside a longer metric name is not a read of it.
				reads[r.Record] = regexp.MustCompile(`(^|[^A-Za-z0-9_:])` + regexp.QuoteMeta(r.Record) + `($|[^A-Za-z0-9_:])`)
			}
		}
	}
	level := map[string]int{}
	var levelOf func(name string, seen map[string]bool) (int, error)
	exprs := map[string][]string{}
	for _, g := range f.Groups {
		for _, r := range g.Rules {
			if r.Record != "" {
				exprs[r.Record] = append(exprs[r.Record], r.Expr)
			}
		}
	}
	levelOf = func(name string, seen map[string]bool) (int, error) {
		if l, ok := level[name]; ok {
			return l, nil
		}
		if seen[name] {
			return 0, fmt.Errorf("recording rules read each other in a cycle through %s", name)
		}
		seen[name] = true
		l := 0
		for _, expr := range exprs[name] {
			for dep, re := range reads {
				if dep == name || !re.MatchString(expr) {
					continue
				}
				d, err := levelOf(dep, seen)
				if err != nil {
					return 0, err
				}
				l = max(l, d+1)
			}
		}
		delete(seen, name)
		level[name] = l
		return l, nil
	}
	var out []ruleFile
	for _, g := range f.Groups {
		for _, r := range g.Rules {
			if r.Record == "" {
				continue
			}
			l, err := levelOf(r.Record, map[string]bool{})
			if err != nil {
				return nil, err
			}
			for len(out) <= l {
				out = append(out, ruleFile{})
			}
			lf := &out[l]
			if n := len(lf.Groups); n == 0 || lf.Groups[n-1].Name != g.Name {
				lf.Groups = append(lf.Groups, group{Name: g.Name, Interval: g.Interval})
			}
			lf.Groups[len(lf.Groups)-1].Rules = append(lf.Groups[len(lf.Groups)-1].Rules, r)
		}
	}
	return out, nil
}
