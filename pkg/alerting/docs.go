package alerting

import (
	"fmt"
	"strings"
)

// AlertTableMarkdown renders the README's table of every alert and where it is routed.
func AlertTableMarkdown(cfg Config) string {
	var b strings.Builder
	b.WriteString("| Alert | Meaning | Expression | For | Severity | Routed to |\n")
	b.WriteString("| --- | --- | --- | --- | --- | --- |\n")
	policy := NotificationPolicy()
	for _, a := range AllAlerts(cfg) {
		meaning := strings.NewReplacer("{{ $labels.", "{", " }}", "}").Replace(a.Summary)
		fmt.Fprintf(&b, "| [%s](docs/runbooks.md#%s) | %s | `%s` | %s | %s | %s |\n",
			a.Name, strings.ToLower(a.Name), meaning, strings.ReplaceAll(a.Expr(), "|", `\|`),
			PromDuration(a.For), a.Severity, strings.Join(policy.ReceiversFor(a.Labels()), ", "))
	}
	return b.String()
}
