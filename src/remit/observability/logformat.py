"""Log lines as JSON (one object a line) or text, the same in every process.

Every JSON line has `time`, `level`, `logger`, `message` and the request's fields —
`request_id`, `account`, `mode`, `route` (the route's template, never the path), `status`
and `duration_ms` — null outside a request or while not known yet (a line written before
the request is answered has no status) — and, when traces are exported, the `trace_id` and
`span_id` of the span it was written in (null otherwise). The request in progress is found
through a context variable that the request middleware (`api.metrics`) sets: it holds the
ASGI scope, whose state gains the principal once the request is authenticated.

What reaches a line from a request is redacted and escaped before it gets here
(`api.logs.SafeLogText`); JSON escapes what is left, so a line stays one line.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import MutableMapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

TEXT = "%(asctime)s %(levelname)s %(name)s %(message)s"
ACCESS_LOGGER = "remit.access"


@dataclass
class RequestLog:
    """The request a process is answering, as its log lines describe it."""

    scope: MutableMapping[str, Any]
    started: float  # time.perf_counter()
    status: int | None = None
    duration_ms: float | None = None

    def finish(self, status: int) -> None:
        self.status = status
        self.duration_ms = round((time.perf_counter() - self.started) * 1000, 3)

    @property
    def route(self) -> str | None:
        """The template of the route that answered (`/v1/invoices/{invoice_id}`)."""
        path = getattr(self.scope.get("route"), "path", None)
        return path if isinstance(path, str) else None

    def fields(self) -> dict[str, Any]:
        state = self.scope.get("state") or {}
        principal = state.get("principal")
        livemode = getattr(principal, "livemode", None)
        return {
            "request_id": state.get("request_id"),
            "account": getattr(principal, "account_id", None),
            "mode": None if livemode is None else "live" if livemode else "test",
            "route": self.route,
            "status": self.status,
            "duration_ms": self.duration_ms,
        }


CURRENT: ContextVar[RequestLog | None] = ContextVar("remit_request_log", default=None)
NO_REQUEST = dict.fromkeys(("request_id", "account", "mode", "route", "status", "duration_ms"))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        request = CURRENT.get()
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "pid": record.process,  # which of `serve --workers N`'s processes
            "message": record.getMessage(),
            **(request.fields() if request is not None else NO_REQUEST),
            # the span's, stamped on the record when tracing is on (observability.otel)
            "trace_id": getattr(record, "trace_id", None),
            "span_id": getattr(record, "span_id", None),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def chosen(configured: str | None) -> str:
    """`REMIT_LOG_FORMAT`, or by default JSON unless a person reads the terminal."""
    return configured or ("text" if sys.stderr.isatty() else "json")


def log_config(log_format: str, *, access_log: bool = True) -> dict[str, Any]:
    """A `logging.config.dictConfig` for remit's and uvicorn's loggers (uvicorn applies it
    in each process it starts). `access_log` turns remit's line per request on or off."""
    formatter = {"()": JsonFormatter} if log_format == "json" else {"format": TEXT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"remit": formatter},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "remit",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn.access": {"level": "WARNING"},  # remit writes its own, with its fields
            ACCESS_LOGGER: {"level": "INFO" if access_log else "WARNING"},
        },
        "root": {"handlers": ["stderr"], "level": "INFO"},
    }
