"""Signed HTTP client for the QFPay Open API (query, reversal, close, refund). Qt-free.

The error classes tell apart what a void must tell apart (DESIGN.md §2):

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
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from posrev.gateway import codes
from posrev.gateway.environments import check_base_url
from posrev.gateway.errors import (
    BadResponseSignature,
    GatewayError,
    GatewayRefusal,
    MethodRefused,
    NotSent,
    RateLimited,
    TlsFailure,
    UnknownOutcome,
    UnsignedAnswer,
    WrongCredentials,
)
from posrev.gateway.signing import SIGN_TYPES, clean_params, response_method, sign
from posrev.messages import Text, english
from posrev.model.transaction import VoidAnswer

# The errors (posrev/gateway/errors.py) and the answer (posrev/model/transaction.py) are
# re-exported: callers that hold a client import them from here.
__all__ = ["BadResponseSignature", "Exchange", "Gateway", "GatewayError", "GatewayRefusal",
           "MethodRefused", "NotSent", "RateLimited", "TlsFailure", "UnknownOutcome",
           "UnsignedAnswer", "VoidAnswer", "WrongCredentials"]


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
log = logging.getLogger("posrev.gateway")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


RESPONSE_SIGNATURE_MODES = ("verify", "if_present", "ignore")  # as in posrev.config
CLOSE_METHODS = ("auto", "get", "post")
# What a profile remembers about its gateway (``GatewayMemory`` keys).
MEMORY_SIGNS = "gateway.signs_answers"  # "raw" / "fields" once an answer was seen signed
MEMORY_CLOSE = "gateway.close_method"  # "GET" / "POST": the close method that worked


class GatewayMemory(Protocol):
    """Small facts a profile keeps about its gateway between runs (the journal's meta)."""

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...


class _NoMemory:
    def __init__(self) -> None:
        self._values: dict[str, str] = {}

    def get_meta(self, key: str) -> str | None:
        return self._values.get(key)

    def set_meta(self, key: str, value: str) -> None:
        self._values[key] = value


class Gateway:
    """A client for one merchant's credentials on one gateway."""

    def __init__(self, base_url: str, app_code: str, client_key: str, *,
                 mchid: str | None = None, sign_type: str = "md5",
                 connect_timeout: float = 5.0, read_timeout: float = 15.0,
                 session: requests.Session | None = None,
                 on_exchange: ExchangeHook | None = None,
                 response_signature: str = "if_present", close_method: str = "auto",
                 proxy: str = "",
                 proxy_auth: tuple[str, str] | Callable[[], tuple[str, str] | None] | None = None,
                 use_system_proxy: bool = False, ca_bundle: str = "",
                 memory: GatewayMemory | None = None) -> None:
        if sign_type not in SIGN_TYPES:
            raise ValueError(f"sign_type must be one of {SIGN_TYPES}")
        if response_signature not in RESPONSE_SIGNATURE_MODES:
            raise ValueError(f"response_signature must be one of {RESPONSE_SIGNATURE_MODES}")
        if close_method not in CLOSE_METHODS:
            raise ValueError(f"close_method must be one of {CLOSE_METHODS}")
        self.base_url = check_base_url(base_url)
        self._app_code = app_code
        self._client_key = client_key
        self.mchid = mchid or None
        self.sign_type = sign_type
        self.timeout = (connect_timeout, read_timeout)
        self.on_exchange = on_exchange
        self.response_signature = response_signature
        self.close_method = close_method
        self.memory: GatewayMemory = memory if memory is not None else _NoMemory()
        # What the last answer showed: "raw" / "fields" / "unsigned" (for the connection test).
        self.last_signature: str | None = None
        self._session = session or requests.Session()
        # max_retries=0: a POST is never resent by the transport (DESIGN.md §2).
        adapter = HTTPAdapter(max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        # Nothing is taken from the environment behind our back (no REQUESTS_CA_BUNDLE, no
        # .netrc): the proxy is resolved here, once, for the gateway's own URL.
        self._session.trust_env = False
        # TLS verification always stays on; ``ca_bundle`` names the CAs to trust instead of
        # the built-in list (e.g. a TLS-inspecting proxy's). Passed with every request.
        self._verify: str = ca_bundle or requests.certs.where()
        self.ca_bundle = ca_bundle
        self.use_system_proxy = bool(use_system_proxy) and not proxy
        self.proxy = ""  # the proxy in use, without credentials ("" for a direct connection)
        found = check_proxy_url(proxy) if proxy else ""
        if not found and self.use_system_proxy:
            # The OS settings for this URL (environment variables, Windows' system proxy and
            # its bypass list, NO_PROXY); a PAC script is not evaluated.
            scheme = urlsplit(self.base_url).scheme
            found = requests.utils.get_environ_proxies(self.base_url).get(scheme, "")
        if found:
            self.proxy = _without_auth(found)
            auth = proxy_auth() if callable(proxy_auth) else proxy_auth
            url = _with_auth(self.proxy, auth) if auth else found
            self._session.proxies = {"http": url, "https": url}

    def __repr__(self) -> str:  # never show the secrets
        return f"Gateway({self.base_url!r}, sign_type={self.sign_type!r})"

    def close_session(self) -> None:
        self._session.close()

    def proxy_in_use(self) -> str:
        """The proxy requests to the gateway go through ("" for none), without credentials."""
        return self.proxy

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
            raise UnknownOutcome(Text("net.no_records"))
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
        """``/trade/v1/close`` by ``close_method``: ``get`` (the guide: signed parameters in
        the query string), ``post`` (a form, as other docs and clients do), or ``auto``: the
        method this profile last saw work, else GET; when that is refused as a method or
        path error (404, 405, 501 or a JSON method refusal: nothing was applied), the other
        method once. Any other answer or failure (a timeout included) never leads to a
        second close."""
        if self.close_method != "auto":
            method = self.close_method.upper()
            try:
                return self._void_answer(self._call("/trade/v1/close", method, params))
            except _MethodRefused as exc:
                raise MethodRefused(method, exc.detail) from None
        first = self._remembered(MEMORY_CLOSE)
        first = first if first in ("GET", "POST") else "GET"
        second = "POST" if first == "GET" else "GET"
        try:
            answer = self._void_answer(self._call("/trade/v1/close", first, params))
            method = first
        except _MethodRefused:
            try:
                answer = self._void_answer(self._call("/trade/v1/close", second, params))
            except _MethodRefused as exc:
                raise MethodRefused(first, exc.detail, other=second) from None
            method = second
        self._remember(MEMORY_CLOSE, method)
        return answer

    def _remember(self, key: str, value: str) -> None:
        """Note a fact about the gateway; a failure to note it never loses an answer."""
        try:
            if self.memory.get_meta(key) != value:
                self.memory.set_meta(key, value)
        except Exception as exc:  # noqa: BLE001 - e.g. a full disk under the journal
            log.warning("could not remember %s (%s)", key, type(exc).__name__)

    def _remembered(self, key: str) -> str | None:
        try:
            return self.memory.get_meta(key)
        except Exception as exc:  # noqa: BLE001
            log.warning("could not read %s (%s)", key, type(exc).__name__)
            return None

    # -- internals ------------------------------------------------------------------------
    def _void_answer(self, answer: dict[str, Any]) -> VoidAnswer:
        respcd = str(answer.get("respcd", "")).strip()
        if not respcd:
            raise UnknownOutcome(Text("net.no_respcd"))
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
                                             timeout=self.timeout, allow_redirects=False,
                                             verify=self._verify)
                else:
                    resp = self._session.post(url, data=params, headers=headers,
                                              timeout=self.timeout, allow_redirects=False,
                                              verify=self._verify)
            except requests.exceptions.ConnectTimeout as exc:
                raise NotSent(Text("net.connect_timeout")) from exc
            except requests.exceptions.ReadTimeout as exc:
                raise UnknownOutcome(Text("net.no_answer", {"seconds": f"{self.timeout[1]:g}"})) \
                    from exc
            except requests.exceptions.ProxyError as exc:
                # Connecting to the proxy, or its CONNECT tunnel, failed: the request itself
                # never went out (a tunnel carries it only once established).
                raise NotSent(_proxy_reason(exc)) from exc
            except requests.exceptions.ConnectionError as exc:
                tls = _tls_failure(exc)
                if tls is not None:
                    raise tls from exc
                if _never_connected(exc):
                    raise NotSent(_short_reason(exc)) from exc
                raise UnknownOutcome(Text("net.dropped")) from exc
            except requests.exceptions.RequestException as exc:
                raise UnknownOutcome(Text("net.error", {"name": type(exc).__name__})) from exc
            status = resp.status_code
            body = resp.content
            is_close = endpoint == "/trade/v1/close"
            if is_close and status in (404, 405, 501):
                raise _MethodRefused(f"HTTP {status}")
            if status == 407:  # the proxy refused to forward it: the gateway never saw it
                raise NotSent(Text("net.proxy_credentials"))
            if status == 429:
                raise RateLimited(_retry_after(resp.headers.get("Retry-After")))
            if status >= 500:
                raise UnknownOutcome(Text("net.http_error", {"status": status}))
            if status != 200:
                raise UnknownOutcome(Text("net.http_unexpected", {"status": status}))
            try:
                parsed = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                parsed = exc
            if isinstance(parsed, Exception):  # (an HTML error page is not "unsigned")
                raise UnknownOutcome(Text("net.not_json")) from parsed
            self._check_signature(endpoint, resp, body, parsed)
            if not isinstance(parsed, dict):
                raise UnknownOutcome(Text("net.not_object"))
            answer = parsed
            if is_close and _is_method_refusal(answer):
                raise _MethodRefused(str(answer.get("resperr") or answer.get("respcd")))
            return answer
        except (GatewayError, _MethodRefused) as exc:
            error = f"method refused ({exc.detail})" if isinstance(exc, _MethodRefused) \
                else str(exc)
            raise
        finally:
            if self.on_exchange is not None:
                self.on_exchange(Exchange(endpoint=endpoint, method=method, params=params,
                                          http_status=status, answer=answer, error=error,
                                          elapsed_ms=(time.perf_counter() - started) * 1000))


    def _check_signature(self, endpoint: str, resp: requests.Response, body: bytes,
                         parsed: object) -> None:
        """Apply ``response_signature`` to one answer (HTTP 200). Raises UnknownOutcome."""
        given = (resp.headers.get("X-QF-SIGN") or "").strip()
        declared = (resp.headers.get("X-QF-SIGNTYPE") or "").strip().upper().replace("-", "")
        sign_type = "sha256" if declared == "SHA256" else "md5"
        if not given:
            self.last_signature = "unsigned"
            if self.response_signature == "ignore":
                return
            required = self.response_signature == "verify" or bool(
                self._remembered(MEMORY_SIGNS))
            # A refused signature (1108) to an enquiry is answered unsigned by gateways that
            # cannot sign for a caller they did not authenticate; it changes no void.
            refused_enquiry = endpoint == "/trade/v1/query" and isinstance(parsed, dict) and \
                str(parsed.get("respcd", "")) == codes.WRONG_SIGNATURE
            if required and not refused_enquiry:
                raise UnsignedAnswer()
            return
        method = response_method(body, None if isinstance(parsed, Exception) else parsed,
                                 self._client_key, given, sign_type)
        self.last_signature = method or "mismatch"
        if method is None:
            if self.response_signature != "ignore":
                raise BadResponseSignature()
            return
        self._remember(MEMORY_SIGNS, f"{method}/{sign_type}")


class _MethodRefused(Exception):
    """The gateway refused the close's HTTP method or path: it applied nothing."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


_METHOD_WORDS = ("method", "not allowed", "not support", "unsupported", "不支持", "请求方式")


def _is_method_refusal(answer: Mapping[str, Any]) -> bool:
    """A JSON answer that refuses the request's method: no void syssn, a failure code (or
    none) and words about the method. Success, in-progress and "already cancelled" answers
    never are."""
    respcd = str(answer.get("respcd", "")).strip()
    if respcd in (codes.SUCCESS, codes.WRONG_SIGNATURE) or respcd in codes.DEFAULT_PENDING \
            or respcd in codes.ALREADY_CANCELLED or answer.get("syssn"):
        return False
    text = f"{answer.get('resperr', '')} {answer.get('respmsg', '')} {answer.get('error', '')}"
    return any(word in text.lower() for word in _METHOD_WORDS)


def check_proxy_url(url: str) -> str:
    """``http://host:port`` (credentials never in the URL: they live in the keyring)."""
    from urllib.parse import urlsplit

    from posrev.errors import ConfigError

    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ConfigError(f"'{url}' is not a valid proxy URL (expected http://host:port)") \
            from None
    if parts.scheme not in ("http", "https") or not parts.hostname or port is None:
        raise ConfigError(f"'{url}' is not a valid proxy URL (expected http://host:port)")
    if parts.username or parts.password:
        raise ConfigError("the proxy URL must not hold a user name or password; store them "
                          "with 'posrev credentials set-proxy'")
    if parts.path not in ("", "/") or parts.query or any(c.isspace() for c in text):
        raise ConfigError(f"'{url}' is not a valid proxy URL (expected http://host:port)")
    return text.rstrip("/")


