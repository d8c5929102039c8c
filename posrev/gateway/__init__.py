"""The QFPay Open API client: signing, environments, response codes. Qt-free.

The client (and with it ``requests``, ~40 ms and ~14 MiB) loads on first use of one of its
names, not with the package: ``posrev.config`` reads ``posrev.gateway.codes``, and the window
paints before the core opens (docs/GUI.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from posrev.gateway.client import (
        Gateway,
        GatewayError,
        GatewayRefusal,
        NotSent,
        RateLimited,
        UnknownOutcome,
        VoidAnswer,
        WrongCredentials,
    )
    from posrev.gateway.signing import sign, verify_response

_CLIENT = {"Gateway", "GatewayError", "GatewayRefusal", "NotSent", "RateLimited",
           "UnknownOutcome", "VoidAnswer", "WrongCredentials"}
_SIGNING = {"sign", "verify_response"}

__all__ = [
    "Gateway", "GatewayError", "GatewayRefusal", "NotSent", "RateLimited", "UnknownOutcome",
    "VoidAnswer", "WrongCredentials", "sign", "verify_response",
]


def __getattr__(name: str) -> Any:
    if name in _CLIENT:
        from posrev.gateway import client

        return getattr(client, name)
    if name in _SIGNING:
        from posrev.gateway import signing

        return getattr(signing, name)
    raise AttributeError(f"module 'posrev.gateway' has no attribute {name!r}")
