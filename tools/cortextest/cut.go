package cortextest

import (
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
)

// Link is a loopback HTTP path to a component that a test can cut: while cut, every connection
// is closed without an answer, as a network partition looks to the agent.
type Link struct {
	cut     atomic.Bool
	dropped atomic.Int64
	proxy   *httputil.ReverseProxy
}

// NewLink forwards to target.
func NewLink(target string) (*Link, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	return &Link{proxy: httputil.NewSingleHostReverseProxy(u)}, nil
}

// Cut drops every request until Restore.
func (l *Link) Cut() { l.cut.Store(true) }

// Restore lets requests through again.
func (l *Link) Restore() { l.cut.Store(false) }

// Dropped is how many requests the link dropped while cut.
func (l *Link) Dropped() int64 { return l.dropped.Load() }

func (l *Link) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if l.cut.Load() {
		l.dropped.Add(1)
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
			return
		}
		panic(http.ErrAbortHandler)
	}
	l.proxy.ServeHTTP(w, r)
}
