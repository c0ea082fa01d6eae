package main

import (
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func names(f ruleFile) string {
	var out []string
	for _, g := range f.Groups {
		for _, r := range g.Rules {
			out = append(out, g.Name+"/"+r.Record)
		}
	}
	return strings.Join(out, " ")
}

func TestSplitOrdersRulesByWhatTheyRead(t *testing.T) {
	var f ruleFile
	err := yaml.Unmarshal([]byte(`groups:
- name: a
  interval: 30s
  rules:
  - record: ws:req:rate5m
    expr: sum by (ws) (rate(req_total[5m]))
  - record: ws:req:rate5m_total
    expr: sum(rate(ws:req:rate5m_total_raw[5m]))
  - alert: Busy
    expr: ws:req:rate5m > 1
  - record: ws:last:timestamp
    expr: max by (ws) (timestamp(up)) or ws:last:timestamp
- name: b
  rules:
  - record: pc:req:rate1h
    expr: avg_over_time(ws:req:rate5m[1h])
  - record: fleet:req:rate1h
    expr: sum(pc:req:rate1h)
`), &f)
	if err != nil {
		t.Fatal(err)
	}
	levels, err := Split(f)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range levels {
		got = append(got, names(l))
	}
	want := []string{"a/ws:req:rate5m a/ws:req:rate5m_total a/ws:last:timestamp", "b/pc:req:rate1h", "b/fleet:req:rate1h"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("levels = %q, want %q", got, want)
	}
	if levels[0].Groups[0].Interval != "30s" {
		t.Fatalf("interval lost: %+v", levels[0].Groups[0])
	}
}

func TestSplitRefusesACycle(t *testing.T) {
	f := ruleFile{Groups: []group{{Name: "g", Rules: []rule{{Record: "x:a", Expr: "x:b"}, {Record: "x:b", Expr: "x:a"}}}}}
	if _, err := Split(f); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Fatalf("Split() error = %v", err)
	}
}
