package plugin

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
)

// settingsProposal is what the configuration page is about to save through Grafana's plugin
// settings API: the whole jsonData and the secrets typed in this edit.
type settingsProposal struct {
	JSONData       json.RawMessage   `json:"jsonData"`
	SecureJSONData map[string]string `json:"secureJsonData"`
}

// handleValidateSettings answers POST /settings/validate: 200 when the proposed settings are
// valid, 400 naming every broken field and rule otherwise. The page calls it before it saves,
// so that invalid settings are never stored; nothing here echoes a value back.
func (a *App) handleValidateSettings(w http.ResponseWriter, req *http.Request) {
	if !isAdmin(req) {
		writeError(w, http.StatusForbidden, "only an Admin can change the app's settings")
		return
	}
	body, err := io.ReadAll(io.LimitReader(req.Body, settings.MaxJSONDataBytes+64<<10+1))
	if err != nil {
		writeError(w, http.StatusBadRequest, "reading the request failed")
		return
	}
	var p settingsProposal
	if len(body) > settings.MaxJSONDataBytes+64<<10 {
		writeInvalid(w, []settings.FieldError{{Field: "jsonData", Rule: settings.JSONDataSizeRule}})
		return
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		writeInvalid(w, []settings.FieldError{{Field: "body", Rule: "must be a JSON object with jsonData and secureJsonData"}})
		return
	}
	var fields []settings.FieldError
	if _, err := settings.Parse(p.JSONData); err != nil {
		var verr *settings.ValidationError
		if !errors.As(err, &verr) {
			writeError(w, http.StatusInternalServerError, "validating the settings failed")
			return
		}
		fields = verr.Fields
	}
	fields = append(fields, settings.ValidateSecrets(p.SecureJSONData)...)
	if len(fields) > 0 {
		writeInvalid(w, fields)
		return
	}
	writeJSON(w, http.StatusOK, map[string]bool{"valid": true})
}

// refuseInvalidSettings answers 400 naming the broken settings, if any; routes that act on the
// settings call it first.
func (a *App) refuseInvalidSettings(w http.ResponseWriter) bool {
	if a.settingsErr != nil {
		writeInvalid(w, fieldErrors(a.settingsErr))
	}
	return a.settingsErr != nil
}

func writeInvalid(w http.ResponseWriter, fields []settings.FieldError) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"error": (&settings.ValidationError{Fields: fields}).Error(), "errors": fields})
}

// isAdmin reports whether the caller is an org Admin; mutating resources check it on every call.
func isAdmin(req *http.Request) bool {
	u := backend.PluginConfigFromContext(req.Context()).User
	return u != nil && u.Role == "Admin"
}
