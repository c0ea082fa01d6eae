package grafanadouble

import (
	"fmt"
	"strings"
)

// redacted replaces a secure setting in every answer.
// Grafana 12.x pkg/services/ngalert/api/tooling/definitions: RedactedValue.
const redacted = "[REDACTED]"

// integrationSchema is what Grafana's integration schema declares of one integration type: its
// secure settings and the settings it cannot work without.
type integrationSchema struct {
	secure   []string
	required func(settings map[string]any, secure map[string]string) string
}

func has(settings map[string]any, secure map[string]string, key string) bool {
	if v, ok := secure[key]; ok && v != "" {
		return true
	}
	s, ok := settings[key].(string)
	return ok && strings.TrimSpace(s) != ""
}

// Grafana 12.x pkg/services/ngalert/notifier/channels_config/available_channels_test.go
// GetSecretKeysForContactPointType (V1): email has no secure field (addresses are plain), slack
// token and url, pagerduty integrationKey, webhook password and authorization_credentials (its
// url is plain). Required settings follow grafana/alerting's receivers' config validation.
var integrationSchemas = map[string]integrationSchema{
	"email": {required: func(s map[string]any, sec map[string]string) string {
		if !has(s, sec, "addresses") {
			return "could not find addresses in settings"
		}
		return ""
	}},
	"slack": {secure: []string{"token", "url"}, required: func(s map[string]any, sec map[string]string) string {
		if !has(s, sec, "token") && !has(s, sec, "url") {
			return "token must be specified when using the Slack chat API"
		}
		if has(s, sec, "token") && !has(s, sec, "recipient") {
			return "recipient must be specified when using the Slack chat API"
		}
		return ""
	}},
	"pagerduty": {secure: []string{"integrationKey"}, required: func(s map[string]any, sec map[string]string) string {
		if !has(s, sec, "integrationKey") {
			return "could not find integration key property in settings"
		}
		return ""
	}},
	"webhook": {secure: []string{"password", "authorization_credentials"}, required: func(s map[string]any, sec map[string]string) string {
		if !has(s, sec, "url") {
			return "required field 'url' is not specified"
		}
		return ""
	}},
}

// splitSecure moves the secure settings of an integration out of its settings, as Grafana's
// provisioning service does before storing it.
func splitSecure(typ string, settings map[string]any) (map[string]any, map[string]string, error) {
	schema, ok := integrationSchemas[typ]
	if !ok {
		return nil, nil, fmt.Errorf("notifier %s is not supported", typ)
	}
	plain := map[string]any{}
	secure := map[string]string{}
	for k, v := range settings {
		plain[k] = v
	}
	for _, k := range schema.secure {
		if v, ok := plain[k]; ok {
			s, _ := v.(string)
			secure[k] = s
			delete(plain, k)
		}
	}
	return plain, secure, nil
}

// visibleSettings is what GET returns: plain settings, and secure ones that are set as "[REDACTED]".
func visibleSettings(in *storedIntegration) map[string]any {
	out := map[string]any{}
	for k, v := range in.settings {
		out[k] = v
	}
	for k, v := range in.secure {
		if v != "" {
			out[k] = redacted
		}
	}
	return out
}
