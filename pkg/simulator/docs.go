package simulator

import (
	"fmt"
	"strings"
)

// FaultTableMarkdown renders the README's table of injectable faults and the alert each raises.
func FaultTableMarkdown() string {
	var b strings.Builder
	b.WriteString("| Fault | Targets | What it simulates | Raises |\n| --- | --- | --- | --- |\n")
	for _, k := range FaultKinds {
		raises := k.Raises
		if raises == "" {
			raises = "none"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", k.Name, strings.Join(k.Targets, ", "), k.Effect, raises)
	}
	return b.String()
}
