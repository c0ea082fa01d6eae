package settings

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
)

// Proposal is what the page is about to save through Grafana's settings API: jsonData and the secrets typed or reset.
type Proposal struct {
	JSONData       json.RawMessage   `json:"jsonData"`
	SecureJSONData map[string]string `json:"secureJsonData"`
}

const (
	MaxProposalBytes = MaxJSONDataBytes + MaxSecureJSONDataBytes + 1<<10
	BodySizeRule     = "must be at most 2 MiB of jsonData and 128 KiB of secureJsonData"
	BodyRule         = "must be a JSON object with jsonData and secureJsonData"
)

// ParseProposal reads a request body as strictly as Parse reads jsonData, then checks what it holds.
func ParseProposal(body []byte) (Proposal, error) {
	if len(body) > MaxProposalBytes {
		return Proposal{}, &ValidationError{Fields: []FieldError{oversizedPart(body[:MaxProposalBytes])}}
	}
	doc := bytes.Trim(body, " \t\r\n")
	if len(doc) == 0 || doc[0] != '{' {
		return Proposal{}, &ValidationError{Fields: []FieldError{{Field: "body", Rule: BodyRule}}}
	}
	if err := checkStrict(doc, reflect.TypeOf(Proposal{}), "body").err(); err != nil {
		return Proposal{}, err
	}
	var p Proposal
	if err := json.Unmarshal(doc, &p); err != nil {
		return Proposal{}, &ValidationError{Fields: []FieldError{{Field: "body", Rule: BodyRule}}}
	}
	if len(p.JSONData) > MaxJSONDataBytes {
		return p, &ValidationError{Fields: []FieldError{{Field: "jsonData", Rule: JSONDataSizeRule}}}
	}
	_, err := Parse(p.JSONData)
	return p, Join(err, ValidateSecrets(p.SecureJSONData))
}

// oversizedPart names the part of a body that its first bytes show to be too large.
func oversizedPart(prefix []byte) FieldError {
	limits := map[string]FieldError{
		"jsonData":       {Field: "jsonData", Rule: JSONDataSizeRule},
		"secureJsonData": {Field: "secureJsonData", Rule: SecureJSONDataSizeRule},
	}
	maxBytes := map[string]int{"jsonData": MaxJSONDataBytes, "secureJsonData": MaxSecureJSONDataBytes}
	dec := json.NewDecoder(bytes.NewReader(prefix))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return FieldError{Field: "body", Rule: BodyRule}
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		key, _ := tok.(string)
		var v json.RawMessage
		err = dec.Decode(&v)
		if f, ok := limits[key]; ok && (errors.Is(err, io.ErrUnexpectedEOF) || err == nil && len(v) > maxBytes[key]) {
			return f
		}
		if err != nil {
			break
		}
	}
	return FieldError{Field: "body", Rule: BodySizeRule}
}
