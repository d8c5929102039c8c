"""QFPay request and response signatures (qfpay/facts.md §2.2, §2.3).

Request: sort parameters by name, join the *raw* (not URL-encoded) values as ``k=v&...``,
append the client key with no separator, hash (MD5 by default, SHA-256 when configured,
announced by ``X-QF-SIGNTYPE: SHA256``), uppercase hex. Empty parameters are never sent,
so they are never signed either.

Response (2018 doc): header ``X-QF-SIGN`` = hash(raw body bytes + key). Checked when present.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

SIGN_TYPES = ("md5", "sha256")


def clean_params(params: Mapping[str, object]) -> dict[str, str]:
    """Drop empty parameters and render the rest as strings (ints stay integral)."""
    out: dict[str, str] = {}
    for key, value in params.items():
        if value is None:
            continue
        text = str(value)
        if text == "":
            continue
        out[key] = text
    return out


def signing_string(params: Mapping[str, object], key: str) -> bytes:
    cleaned = clean_params(params)
    joined = "&".join(f"{k}={cleaned[k]}" for k in sorted(cleaned))
    return (joined + key).encode("utf-8")


def _digest(data: bytes, sign_type: str) -> str:
    if sign_type == "md5":
        return hashlib.md5(data).hexdigest().upper()
    if sign_type == "sha256":
        return hashlib.sha256(data).hexdigest().upper()
    raise ValueError(f"unknown sign type {sign_type!r}; use one of {', '.join(SIGN_TYPES)}")


def sign(params: Mapping[str, object], key: str, sign_type: str = "md5") -> str:
    """The ``X-QF-SIGN`` value for a request with these parameters."""
    return _digest(signing_string(params, key), sign_type)


def sign_body(body: bytes, key: str, sign_type: str = "md5") -> str:
    """The ``X-QF-SIGN`` value of a response body (or an async notification)."""
    return _digest(body + key.encode("utf-8"), sign_type)


def verify_request(params: Mapping[str, object], key: str, given: str,
                   sign_type: str = "md5") -> bool:
    # The Node samples send lowercase hex, so the comparison ignores case; constant time.
    return hmac.compare_digest(sign(params, key, sign_type), (given or "").upper())


def verify_response(body: bytes, key: str, given: str, sign_type: str = "md5") -> bool:
    return hmac.compare_digest(sign_body(body, key, sign_type), (given or "").upper())
