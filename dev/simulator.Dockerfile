# The platform simulator of the dev instance (./pkg/cmd/simulator), a static binary.

# Go 1.26.5, as go.mod's `go` line requires.
FROM golang:1.26.5-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY pkg ./pkg
RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/simulator ./pkg/cmd/simulator

FROM alpine:3.23.4@sha256:5b10f432ef3da1b8d4c7eb6c487f2f5a8f096bc91145e68878dd4a5019afde11
# The log directory belongs to the simulator's user, so the named volume mounted on it does too.
RUN adduser -D -H -u 10001 simulator \
  && mkdir -p /var/log/hexabase \
  && chown simulator:simulator /var/log/hexabase
COPY --from=build /out/simulator /usr/local/bin/simulator
USER simulator
EXPOSE 9300
ENTRYPOINT ["/usr/local/bin/simulator"]
