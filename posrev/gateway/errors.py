"""The gateway's typed errors (what a void must tell apart; see posrev/gateway/client.py).

No ``requests`` here: the domain and the front-ends catch these without loading the client,
which raises them and re-exports them.
"""

from __future__ import annotations

from posrev.errors import CredentialsError, PosrevError
from posrev.gateway import codes
from posrev.messages import Text, english, respcd_described


class GatewayError(PosrevError):
    """Base of every gateway failure. ``text`` is its sentence (posrev/messages.py), which
    ``str()`` gives in English and the window translates."""

    exit_code = 4
    text: Text

    def __init__(self, message: str | Text = "") -> None:
        super().__init__(message)
        if not isinstance(message, Text):  # raised with English words only: those
            self.text = Text("net.error", {"name": str(self) or type(self).__name__})


class NotSent(GatewayError):
    """The request never left. ``reason`` is why in English (journal details, logs);
    ``reason_text`` the same as a sentence of the catalog (``net.*``, ``tls.*``)."""

    def __init__(self, reason: Text, sentence: str = "gateway.not_sent") -> None:
        super().__init__(Text(sentence, {"reason": reason}))
        self.reason_text = reason
        self.reason = english(reason)


class TlsFailure(NotSent):
    """The TLS handshake failed: the request never left (certificates are checked first).

    ``kind`` is one of ``untrusted``, ``hostname``, ``expired``, ``not_tls``, ``handshake``.
    """

    def __init__(self, kind: str, reason: Text) -> None:
        super().__init__(reason, "gateway.tls")
        self.kind = kind


class UnknownOutcome(GatewayError):
    exit_code = 3

    def __init__(self, reason: Text) -> None:
        super().__init__(Text("gateway.unknown", {"reason": reason}))
        self.reason_text = reason
        self.reason = english(reason)


class BadResponseSignature(UnknownOutcome):
    """The answer's ``X-QF-SIGN`` does not verify under our key: it cannot be trusted."""

    def __init__(self) -> None:
        super().__init__(Text("net.signature_wrong"))


class UnsignedAnswer(UnknownOutcome):
    """An unsigned answer where a signature is required (``response_signature = "verify"``,
    or this profile has seen the gateway sign): it could have been forged."""

    def __init__(self) -> None:
        super().__init__(Text("net.unsigned"))


class MethodRefused(GatewayError):
    """The close's HTTP method was refused (404/405/501 or a JSON method refusal) with
    ``close_method`` fixed, or both methods were refused (``other``): nothing was applied."""

    exit_code = 1

    def __init__(self, method: str, detail: str, other: str = "") -> None:
        super().__init__(Text("gateway.methods_refused",
                              {"method": method, "other": other, "detail": detail}) if other
                         else Text("gateway.method_refused", {"method": method, "detail": detail}))
        self.method = f"{method} and {other}" if other else method
        self.detail = detail


class RateLimited(GatewayError):
    exit_code = 3

    def __init__(self, retry_after: float | None) -> None:
        super().__init__(Text("gateway.rate_limited") if retry_after is None else
                         Text("gateway.rate_limited_for", {"seconds": f"{retry_after:g}"}))
        self.retry_after = retry_after


class WrongCredentials(GatewayError, CredentialsError):
    exit_code = 4

    def __init__(self, resperr: str = "") -> None:
        super().__init__(Text("gateway.wrong_credentials"))
        self.respcd = codes.WRONG_SIGNATURE
        self.resperr = resperr


class GatewayRefusal(GatewayError):
    exit_code = 1

    def __init__(self, respcd: str, resperr: str = "") -> None:
        described = respcd_described(respcd)
        super().__init__(Text("gateway.refused_said", {"respcd": described, "resperr": resperr})
                         if resperr else Text("gateway.refused", {"respcd": described}))
        self.respcd = respcd
        self.resperr = resperr
