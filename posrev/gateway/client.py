"""Signed HTTP client for the QFPay Open API (query, reversal, close, refund). Qt-free.

The error classes tell apart what a void must tell apart (SPEC §4):

- ``NotSent``: the connection could not even be opened (DNS, refused, no route); the gateway
  cannot have acted on the request.
- ``UnknownOutcome``: the request may have reached the gateway and we do not know what it
  did (timeout while waiting, connection dropped after sending, HTTP 5xx, an answer that is
  not JSON, a bad response signature). Never read as success or failure.
- ``RateLimited``: HTTP 429; the gateway refused the request; ``retry_after`` in seconds.
- ``WrongCredentials``: respcd 1108; the gateway refused the signature.
- ``GatewayRefusal``: a query whose envelope respcd is not 0000.

POSTs are never retried at the transport level (urllib3 retries would resend a void).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from posrev.errors import CredentialsError, PosrevError
from posrev.gateway import codes
from posrev.gateway.environments import check_base_url
from posrev.gateway.signing import SIGN_TYPES, clean_params, sign, verify_response


class GatewayError(PosrevError):
    """Base of every gateway failure."""

    exit_code = 4


class NotSent(GatewayError):
    def __init__(self, reason: str) -> None:
        super().__init__(f"The gateway could not be reached ({reason}); nothing was sent.")
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


@dataclass(frozen=True)
class VoidAnswer:
    """The gateway's answer to a reversal or close."""

    respcd: str
    resperr: str
    syssn: str  # the *new* syssn of the void operation ("" when absent)
    orig_syssn: str
    raw: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class Exchange:
    """One request and its answer, for the journal. Holds no secret (headers are not kept)."""

    endpoint: str
    method: str
    params: dict[str, str]
    http_status: int | None
    answer: Any
    error: str | None
    elapsed_ms: float


ExchangeHook = Callable[[Exchange], None]


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


