package jaeger

import (
	"reflect"
	"testing"
	"time"
)

func TestSearchURLIsWhatGrafanaSendsForThePageQuery(t *testing.T) {
	from := time.UnixMicro(1_760_000_000_000_001)
	q := SearchQuery{QueryType: "search", Service: "hexabase-api", Tags: "workspace_id=ws-0001", MinDuration: "500ms", Limit: 20}
	got, err := SearchURL("http://127.0.0.1:16686", q, from, from.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := "http://127.0.0.1:16686/api/traces?end=1760003600000001&limit=20&minDuration=500ms&service=hexabase-api" +
		"&start=1760000000000001&tags=%7B%22workspace_id%22%3A%22ws-0001%22%7D"
	if got != want {
		t.Errorf("SearchURL:\n got %s\nwant %s", got, want)
	}
}

func TestSearchURLLeavesOutEmptyFields(t *testing.T) {
	got, err := SearchURL("http://jaeger:16686/prefix/", SearchQuery{Service: "api", Operation: "GET /", MaxDuration: "2s"}, time.Unix(0, 0), time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if want := "http://jaeger:16686/prefix/api/traces?maxDuration=2s&operation=GET+%2F&service=api"; got != want {
		t.Errorf("SearchURL:\n got %s\nwant %s", got, want)
	}
}

func TestSearchURLSendsEmptyTagsWhenNoneDecode(t *testing.T) {
	got, err := SearchURL("http://jaeger:16686", SearchQuery{Service: "api", Tags: "=x"}, time.Unix(0, 0), time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if want := "http://jaeger:16686/api/traces?service=api&tags=%7B%7D"; got != want {
		t.Errorf("SearchURL:\n got %s\nwant %s", got, want)
	}
}

func TestTraceURL(t *testing.T) {
	got, err := TraceURL("http://jaeger:16686", "4bf92f3577b34da6a3ce929d0e0e4736")
	if err != nil {
		t.Fatal(err)
	}
	if want := "http://jaeger:16686/api/traces/4bf92f3577b34da6a3ce929d0e0e4736"; got != want {
		t.Errorf("TraceURL: got %s, want %s", got, want)
	}
}

func TestLogfmtPairsDecodeAsGoLogfmt(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want map[string]string
	}{
		{"workspace_id=ws-0001", map[string]string{"workspace_id": "ws-0001"}},
		{`  a=1 b="x y" c  d=`, map[string]string{"a": "1", "b": "x y", "c": "", "d": ""}},
		{`a="say \"hi\"\n" b="\u00e9"`, map[string]string{"a": "say \"hi\"\n", "b": "é"}},
		{`a="it\'s" b="\\'"`, map[string]string{"a": "it's", "b": `\'`}},
		{`a=""`, map[string]string{"a": ""}},
		{"a=1\nb=2\r\na=3", map[string]string{"a": "3", "b": "2"}},
		// A syntax error ends the decoding; the pairs before it stay.
		{"a=1 =2 b=3", map[string]string{"a": "1"}},
		{`a=1 b=x"y c=3`, map[string]string{"a": "1"}},
		{`a=1 b"=2`, map[string]string{"a": "1"}},
		{`a=1 b=x=y`, map[string]string{"a": "1"}},
		{`a=1 b="open`, map[string]string{"a": "1"}},
		{`a=1 b="\x"`, map[string]string{"a": "1"}},
		{"a=1 \xff=2", map[string]string{"a": "1"}},
		{"a=1\n=2\nb=3", map[string]string{"a": "1"}},
		{"", map[string]string{}},
	} {
		if got := logfmtPairs(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("logfmtPairs(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
