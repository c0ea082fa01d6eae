// Package jaeger runs the Workspace page's trace queries against a real Jaeger, sent as Grafana's
// Jaeger datasource sends them.
package jaeger

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// SearchQuery is the part of a Jaeger datasource query model that a search reads.
type SearchQuery struct {
	QueryType   string `json:"queryType"`
	Service     string `json:"service"`
	Operation   string `json:"operation"`
	Tags        string `json:"tags"`
	MinDuration string `json:"minDuration"`
	MaxDuration string `json:"maxDuration"`
	Limit       int    `json:"limit"`
}

// SearchURL is the request Grafana makes to Jaeger for a search over [from, to]. It mirrors
// JaegerClient.Search of grafana/grafana pkg/tsdb/jaeger/client.go (Grafana 12.4; every query
// runs there since grafana/grafana#107702 removed the frontend path).
func SearchURL(base string, q SearchQuery, from, to time.Time) (string, error) {
	u, err := url.JoinPath(base, "/api/traces")
	if err != nil {
		return "", err
	}
	parsed, err := url.Parse(u)
	if err != nil {
		return "", err
	}
	params := parsed.Query()
	if q.Limit > 0 {
		params.Set("limit", fmt.Sprint(q.Limit))
	}
	if start := from.UnixMicro(); start > 0 {
		params.Set("start", fmt.Sprint(start))
	}
	if end := to.UnixMicro(); end > 0 {
		params.Set("end", fmt.Sprint(end))
	}
	tags := ""
	if q.Tags != "" {
		encoded, err := json.Marshal(logfmtPairs(q.Tags))
		if err != nil {
			return "", err
		}
		tags = string(encoded)
	}
	for key, value := range map[string]string{"service": q.Service, "operation": q.Operation, "tags": tags,
		"minDuration": q.MinDuration, "maxDuration": q.MaxDuration} {
		if value != "" {
			params.Set(key, value)
		}
	}
	parsed.RawQuery = params.Encode()
	return parsed.String(), nil
}

// TraceURL is the request Grafana makes for a trace-id query (the target of the Loki derived field),
// as JaegerClient.Trace in the same file builds it when traceIdTimeParams is off.
func TraceURL(base, traceID string) (string, error) {
	return url.JoinPath(base, "/api/traces", url.QueryEscape(traceID))
}

// logfmtPairs decodes tags as go-logfmt's Decoder does for Grafana, one map over all lines, and
// keeps the pairs before a syntax error: Grafana never reads the decoder's error.
func logfmtPairs(s string) map[string]string {
	pairs := map[string]string{}
	lines := bufio.NewScanner(strings.NewReader(s))
	for lines.Scan() {
		if !logfmtLine(lines.Text(), pairs) {
			break
		}
	}
	return pairs
}

// logfmtLine adds the pairs of one line and reports whether the line had no syntax error.
func logfmtLine(line string, pairs map[string]string) bool {
	pos := 0
	for {
		for pos < len(line) && line[pos] <= ' ' {
			pos++
		}
		if pos == len(line) {
			return true
		}
		start := pos
		for pos < len(line) && line[pos] > ' ' && line[pos] != '=' && line[pos] != '"' {
			pos++
		}
		key := line[start:pos]
		if pos < len(line) && line[pos] == '"' || strings.ContainsRune(key, utf8.RuneError) {
			return false
		}
		if pos == len(line) || line[pos] != '=' {
			pairs[key] = ""
			continue
		}
		if key == "" {
			return false
		}
		value, next, ok := logfmtValue(line, pos+1)
		if !ok {
			return false
		}
		pairs[key], pos = value, next
	}
}

// logfmtValue reads the value that starts at pos, bare or quoted (with JSON escapes).
func logfmtValue(line string, pos int) (string, int, bool) {
	if pos == len(line) || line[pos] <= ' ' {
		return "", pos, true
	}
	if line[pos] != '"' {
		start := pos
		for pos < len(line) && line[pos] > ' ' {
			if line[pos] == '=' || line[pos] == '"' {
				return "", pos, false
			}
			pos++
		}
		return line[start:pos], pos, true
	}
	escaped := false
	for end := pos + 1; end < len(line); end++ {
		switch {
		case line[end] == '\\':
			escaped = !escaped
		case line[end] == '"' && !escaped:
			quoted := line[pos : end+1]
			if !strings.Contains(quoted, `\`) {
				return quoted[1 : len(quoted)-1], end + 1, true
			}
			// go-logfmt unquotes as JSON does, and also accepts \'.
			var value string
			if err := json.Unmarshal([]byte(jsonEscapes(quoted)), &value); err != nil {
				return "", end, false
			}
			return value, end + 1, true
		default:
			escaped = false
		}
	}
	return "", len(line), false
}

// jsonEscapes rewrites the escape \' as the character itself, which JSON writes unescaped.
func jsonEscapes(quoted string) string {
	var b strings.Builder
	for i := 0; i < len(quoted); i++ {
		if quoted[i] == '\\' && i+1 < len(quoted) {
			i++
			if quoted[i] != '\'' {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(quoted[i])
	}
	return b.String()
}