class Gateway:
    """A client for one merchant's credentials on one gateway."""

    def __init__(self, base_url: str, app_code: str, client_key: str, *,
                 mchid: str | None = None, sign_type: str = "md5",
                 connect_timeout: float = 5.0, read_timeout: float = 15.0,
                 session: requests.Session | None = None,
                 on_exchange: ExchangeHook | None = None) -> None:
        if sign_type not in SIGN_TYPES:
            raise ValueError(f"sign_type must be one of {SIGN_TYPES}")
        self.base_url = check_base_url(base_url)
        self._app_code = app_code
        self._client_key = client_key
        self.mchid = mchid or None
        self.sign_type = sign_type
        self.timeout = (connect_timeout, read_timeout)
        self.on_exchange = on_exchange
        self._session = session or requests.Session()
        # max_retries=0: a POST is never resent by the transport (SPEC §4).
        adapter = HTTPAdapter(max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.trust_env = False  # no proxy from the environment; TLS verify stays on

    def __repr__(self) -> str:  # never show the secrets
        return f"Gateway({self.base_url!r}, sign_type={self.sign_type!r})"

    def close_session(self) -> None:
        self._session.close()

    # -- public API -------------------------------------------------------------------------
    def query(self, *, syssn: str | None = None, out_trade_no: str | None = None,
              start_time: str | None = None, end_time: str | None = None,
              page: int = 1, page_size: int = 100) -> list[dict[str, Any]]:
        """``/trade/v1/query``: the transaction records (``data``) that match."""
        params = {"syssn": syssn, "out_trade_no": out_trade_no, "start_time": start_time,
                  "end_time": end_time, "page": page, "page_size": page_size}
        answer = self._call("/trade/v1/query", "POST", params)
        respcd = str(answer.get("respcd", ""))
        if respcd == codes.WRONG_SIGNATURE:
            raise WrongCredentials(str(answer.get("resperr", "")))
        if respcd != codes.SUCCESS:
            raise GatewayRefusal(respcd, str(answer.get("resperr", "")))
        data = answer.get("data")
        if data is None:
            return []
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise UnknownOutcome("the enquiry answer has no list of records")
        return data

    def reversal(self, params: Mapping[str, object]) -> VoidAnswer:
        """``POST /trade/v1/reversal``."""
        return self._void_answer(self._call("/trade/v1/reversal", "POST", params))

    def refund(self, params: Mapping[str, object]) -> VoidAnswer:
        """``POST /trade/v1/refund``: ``syssn`` of the original, the refund's own new
        ``out_trade_no``, ``txamt``, ``txdtm``, ``udid``. The answer's ``syssn`` is the
        refund's. Never retried here: a resend reuses the journaled ``out_trade_no``."""
        return self._void_answer(self._call("/trade/v1/refund", "POST", params))

    def close(self, params: Mapping[str, object]) -> VoidAnswer:
        """``GET /trade/v1/close`` with the signed parameters in the query string, as the guide
        says; when the gateway answers 405 (POST-only deployments), once more as a POST form."""
        try:
            answer = self._call("/trade/v1/close", "GET", params)
        except _MethodNotAllowed:
            answer = self._call("/trade/v1/close", "POST", params)
        return self._void_answer(answer)

    # -- internals ------------------------------------------------------------------------
    def _void_answer(self, answer: dict[str, Any]) -> VoidAnswer:
        respcd = str(answer.get("respcd", "")).strip()
        if not respcd:
            raise UnknownOutcome("the answer has no respcd")
        if respcd == codes.WRONG_SIGNATURE:
            raise WrongCredentials(str(answer.get("resperr", "")))
        return VoidAnswer(respcd=respcd, resperr=str(answer.get("resperr") or ""),
                          syssn=str(answer.get("syssn") or ""),
                          orig_syssn=str(answer.get("orig_syssn") or ""), raw=answer)

    def _headers(self, params: dict[str, str]) -> dict[str, str]:
        headers = {"X-QF-APPCODE": self._app_code,
                   "X-QF-SIGN": sign(params, self._client_key, self.sign_type)}
        if self.sign_type == "sha256":
            headers["X-QF-SIGNTYPE"] = "SHA256"
        return headers

    def _call(self, endpoint: str, method: str, raw_params: Mapping[str, object]) -> dict[str, Any]:
        merged = dict(raw_params)
        if self.mchid:
            merged["mchid"] = self.mchid
        params = clean_params(merged)
        headers = self._headers(params)
        url = self.base_url + endpoint
        started = time.perf_counter()
        status: int | None = None
        answer: Any = None
        error: str | None = None
        try:
            try:
                if method == "GET":
                    resp = self._session.get(url, params=params, headers=headers,
                                             timeout=self.timeout, allow_redirects=False)
                else:
                    resp = self._session.post(url, data=params, headers=headers,
                                              timeout=self.timeout, allow_redirects=False)
            except requests.exceptions.ConnectTimeout as exc:
                raise NotSent("connection timed out") from exc
            except requests.exceptions.ReadTimeout as exc:
                raise UnknownOutcome(f"no answer within {self.timeout[1]:g} s") from exc
            except requests.exceptions.ConnectionError as exc:
                if _never_connected(exc):
                    raise NotSent(_short_reason(exc)) from exc
                raise UnknownOutcome("the connection dropped after the request was sent") from exc
            except requests.exceptions.RequestException as exc:
                raise UnknownOutcome(type(exc).__name__) from exc
            status = resp.status_code
            body = resp.content
            if status == 405 and method == "GET":  # only the close GET falls back to POST
                raise _MethodNotAllowed()
            if status == 429:
                raise RateLimited(_retry_after(resp.headers.get("Retry-After")))
            if status >= 500:
                raise UnknownOutcome(f"HTTP {status} from the gateway")
            if status != 200:
                raise UnknownOutcome(f"unexpected HTTP {status} from the gateway")
            given = resp.headers.get("X-QF-SIGN")
            if given is not None:
                sign_type = "sha256" if resp.headers.get("X-QF-SIGNTYPE", "").upper() == "SHA256" \
                    else "md5"
                if not verify_response(body, self._client_key, given, sign_type):
                    raise BadResponseSignature()
            try:
                answer = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise UnknownOutcome("the answer is not JSON") from exc
            if not isinstance(answer, dict):
                raise UnknownOutcome("the answer is not a JSON object")
            return answer
        except (GatewayError, _MethodNotAllowed) as exc:
            error = type(exc).__name__ if isinstance(exc, _MethodNotAllowed) else str(exc)
            raise
        finally:
            if self.on_exchange is not None:
                self.on_exchange(Exchange(endpoint=endpoint, method=method, params=params,
                                          http_status=status, answer=answer, error=error,
                                          elapsed_ms=(time.perf_counter() - started) * 1000))


class _MethodNotAllowed(Exception):
    pass


def _never_connected(exc: BaseException) -> bool:
    """True when urllib3 failed while opening the connection (DNS, refused, unreachable)."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        cur = stack.pop()
        if cur is None or id(cur) in seen:
            continue
        seen.add(id(cur))
        name = type(cur).__name__
        if name in ("NewConnectionError", "NameResolutionError", "ConnectTimeoutError"):
            return True
        if isinstance(cur, ConnectionRefusedError):
            return True
        stack.extend([getattr(cur, "reason", None), cur.__cause__, cur.__context__,
                      *[a for a in getattr(cur, "args", ()) if isinstance(a, BaseException)]])
    return False


def _short_reason(exc: BaseException) -> str:
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "No route to host",
                   "Network is unreachable", "nodename nor servname", "getaddrinfo failed",
                   "actively refused", "timed out"):
        if marker in text:
            return marker.lower()
    return "connection failed"
