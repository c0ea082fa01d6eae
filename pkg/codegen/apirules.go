package codegen

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
)

// APIRulesTS renders the rules that only the backend's routes answer (strict reading, secrets,
// request bodies, paging), keyed so that the page must translate each one.
func APIRulesTS() File {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("\n/** Rules only the backend checks, in the words its API answers them. */\nexport const API_RULES = {\n")
	for _, kv := range [][2]string{
		{"unknownSetting", settings.UnknownSettingRule}, {"notAPlan", settings.NotAPlanRule},
		{"duplicateKey", settings.DuplicateKeyRule}, {"longKey", settings.LongKeyRule},
		{"oneValue", settings.OneValueRule}, {"listCount", settings.ListCountRule},
		{"secretKey", settings.SecretKeyRule}, {"secureJsonDataSize", settings.SecureJSONDataSizeRule},
		{"bodySize", settings.BodySizeRule}, {"body", settings.BodyRule},
		{"string", settings.TypeRule(reflect.String)}, {"wholeNumber", settings.TypeRule(reflect.Int)},
		{"number", settings.TypeRule(reflect.Float64)}, {"list", settings.TypeRule(reflect.Slice)},
		{"boolean", settings.TypeRule(reflect.Bool)}, {"object", settings.TypeRule(reflect.Struct)},
		{"page", workspaces.PageRule}, {"perPage", workspaces.PerPageRule},
		{"search", workspaces.SearchRule}, {"repeated", workspaces.RepeatedRule},
		{"filterCount", workspaces.FilterCountRule}, {"filterValue", workspaces.FilterValueRule},
	} {
		fmt.Fprintf(&b, "  %s: %q,\n", kv[0], kv[1])
	}
	b.WriteString("} as const;\n")
	return File{Path: "src/generated/apiRules.ts", Content: b.String()}
}
