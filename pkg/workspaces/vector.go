package workspaces

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// SeriesLabels are the labels every recorded series of a workspace carries.
type SeriesLabels struct {
	WorkspaceID string `json:"workspace_id"`
	ClusterID   string `json:"cluster_id"`
	PlanType    string `json:"plan_type"`
}

// DecodeVector walks a Prometheus instant query answer ({"status":..., "data":{"result":[...]}})
// and hands each series' labels, decoded into L, and its value to each; other members are
// skipped token by token, so the answer is never held whole.
func DecodeVector[L any](r io.Reader, each func(labels L, value float64) error) error {
	dec := json.NewDecoder(r)
	status, sawResult := "", false
	err := walkObject(dec, func(key string) error {
		switch key {
		case "status":
			return dec.Decode(&status)
		case "data":
			return walkObject(dec, func(key string) error {
				if key != "result" {
					return skipValue(dec)
				}
				sawResult = true
				return walkArray(dec, func() error {
					var series struct {
						Metric L                  `json:"metric"`
						Value  [2]json.RawMessage `json:"value"`
					}
					if err := dec.Decode(&series); err != nil {
						return err
					}
					v, err := sampleValue(series.Value[1])
					if err != nil {
						return err
					}
					return each(series.Metric, v)
				})
			})
		default:
			return skipValue(dec)
		}
	})
	switch {
	case err != nil:
		return fmt.Errorf("unreadable answer: %w", err)
	case status != "success" || !sawResult:
		return errors.New("unreadable answer: not a successful Prometheus query result")
	}
	return nil
}

// sampleValue reads the quoted number of a sample ("0.5", "NaN", "+Inf").
func sampleValue(raw json.RawMessage) (float64, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return 0, fmt.Errorf("a sample without a value: %s", raw)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("a sample whose value is not a number: %q", s)
	}
	return v, nil
}
func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("expected %q at byte %d", want, dec.InputOffset())
	}
	return nil
}

func walkObject(dec *json.Decoder, member func(key string) error) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if err := member(tok.(string)); err != nil {
			return err
		}
	}
	return expectDelim(dec, '}')
}

func walkArray(dec *json.Decoder, element func() error) error {
	if err := expectDelim(dec, '['); err != nil {
		return err
	}
	for dec.More() {
		if err := element(); err != nil {
			return err
		}
	}
	return expectDelim(dec, ']')
}

// skipValue reads one value of any size without keeping it.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}
