"""The QFPay Open API client: signing, environments, response codes. Qt-free."""

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

__all__ = [
    "Gateway", "GatewayError", "GatewayRefusal", "NotSent", "RateLimited", "UnknownOutcome",
    "VoidAnswer", "WrongCredentials", "sign", "verify_response",
]
