package simulator

import (
	"context"
	"fmt"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

type idsKey struct{}

// fixedIDs makes spans carry the trace and span ids that the matching log line carries.
type fixedIDs struct{}

func (fixedIDs) NewIDs(ctx context.Context) (trace.TraceID, trace.SpanID) {
	r, _ := ctx.Value(idsKey{}).(Request)
	return trace.TraceID(r.TraceID), trace.SpanID(r.SpanID)
}

func (fixedIDs) NewSpanID(ctx context.Context, _ trace.TraceID) trace.SpanID {
	r, _ := ctx.Value(idsKey{}).(Request)
	id := r.SpanID
	id[0] ^= 0xff
	return trace.SpanID(id)
}

// TraceSink exports each sampled request as a server span with a database child span.
type TraceSink struct {
	provider *sdktrace.TracerProvider
	tracer   trace.Tracer
}

// NewTraceSink exports over OTLP gRPC to endpoint (host:port, plaintext).
func NewTraceSink(ctx context.Context, endpoint string) (*TraceSink, error) {
	exporter, err := otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint(endpoint), otlptracegrpc.WithInsecure())
	if err != nil {
		return nil, fmt.Errorf("otlp exporter for %s: %w", endpoint, err)
	}
	res := resource.NewSchemaless(attribute.String("service.name", "hexabase-api"))
	provider := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exporter), sdktrace.WithIDGenerator(fixedIDs{}), sdktrace.WithResource(res))
	return &TraceSink{provider: provider, tracer: provider.Tracer("hexabase-simulator")}, nil
}

func (t *TraceSink) Request(r Request) {
	ctx := context.WithValue(context.Background(), idsKey{}, r)
	end := r.TS
	start := end.Add(-time.Duration(r.DurationSeconds * float64(time.Second)))
	ctx, span := t.tracer.Start(ctx, r.Endpoint.Method+" "+r.Endpoint.Path, trace.WithTimestamp(start), trace.WithSpanKind(trace.SpanKindServer),
		trace.WithAttributes(attribute.String("workspace_id", r.Workspace.ID), attribute.String("http.request.method", r.Endpoint.Method),
			attribute.String("http.route", r.Endpoint.Path), attribute.String("http.response.status_code", r.StatusCode)))
	_, db := t.tracer.Start(ctx, "SELECT app-db", trace.WithTimestamp(start.Add(time.Duration(float64(end.Sub(start))*0.1))))
	db.End(trace.WithTimestamp(start.Add(time.Duration(float64(end.Sub(start)) * 0.7))))
	if r.StatusCode >= "500" {
		span.SetStatus(codes.Error, "status "+r.StatusCode)
	}
	span.End(trace.WithTimestamp(end))
}

func (t *TraceSink) Deployment(Deployment)   {}
func (t *TraceSink) AIOps(AIOpsOperation)    {}
func (t *TraceSink) Resource(ResourceSample) {}

// Shutdown flushes the spans still buffered.
func (t *TraceSink) Shutdown(ctx context.Context) error { return t.provider.Shutdown(ctx) }
