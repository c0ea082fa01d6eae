package cortextest

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"

	"github.com/klauspost/compress/snappy"
)

// Series is one series to push: its labels (with __name__) and its samples.
type Series struct {
	Labels  map[string]string
	Samples []Point
}

// Point is one sample.
type Point struct {
	TimestampMs int64
	Value       float64
}

// EncodeWriteRequest encodes series as a Prometheus remote-write 1.0 request body: a protobuf
// prometheus.WriteRequest (prompb/remote.proto: timeseries = 1; TimeSeries labels = 1,
// samples = 2; Label name = 1, value = 2; Sample value = 1 double, timestamp = 2 int64),
// snappy block-compressed. Labels are sorted by name, as the protocol requires.
func EncodeWriteRequest(series []Series) []byte {
	var req []byte
	for _, s := range series {
		var ts []byte
		names := make([]string, 0, len(s.Labels))
		for n := range s.Labels {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			var l []byte
			l = appendBytes(l, 1, []byte(n))
			l = appendBytes(l, 2, []byte(s.Labels[n]))
			ts = appendBytes(ts, 1, l)
		}
		for _, p := range s.Samples {
			var sm []byte
			sm = binary.AppendUvarint(sm, 1<<3|1) // field 1, fixed64
			sm = binary.LittleEndian.AppendUint64(sm, math.Float64bits(p.Value))
			sm = binary.AppendUvarint(sm, 2<<3|0) // field 2, varint
			sm = binary.AppendUvarint(sm, uint64(p.TimestampMs))
			ts = appendBytes(ts, 2, sm)
		}
		req = appendBytes(req, 1, ts)
	}
	return snappy.Encode(nil, req)
}

// appendBytes appends a length-delimited protobuf field.
func appendBytes(b []byte, field int, v []byte) []byte {
	b = binary.AppendUvarint(b, uint64(field)<<3|2)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

// Push sends series to the distributor as tenant.
func (c *Cluster) Push(ctx context.Context, tenant string, series []Series) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Components["distributor"].URL()+"/api/v1/push", bytes.NewReader(EncodeWriteRequest(series)))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Encoding", "snappy")
	req.Header.Set("Content-Type", "application/x-protobuf")
	req.Header.Set("X-Prometheus-Remote-Write-Version", "0.1.0")
	req.Header.Set("X-Scope-OrgID", tenant)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		raw, _ := io.ReadAll(res.Body)
		return fmt.Errorf("push as %s: %d %s", tenant, res.StatusCode, raw)
	}
	return nil
}
