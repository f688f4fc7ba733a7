"""The server's listening socket, bound before the server starts: a port out of range or one
already taken is refused in one line, and uvicorn then serves on this very socket (no moment
in which another process could take the port between the check and the server)."""

from __future__ import annotations

import errno
import socket

PORTS = range(1, 65536)  # 0 would be "any free port": a server nobody knows the address of


class CannotListen(Exception):
    """The server cannot listen where it was asked to; the message says what to change."""


def listen(host: str, port: int) -> socket.socket:
    if port not in PORTS:
        raise CannotListen(f"--port must be between 1 and 65535, not {port}")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET  # as uvicorn binds
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # no wait after a restart
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise CannotListen(_reason(exc, host, port)) from None
    sock.set_inheritable(True)
    return sock


def _reason(exc: OSError, host: str, port: int) -> str:
    if isinstance(exc, socket.gaierror):
        return f"unknown host {host!r}: choose another --host"
    if exc.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is already in use: stop what listens there, "
            "or choose another --port"
        )
    if exc.errno == errno.EACCES:
        return f"not allowed to listen on port {port} (below 1024 takes privileges): use --port"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this machine: choose another --host"
    return f"cannot listen on {host}:{port}: {exc.strerror or exc}"
