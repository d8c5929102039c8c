"""The gateway's typed errors (what a void must tell apart; see posrev/gateway/client.py).

No ``requests`` here: the domain and the front-ends catch these without loading the client,
which raises them and re-exports them.
"""

from __future__ import annotations

from posrev.errors import CredentialsError, PosrevError
from posrev.gateway import codes


class GatewayError(PosrevError):
    """Base of every gateway failure."""

    exit_code = 4


class NotSent(GatewayError):
    def __init__(self, reason: str) -> None:
        super().__init__(f"The gateway could not be reached ({reason}); nothing was sent.")
        self.reason = reason


class TlsFailure(NotSent):
    """The TLS handshake failed: the request never left (certificates are checked first).

    ``kind`` is one of ``untrusted``, ``hostname``, ``expired``, ``not_tls``, ``handshake``.
    """

    def __init__(self, kind: str, reason: str) -> None:
        GatewayError.__init__(self, f"The secure connection to the gateway failed: {reason}; "
                                    "nothing was sent.")
        self.kind = kind
        self.reason = reason


class UnknownOutcome(GatewayError):
    exit_code = 3

    def __init__(self, reason: str) -> None:
        super().__init__(f"The gateway's answer was lost or unreadable ({reason}).")
        self.reason = reason


class BadResponseSignature(UnknownOutcome):
    """The answer's ``X-QF-SIGN`` does not verify under our key: it cannot be trusted."""

    def __init__(self) -> None:
        super().__init__("the answer's signature is wrong")


class UnsignedAnswer(UnknownOutcome):
    """An unsigned answer where a signature is required (``response_signature = "verify"``,
    or this profile has seen the gateway sign): it could have been forged."""

    def __init__(self) -> None:
        UnknownOutcome.__init__(self, "the answer is unsigned, but this gateway signs its "
                                      "answers")


class MethodRefused(GatewayError):
    """The close's HTTP method was refused (404/405/501 or a JSON method refusal) with
    ``close_method`` fixed, or both methods were refused: nothing was applied."""

    exit_code = 1

    def __init__(self, method: str, detail: str) -> None:
        advice = " Set close_method to \"auto\" (docs/IT-GUIDE.md)." if " and " not in method \
            else " This gateway takes neither method for a close; ask QFPay."
        super().__init__(f"The gateway refused the close sent by {method} ({detail}); nothing "
                         f"was voided.{advice}")
        self.method = method
        self.detail = detail


class RateLimited(GatewayError):
    exit_code = 3

    def __init__(self, retry_after: float | None) -> None:
        wait = f"; retry after {retry_after:g} s" if retry_after is not None else ""
        super().__init__(f"The gateway is rate limiting this merchant (HTTP 429){wait}.")
        self.retry_after = retry_after


class WrongCredentials(GatewayError, CredentialsError):
    exit_code = 4

    def __init__(self, resperr: str = "") -> None:
        super().__init__(
            "The gateway rejected the signature (1108): the app code or client key is wrong "
            "for this environment."
        )
        self.respcd = codes.WRONG_SIGNATURE
        self.resperr = resperr


class GatewayRefusal(GatewayError):
    exit_code = 1

    def __init__(self, respcd: str, resperr: str = "") -> None:
        detail = f": {resperr}" if resperr else ""
        super().__init__(f"The gateway refused the request: {codes.describe(respcd)}{detail}")
        self.respcd = respcd
        self.resperr = resperr
