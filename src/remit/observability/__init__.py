"""What an operator watches: Prometheus metrics (`metrics`, `pool`) and log lines as JSON
or text (`logformat`), the same in every process of `remit serve --workers N`."""
