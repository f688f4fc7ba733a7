"""Rapyd's HMAC signatures, for requests and for webhooks (digest §3.2, §3.8).

    signature = BASE64(HEX(HMAC_SHA256(secret_key, to_sign)))
    request:  to_sign = lower(method) + path + salt + timestamp + access_key + secret_key + body
    webhook:  to_sign = webhook_url + salt + timestamp + access_key + secret_key + body

Rapyd's SDKs sign a canonical body that is not always the body they send, so a request is
accepted when the signature matches any of the candidates `body_candidates` lists. Those are
made as the SDKs make them, with Python's own `json` (floats included): this reproduces what
a client signed, it does not read the request (`kernel.jsonio` does).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json


def _sign(secret_key: str, to_sign: str) -> str:
    digest = hmac.new(secret_key.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    return base64.b64encode(digest.encode()).decode()


def _signable(text: str) -> bool:
    """Whether a client could have signed this text (UTF-8 cannot hold a lone surrogate)."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def request_signature(
    method: str, path: str, salt: str, timestamp: str, access_key: str, secret_key: str, body: str
) -> str:
    to_sign = method.lower() + path + salt + timestamp + access_key + secret_key + body
    return _sign(secret_key, to_sign)


def webhook_signature(
    url: str, salt: str, timestamp: str, access_key: str, secret_key: str, body: str
) -> str:
    return _sign(secret_key, url + salt + timestamp + access_key + secret_key + body)


def body_candidates(raw: bytes) -> list[str]:
    """The body strings a Rapyd client may have signed for this raw body: the raw text; its
    compact re-serialisation, unescaped and ASCII-escaped; `""` for no body or `{}`."""
    try:
        text = raw.decode()
    except UnicodeDecodeError:
        return []
    found = [text]
    if not text.strip():
        return found if text == "" else [text, ""]
    try:  # as the SDKs parse and dump it (Python's json, floats and all): not remit's reader
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        return found
    for ascii_only in (False, True):
        try:
            compact = json.dumps(parsed, separators=(",", ":"), ensure_ascii=ascii_only)
        except RecursionError:
            break
        if compact not in found:
            found.append(compact)
    if parsed == {} and "" not in found:
        found.append("")
    return [candidate for candidate in found if _signable(candidate)]


def verify_request(
    signature: str,
    method: str,
    path: str,
    salt: str,
    timestamp: str,
    access_key: str,
    secret_key: str,
    raw_body: bytes,
) -> bool:
    matched = False
    for body in body_candidates(raw_body):
        expected = request_signature(method, path, salt, timestamp, access_key, secret_key, body)
        matched |= hmac.compare_digest(expected.encode(), signature.encode())
    return matched
