package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// decode reads a Prometheus API answer; anything but 200 is an error naming the status.
func decode(res *http.Response, body any) error {
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%d %.300s", res.StatusCode, raw)
	}
	return json.Unmarshal(raw, body)
}
