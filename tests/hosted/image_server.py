"""An image server for logo tests: a real HTTPS server on loopback (uvicorn), with a
certificate made for the test and trusted through SSL_CERT_FILE, recording every request."""

from __future__ import annotations

import asyncio
import ipaddress
import struct
import zlib
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.processes import free_port


def png(width: int = 4, height: int = 4) -> bytes:
    """A PNG of one red colour, written by hand (RFC 2083)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    rows = b"".join(b"\x00" + b"\xcc\x22\x22" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PNG = png()


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 that is its own authority, and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "remit test images")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "images.pem", directory / "images.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class ImageServer:
    """Answers each path with the (status, content type or location, body) planned for it,
    else 404."""

    def __init__(self, scheme: str) -> None:
        self.scheme = scheme
        self.port = free_port()
        self.answers: dict[str, tuple[int, str, bytes]] = {}
        self.requests: Counter[str] = Counter()

    def serve(self, path: str, body: bytes, content_type: str = "image/png") -> str:
        self.answers[path] = (200, content_type, body)
        return self.url(path)

    def redirect(self, path: str, location: str) -> str:
        self.answers[path] = (302, location, b"")
        return self.url(path)

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.requests[scope["path"]] += 1
        status, content_type, body = self.answers.get(scope["path"], (404, "text/plain", b""))
        header = b"location" if status == 302 else b"content-type"
        headers = [(header, content_type.encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


@asynccontextmanager
async def running_image_server(
    certificate: tuple[Path, Path] | None = None,
) -> AsyncIterator[ImageServer]:
    """Over HTTPS with `certificate` (see `self_signed_certificate`), else plain HTTP."""
    server = ImageServer("https" if certificate else "http")
    config = uvicorn.Config(
        server,
        host="127.0.0.1",
        port=server.port,
        log_level="warning",
        lifespan="off",
        access_log=False,
        ssl_certfile=str(certificate[0]) if certificate else None,
        ssl_keyfile=str(certificate[1]) if certificate else None,
    )
    uvicorn_server = uvicorn.Server(config)
    task = asyncio.create_task(uvicorn_server.serve())
    while not uvicorn_server.started:  # noqa: ASYNC110 - uvicorn offers no event to wait on
        await asyncio.sleep(0.01)
    try:
        yield server
    finally:
        uvicorn_server.should_exit = True
        await task
