"""Logo images, pure: what a `data:` URL holds, and which image format some bytes are.

Only the formats every browser and WeasyPrint show are taken: PNG, JPEG, GIF, WebP and SVG.
The format is read from the bytes themselves (their signature), never only from a label, so
a `data:image/png` URL holding HTML, or a server answering a page for an image, is refused.
"""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import unquote_to_bytes

IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml")
MAX_DATA_LOGO_BYTES = 64 * 1024  # decoded; the branding is in every `account.updated` event
# An SVG document's root element, after an optional XML declaration, comments and doctype.
_SVG_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]", re.S
)


class NotAnImage(ValueError):
    pass


def sniff(body: bytes) -> str | None:
    """The media type of an image in one of `IMAGE_TYPES`, read from its first bytes."""
    if body.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if body.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if body.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if body[:4] == b"RIFF" and body[8:12] == b"WEBP":
        return "image/webp"
    if _SVG_START.match(body.removeprefix(b"\xef\xbb\xbf")[:4096]):
        return "image/svg+xml"
    return None


def decode_data_url(url: str, limit: int = MAX_DATA_LOGO_BYTES) -> tuple[str, bytes]:
    """The media type and bytes of a `data:` image URL (RFC 2397), or NotAnImage saying why."""
    header, comma, payload = url.removeprefix("data:").partition(",")
    if not url.startswith("data:") or not comma:
        raise NotAnImage("is not a data: URL (data:image/png;base64,…)")
    label, *parameters = header.lower().split(";")
    if label not in IMAGE_TYPES:
        raise NotAnImage(f"must be one of {', '.join(IMAGE_TYPES)}, not {label or 'untyped'}")
    if len(payload) > 3 * limit:  # checked before decoding anything
        raise NotAnImage(f"holds more than {limit // 1024} KiB")
    body = _decoded(payload, base64_encoded="base64" in parameters)
    if len(body) > limit:
        raise NotAnImage(f"holds more than {limit // 1024} KiB")
    if sniff(body) != label:
        raise NotAnImage(f"holds no {label} image")
    return label, body


def _decoded(payload: str, *, base64_encoded: bool) -> bytes:
    try:
        if base64_encoded:
            return base64.b64decode(payload, validate=True)
        return unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        raise NotAnImage("is not valid base64") from None
