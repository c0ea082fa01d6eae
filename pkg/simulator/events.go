package simulator

import "time"

// Deployment is one finished deployment (a row of hexabase.deployments).
type Deployment struct {
	TS              time.Time
	Workspace       Workspace
	DeploymentType  string
	Status          string
	DurationSeconds float64
}

// AIOpsOperation is one operation of an AIOps agent (a row of hexabase.aiops_operations).
type AIOpsOperation struct {
	TS              time.Time
	Workspace       Workspace
	Agent           string
	Operation       string
	Status          string
	DurationSeconds float64
}

// ResourceSample is one resource-usage sample (a row of hexabase.resource_usage).
type ResourceSample struct {
	TS        time.Time
	Workspace Workspace
	Resource  string
	Ratio     float64
}

// Request is one sampled request, logged and traced.
type Request struct {
	TS              time.Time
	Workspace       Workspace
	Endpoint        Endpoint
	StatusCode      string
	DurationSeconds float64
	TraceID         [16]byte
	SpanID          [8]byte
}

// Sink receives the simulator's discrete events; implementations write analytics rows,
// structured logs or traces.
type Sink interface {
	Deployment(Deployment)
	AIOps(AIOpsOperation)
	Resource(ResourceSample)
	Request(Request)
}

// Sinks fans events out to several sinks.
type Sinks []Sink

func (s Sinks) Deployment(d Deployment) {
	for _, x := range s {
		x.Deployment(d)
	}
}

func (s Sinks) AIOps(o AIOpsOperation) {
	for _, x := range s {
		x.AIOps(o)
	}
}

func (s Sinks) Resource(r ResourceSample) {
	for _, x := range s {
		x.Resource(r)
	}
}

func (s Sinks) Request(r Request) {
	for _, x := range s {
		x.Request(r)
	}
}
