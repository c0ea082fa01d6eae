package grafanadouble

import (
	"fmt"
	"time"

	"github.com/prometheus/common/model"
)

// parseDuration reads a rule's duration as Grafana does (prometheus/common model.Duration, Go's
// syntax accepted too); "" is zero.
func parseDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	if d, err := model.ParseDuration(s); err == nil {
		return time.Duration(d), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("not a valid duration string: %q", s)
	}
	return d, nil
}

// formatDuration writes a duration as Grafana answers it: model.Duration, so "0s", "5m", "1d".
func formatDuration(d time.Duration) string { return model.Duration(d).String() }
