package plugin

import (
	"io"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
)

// handleValidateSettings answers POST /settings/validate: 200 when the proposed settings are
// valid, 400 naming the broken fields and rules otherwise. The page calls it before it saves,
// so that invalid settings are never stored; nothing here echoes a value back.
func (a *App) handleValidateSettings(w http.ResponseWriter, req *http.Request) {
	if !isAdmin(req) {
		writeError(w, http.StatusForbidden, "only an Admin can change the app's settings")
		return
	}
	var body []byte
	// The SDK's adapter leaves Body nil when the request has none.
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(io.LimitReader(req.Body, settings.MaxProposalBytes+1)); err != nil {
			writeError(w, http.StatusBadRequest, "reading the request failed")
			return
		}
	}
	if _, err := settings.ParseProposal(body); err != nil {
		writeInvalid(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]bool{"valid": true})
}

// refuseInvalidSettings answers 400 naming the broken settings, if any; routes that act on the
// settings call it first.
func (a *App) refuseInvalidSettings(w http.ResponseWriter) bool {
	if a.settingsErr != nil {
		writeInvalid(w, a.settingsErr)
	}
	return a.settingsErr != nil
}

// writeInvalid answers 400; past settings.MaxErrors errors, "more" says how many were left out.
func writeInvalid(w http.ResponseWriter, err error) {
	verr, ok := settings.Join(err).(*settings.ValidationError)
	if !ok {
		writeError(w, http.StatusInternalServerError, "validating the settings failed")
		return
	}
	body := map[string]any{"error": verr.Error(), "errors": verr.Fields}
	if verr.More > 0 {
		body["more"] = verr.More
	}
	writeJSON(w, http.StatusBadRequest, body)
}

// isAdmin reports whether the caller is an org Admin; mutating resources check it on every call.
func isAdmin(req *http.Request) bool {
	u := backend.PluginConfigFromContext(req.Context()).User
	return u != nil && u.Role == "Admin"
}
