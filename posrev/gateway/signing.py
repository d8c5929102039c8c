"""QFPay request and response signatures (DESIGN.md §15.3).

Request: sort parameters by name, join the *raw* (not URL-encoded) values as ``k=v&...``,
append the client key with no separator, hash (MD5 by default, SHA-256 when configured,
announced by ``X-QF-SIGNTYPE: SHA256``), uppercase hex. Empty parameters are never sent,
so they are never signed either.

Responses: header ``X-QF-SIGN`` is either hash(raw body bytes + key) (the 2018 doc, method
``raw``) or hash(the answer's fields sorted and joined as ``k=v&...`` + key) (newer docs,
method ``fields``; over the top-level fields, or over ``data`` when that is an object). The
hash is MD5 unless ``X-QF-SIGNTYPE`` says SHA256; hex in either case is accepted.
``response_method`` says which method a signature matches (README.md, "Gateway shapes").
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

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


RESPONSE_METHODS = ("raw", "fields")


def _field_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def fields_string(answer: Mapping[str, Any], key: str) -> bytes:
    """The ``fields`` method's signed string: non-empty fields sorted by name, ``k=v&...``,
    then the key. Nested values are compact JSON with sorted keys."""
    items = {k: v for k, v in answer.items() if v is not None and v != ""}
    joined = "&".join(f"{k}={_field_text(items[k])}" for k in sorted(items))
    return (joined + key).encode("utf-8")


def sign_fields(answer: Mapping[str, Any], key: str, sign_type: str = "md5") -> str:
    """The ``X-QF-SIGN`` of an answer signed by the ``fields`` method."""
    return _digest(fields_string(answer, key), sign_type)


def response_method(body: bytes, answer: Any, key: str, given: str,
                    sign_type: str = "md5") -> str | None:
    """``"raw"`` or ``"fields"``: the method under which ``given`` signs this answer, or
    None when it matches neither (wrong key, or a forged or altered answer)."""
    given = (given or "").strip().upper()
    if not given:
        return None
    if hmac.compare_digest(sign_body(body, key, sign_type), given):
        return "raw"
    if isinstance(answer, Mapping):
        candidates = [answer]
        if isinstance(answer.get("data"), Mapping):
            candidates.append(answer["data"])
        for fields in candidates:
            if hmac.compare_digest(sign_fields(fields, key, sign_type), given):
                return "fields"
    return None
