"""What an operator watches: Prometheus metrics (`metrics`, `pool`), log lines as JSON
or text (`logformat`), the same in every process of `remit serve --workers N`, and
OpenTelemetry traces when an OTLP endpoint is set (`tracing`)."""
