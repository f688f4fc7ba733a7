"""The running app's `Runtime`, as a request reaches it."""

from __future__ import annotations

from starlette.requests import Request

from remit.runtime import Runtime


def runtime_of(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime
