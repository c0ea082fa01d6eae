package cortextest

import (
	"bytes"
	"testing"

	"github.com/klauspost/compress/snappy"
)

func TestEncodeWriteRequestIsTheProtobufOfPrompb(t *testing.T) {
	body := EncodeWriteRequest([]Series{{Labels: map[string]string{"job": "x", "__name__": "a"}, Samples: []Point{{TimestampMs: 2, Value: 1}}}})
	raw, err := snappy.Decode(nil, body)
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{
		0x0a, 0x26, // timeseries, 38 bytes
		0x0a, 0x0d, 0x0a, 0x08, '_', '_', 'n', 'a', 'm', 'e', '_', '_', 0x12, 0x01, 'a', // label __name__="a" first: sorted
		0x0a, 0x08, 0x0a, 0x03, 'j', 'o', 'b', 0x12, 0x01, 'x', // label job="x"
		0x12, 0x0b, 0x09, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x10, 0x02, // sample value 1.0, timestamp 2
	}
	if !bytes.Equal(raw, want) {
		t.Fatalf("got % x\nwant % x", raw, want)
	}
}
