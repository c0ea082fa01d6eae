package testserver

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestAddressIsAFreeLoopbackPort(t *testing.T) {
	addr := Address(t)
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Fatalf("Address() = %s, want 127.0.0.1:<port>", addr)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listening on %s: %v", addr, err)
	}
	l.Close()
}

func TestTheProcessEndsWithItsTest(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep binary")
	}
	var p *Process
	t.Run("server", func(t *testing.T) {
		p = Start(t, time.Minute, nil, sleep, "60")
		select {
		case <-p.Exited():
			t.Fatal("the process ended before its test")
		case <-time.After(100 * time.Millisecond):
		}
	})
	select {
	case <-p.Exited():
	default:
		t.Fatal("the process outlived its test")
	}
}

func TestTheProcessEndsAtItsLimit(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep binary")
	}
	p := Start(t, 200*time.Millisecond, nil, sleep, "60")
	select {
	case <-p.Exited():
	case <-time.After(10 * time.Second):
		t.Fatal("the process outlived its limit")
	}
}

func TestWaitReadyReturnsOnceTheServerAnswers(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep binary")
	}
	ready := time.Now().Add(300 * time.Millisecond)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if time.Now().Before(ready) {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	Start(t, time.Minute, nil, sleep, "60").WaitReady(t, srv.URL, 10*time.Second)
	if time.Now().Before(ready) {
		t.Fatal("WaitReady returned before the server answered 200")
	}
}