def _with_auth(url: str, auth: tuple[str, str] | None) -> str:
    if not auth:
        return url
    from urllib.parse import quote

    scheme, rest = url.split("://", 1)
    return f"{scheme}://{quote(auth[0], safe='')}:{quote(auth[1], safe='')}@{rest}"


def _without_auth(url: str) -> str:
    if "@" not in url:
        return url
    scheme, rest = url.split("://", 1) if "://" in url else ("http", url)
    return f"{scheme}://{rest.rsplit('@', 1)[1]}"


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and every exception it wraps (urllib3's ``reason``, causes, contexts, args).

    Only exceptions are followed: ``ssl.SSLError.reason`` is a string such as
    ``"CERTIFICATE_VERIFY_FAILED"``, not an exception.
    """
    seen: set[int] = set()
    out: list[BaseException] = []
    stack: list[object] = [exc]
    while stack:
        cur = stack.pop()
        if not isinstance(cur, BaseException) or id(cur) in seen:
            continue
        seen.add(id(cur))
        out.append(cur)
        stack.extend([getattr(cur, "reason", None), cur.__cause__, cur.__context__,
                      *getattr(cur, "args", ())])
    return out


def _never_connected(exc: BaseException) -> bool:
    """True when urllib3 failed while opening the connection (DNS, refused, unreachable)."""
    for cur in _causes(exc):
        name = type(cur).__name__
        if name in ("NewConnectionError", "NameResolutionError", "ConnectTimeoutError"):
            return True
        if isinstance(cur, ConnectionRefusedError):
            return True
    return False


# OpenSSL reasons that can only come from the handshake, before a byte of the request.
_NOT_TLS = ("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "HTTP_REQUEST", "UNKNOWN_PROTOCOL",
            "PACKET_LENGTH_TOO_LONG")
_HANDSHAKE = ("HANDSHAKE_FAILURE", "UNSUPPORTED_PROTOCOL", "NO_PROTOCOLS_AVAILABLE",
              "TLSV1_ALERT", "SSLV3_ALERT", "NO_SHARED_CIPHER", "UNSAFE_LEGACY_RENEGOTIATION",
              "DH_KEY_TOO_SMALL", "EE_KEY_TOO_SMALL", "CA_MD_TOO_WEAK")


def _tls_failure(exc: BaseException) -> TlsFailure | None:
    """The plain-words TLS failure behind ``exc``, or None when it is not a handshake error."""
    import ssl

    for cur in _causes(exc):
        if isinstance(cur, ssl.SSLCertVerificationError):
            message = (cur.verify_message or str(cur)).lower()
            if "expired" in message:
                return TlsFailure("expired", Text("tls.expired"))
            if "not yet valid" in message:
                return TlsFailure("expired", Text("tls.not_yet_valid"))
            if "hostname" in message or "ip address mismatch" in message:
                return TlsFailure("hostname", Text("tls.hostname"))
            return TlsFailure("untrusted", Text("tls.untrusted"))
        if isinstance(cur, ssl.SSLError):
            reason = str(getattr(cur, "reason", "") or "").upper()
            text = str(cur).upper()
            if any(r in reason or r in text for r in _NOT_TLS):
                return TlsFailure("not_tls", Text("tls.not_tls"))
            if any(r in reason or r in text for r in _HANDSHAKE):
                return TlsFailure("handshake", Text("tls.handshake", {
                    "detail": reason.lower() or "no shared protocol"}))
    return None


def _proxy_reason(exc: BaseException) -> Text:
    text = str(exc)
    if "407" in text:
        return Text("net.proxy_credentials")
    match = re.search(r"Tunnel connection failed: (\d{3})", text)
    if match:
        return Text("net.proxy_refused", {"status": match.group(1)})
    return Text("net.proxy_unreachable", {"reason": _short_reason(exc)})


# What the operating system says of a connection that never opened (Linux, macOS and
# Windows words): each sentence's English is those words, as they are looked for.
_OS_REASONS = ("net.connection_refused", "net.name_unknown", "net.no_route",
               "net.network_unreachable", "net.nodename", "net.getaddrinfo",
               "net.actively_refused", "net.timed_out")


def _short_reason(exc: BaseException) -> Text:
    text = str(exc).lower()
    for code in _OS_REASONS:
        if english(Text(code)) in text:
            return Text(code)
    return Text("net.connection_failed")
