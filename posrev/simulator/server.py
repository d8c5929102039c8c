"""The QFPay gateway simulator: a real HTTP server on loopback (DESIGN.md §11).

``Simulator`` is the facade the tests, the CLI and ``posrev --demo`` use. The HTTP side
enforces what the gateway's transport documents (DESIGN.md §15.2): methods, form bodies,
``X-QF-APPCODE``/``X-QF-SIGN``/``X-QF-SIGNTYPE``, the per-merchant rate limit, and the
response signature; the rules about orders live in ``model.py``, transport faults in
``faults.py``.
"""

from __future__ import annotations

import json
import math
import os
import socket
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

from posrev.config import ROUTING_PRESETS
from posrev.gateway.environments import is_loopback
from posrev.gateway.signing import sign_body, sign_fields, verify_request
from posrev.simulator import page
from posrev.simulator.faults import ENDPOINTS, Fault, FaultPlan, make_fault
from posrev.simulator.model import GatewayModel, OrderNotFound
from posrev.simulator.records import Answer, Outcome, SimulatorError, error

# Demo credentials: shaped like real ones (32 characters) and plainly not real.
DEMO_APP_CODE = "DEMO0APPCODE00000000000000000000"
DEMO_CLIENT_KEY = "DEMO0CLIENTKEY000000000000000000"

_ENDPOINT_NAMES = {path: name for name, path in ENDPOINTS.items()}
_MAX_BODY = 1 << 20
_SCENARIO_FIELDS = ("in_progress_polls", "customer_pays_first", "lose_answer", "latency",
                    "refund_polls", "refund_window_closed", "refund_balance_short")

# The gateway's shapes (README.md, "Gateway shapes"): how it signs its answers, which
# methods close takes and how it refuses the other, its routing table, legacy answers.
RESPONSE_SIGNATURES = ("raw", "fields", "none", "wrong")
CLOSE_METHODS = ("get", "post", "both")
CLOSE_REFUSALS = ("405", "404", "501", "json")
SHAPE_FIELDS = ("response_signature", "close_method", "close_refusal", "routing", "legacy")

RequestHook = Callable[[dict[str, Any]], None]


class _RateLimiter:
    """A sliding minute per app code (DESIGN.md §15.2: 400 requests/minute per merchant)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._lock = threading.Lock()
        self._seen: dict[str, deque[float]] = {}

    def admit(self, key: str) -> int | None:
        """None when admitted; else the whole seconds to wait (``Retry-After``)."""
        now = time.monotonic()
        with self._lock:
            window = self._seen.setdefault(key, deque())
            while window and window[0] <= now - 60.0:
                window.popleft()
            if len(window) >= self.per_minute:
                return max(1, math.ceil(window[0] + 60.0 - now))
            window.append(now)
            return None


class Simulator:
    """The simulated gateway. Start it, point a ``Gateway`` client at ``base_url``, stop it.

    ``clock`` returns an aware datetime (default: now in ``tz``); every time in a record is
    a ``YYYY-MM-DD hh:mm:ss`` string in the gateway zone ``tz``. ``seed`` makes syssns and the
    random fault draws reproducible. ``state_file`` keeps the orders across runs.
    """

    def __init__(self, seed: int = 0, app_code: str = DEMO_APP_CODE,
                 client_key: str = DEMO_CLIENT_KEY, mchid: str | None = None,
                 close_post_only: bool = False, rate_limit_per_minute: int = 400,
                 clock: Callable[[], datetime] | None = None, tz: str = "Asia/Hong_Kong",
                 state_file: str | os.PathLike[str] | None = None, fault_rate: float = 0.0,
                 fault_kinds: Iterable[str] | None = None, response_signature: str = "raw",
                 close_method: str | None = None, close_refusal: str = "405",
                 routing: str = "guide", legacy: bool = False) -> None:
        if not app_code or not client_key:
            raise ValueError("the simulator needs an app code and a client key")
        if rate_limit_per_minute < 1:
            raise ValueError("rate_limit_per_minute must be at least 1")
        self.app_code = app_code
        self._client_key = client_key
        self.mchid = mchid or None
        self.tz = ZoneInfo(tz)
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now(self.tz))
        self.model = GatewayModel(seed=seed, clock=lambda: self.clock(), tz=self.tz,
                                  mchid=self.mchid, state_file=state_file)
        self.response_signature = "raw"
        self.close_method = "get"
        self.close_refusal = "405"
        self.set_shape(response_signature=response_signature,
                       close_method=close_method or ("post" if close_post_only else "get"),
                       close_refusal=close_refusal, routing=routing, legacy=legacy)
        self.faults = FaultPlan(seed, fault_rate, fault_kinds)
        self._limiter = _RateLimiter(rate_limit_per_minute)
        self._log_lock = threading.Lock()
        self._requests: list[dict[str, Any]] = []
        self.on_request: RequestHook | None = None
        self.base_url: str | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    def __repr__(self) -> str:  # never show the client key
        return f"Simulator(base_url={self.base_url!r}, app_code={self.app_code!r})"

    # -- lifecycle ------------------------------------------------------------------------
    def start(self, host: str = "127.0.0.1", port: int = 0,
              tls: tuple[str | os.PathLike[str], str | os.PathLike[str]] | None = None) -> str:
        """Serve on ``host:port`` (loopback only; port 0 picks a free one); the base URL.

        ``tls=(certfile, keyfile)`` serves HTTPS with that certificate (tests of certificate
        checks, proxies and ``ca_bundle``); the base URL is then ``https://``."""
        if self._server is not None:
            raise RuntimeError("the simulator is already running")
        if not is_loopback(host):
            raise ValueError(f"the simulator serves only on loopback, not on {host}")
        self._stopping.clear()
        server = _Server((host, port), _Handler, self)
        if tls is not None:
            import ssl

            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(str(tls[0]), str(tls[1]))
            # The handshake happens in the connection's thread, at its first read: a client
            # that never completes it cannot stall the accepting thread.
            server.socket = context.wrap_socket(server.socket, server_side=True,
                                                do_handshake_on_connect=False)
        self._server = server
        bound_host, bound_port = str(server.server_address[0]), int(server.server_address[1])
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        self.base_url = f"{'https' if tls else 'http'}://{shown}:{bound_port}"
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.5},
                                        name=f"posrev-simulator-{bound_port}", daemon=True)
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        """Stop serving, cut open connections (latency waits end at once), join the threads."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()
        # shutdown() waits for serve_forever's next poll; a connection wakes it at once.
        stopper = threading.Thread(target=server.shutdown, daemon=True)
        stopper.start()
        while stopper.is_alive():
            server.poke()
            stopper.join(0.02)
        server.close_connections()
        server.server_close()  # joins the connection threads
        if thread is not None:
            thread.join()
        self._server = self._thread = None

    @property
    def running(self) -> bool:
        return self._server is not None

    def __enter__(self) -> Simulator:
        if self._server is None:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- shape ----------------------------------------------------------------------------
    @property
    def close_post_only(self) -> bool:
        return self.close_method == "post"

    @close_post_only.setter
    def close_post_only(self, value: bool) -> None:
        self.close_method = "post" if value else "get"

    def set_shape(self, *, response_signature: str | None = None,
                  close_method: str | None = None, close_refusal: str | None = None,
                  routing: str | None = None, legacy: bool | None = None) -> dict[str, Any]:
        """Switch the gateway's shape (any subset); the shape now in force.

        ``response_signature``: raw (hash of body + key), fields (hash of the sorted fields +
        key), none (unsigned), wrong (signed with another key). ``close_method``: get, post or
        both; the other method is refused by ``close_refusal``: HTTP 405, 404, 501, or json
        (HTTP 200 with respcd 1104 "request method … is not supported"). ``routing``: guide or
        2025. ``legacy``: "in progress" is answered as 2999.
        """
        checks = ((response_signature, RESPONSE_SIGNATURES, "response_signature"),
                  (close_method, CLOSE_METHODS, "close_method"),
                  (close_refusal, CLOSE_REFUSALS, "close_refusal"),
                  (routing, tuple(ROUTING_PRESETS), "routing"))
        for value, allowed, name in checks:
            if value is not None and value not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
        if legacy is not None and not isinstance(legacy, bool):
            raise ValueError("legacy must be true or false")
        if response_signature is not None:
            self.response_signature = response_signature
        if close_method is not None:
            self.close_method = close_method
        if close_refusal is not None:
            self.close_refusal = close_refusal
        if routing is not None:
            self.model.set_routing(routing)
        if legacy is not None:
            self.model.legacy = legacy
        return self.shape()

    def shape(self) -> dict[str, Any]:
        return {"response_signature": self.response_signature,
                "close_method": self.close_method, "close_refusal": self.close_refusal,
                "routing": self.model.routing, "legacy": self.model.legacy}

    # -- orders ---------------------------------------------------------------------------
    def create_order(self, pay_type: str = "800108", txamt: int = 2500, txcurrcd: str = "HKD",
                     out_trade_no: str | None = None, respcd: str = "1143", cancel: int = 0,
                     sysdtm: datetime | str | None = None, txdtm: datetime | str | None = None,
                     order_type: str = "payment", origssn: str | None = None,
                     syssn: str | None = None) -> dict[str, str | None]:
        """A new record, shaped as ``/trade/v1/query`` returns it."""
        return self.model.create_order(
            pay_type=pay_type, txamt=txamt, txcurrcd=txcurrcd, out_trade_no=out_trade_no,
            respcd=respcd, cancel=cancel, sysdtm=sysdtm, txdtm=txdtm, order_type=order_type,
            origssn=origssn, syssn=syssn)

    def pay(self, syssn: str) -> dict[str, str | None]:
        return self.model.pay(syssn)

    def expire(self, syssn: str) -> dict[str, str | None]:
        return self.model.expire(syssn)

    def set_scenario(self, syssn: str, **parts: Any) -> dict[str, Any]:
        """``GatewayModel.set_scenario``: the parts given change, the others stay."""
        return self.model.set_scenario(syssn, **parts)

    def get(self, syssn: str) -> dict[str, str | None] | None:
        return self.model.get(syssn)

    def voids_applied(self, orig_syssn: str) -> int:
        return self.model.voids_applied(orig_syssn)

    def void_requests(self, orig_syssn: str) -> int:
        return self.model.void_requests(orig_syssn)

    def refunds_applied(self, orig_syssn: str) -> int:
        """Refunds of this original the gateway accepted (done or still in progress)."""
        return self.model.refunds_applied(orig_syssn)

    def refunded_amount(self, orig_syssn: str) -> int:
        return self.model.refunded_amount(orig_syssn)

    def refund_requests(self, orig_syssn: str) -> int:
        return self.model.refund_requests(orig_syssn)

    # -- faults ---------------------------------------------------------------------------
    def fault(self, kind: str, count: int | None = 1, endpoint: str | None = None, *,
              applied: bool | None = None) -> None:
        """Queue a fault for the next ``count`` gateway requests (to ``endpoint`` or any).

        ``kind`` is one of ``latency:<seconds>``, ``drop``, ``http500``, ``non_json``,
        ``bad_signature``, ``rate_limit`` (see ``faults.py``); ``count=None`` keeps it until
        ``clear_faults()``.
        """
        self.faults.add(make_fault(kind, count=count, endpoint=endpoint, applied=applied))

    def set_fault_rate(self, rate: float, kinds: Iterable[str] | None = None,
                       endpoint: str | None = None) -> None:
        self.faults.set_rate(rate, kinds, endpoint)

    def clear_faults(self) -> None:
        self.faults.clear()

    # -- observation ----------------------------------------------------------------------
    @property
    def requests(self) -> list[dict[str, Any]]:
        """Every gateway request: endpoint, method, params, respcd, http_status, fault, t
        (``time.monotonic()`` at arrival). ``respcd`` is what the gateway decided, even when
        a fault kept the answer from the client; ``http_status`` is None when nothing was
        written. Headers (and so signatures) are not kept."""
        with self._log_lock:
            return [dict(entry) for entry in self._requests]

    def state(self) -> dict[str, Any]:
        return {"base_url": self.base_url, "app_code": self.app_code, "shape": self.shape(),
                "orders": self.model.all_details(), "requests": len(self._requests),
                "faults": self.faults.pending(), "fault_rate": self.faults.rate}

    # -- the gateway endpoints ------------------------------------------------------------
    def _allowed_methods(self, path: str) -> tuple[str, ...]:
        if path == ENDPOINTS["close"]:
            # The guide documents close as GET; some deployments take POST only (DESIGN.md §15.9).
            return {"get": ("GET",), "post": ("POST",), "both": ("GET", "POST")}[
                self.close_method]
        return ("POST",)

    def _serve_gateway(self, handler: _Handler, path: str, query: str) -> None:
        method = handler.command
        body = handler.read_body()
        entry: dict[str, Any] = {"endpoint": path, "method": method, "params": {},
                                 "respcd": None, "http_status": None, "fault": None,
                                 "t": time.monotonic()}
        with self._log_lock:
            self._requests.append(entry)
        if method not in self._allowed_methods(path):
            refusal = self.close_refusal if path == ENDPOINTS["close"] else "405"
            if refusal == "json":
                entry["http_status"] = 200
                entry["respcd"] = "1104"
                self._answer(handler, 200, error("1104", f"request method {method} is not "
                                                         "supported"), "md5")
            elif refusal == "404":
                entry["http_status"] = 404
                self._answer(handler, 404, {"error": f"no such path {path}"}, "md5")
            else:
                entry["http_status"] = int(refusal)
                self._answer(handler, int(refusal),
                             {"error": f"{method} is not allowed on {path}"}, "md5",
                             extra={"Allow": ", ".join(self._allowed_methods(path))})
            return
        params, problem = handler.parse_params(query if method == "GET" else None, body)
        if problem is not None:
            entry["respcd"] = problem["respcd"]
            entry["http_status"] = 200
            self._answer(handler, 200, problem, "md5")
            return
        entry["params"] = dict(params)
        name = _ENDPOINT_NAMES[path]
        self._call_hook({"endpoint": path, "method": method, "params": dict(params)})
        if name not in ("query", "refund"):  # a refund is counted by the model itself
            self.model.note_void_request(params)
        fault = self.faults.take(path)
        entry["fault"] = fault.kind if fault else None
        retry_after = 1 if fault is not None and fault.kind == "rate_limit" else \
            self._limiter.admit(handler.headers.get("X-QF-APPCODE", ""))
        if retry_after is not None:
            entry["http_status"] = 429
            self._answer(handler, 429, {"error": "too many requests"}, "md5",
                         extra={"Retry-After": str(retry_after)})
            return
        if fault is not None and not fault.applied:
            self._deliver_fault(handler, entry, fault, None, "md5")
            return
        sign_type, outcome = self._decide(handler, name, params)
        entry["respcd"] = outcome.answer.get("respcd")
        delay = outcome.latency + (fault.seconds if fault is not None else 0.0)
        if delay > 0 and self._stopping.wait(delay):
            handler.drop()
            return
        if outcome.lose_answer:
            handler.drop()
            return
        if fault is not None and fault.kind != "latency":
            self._deliver_fault(handler, entry, fault, outcome.answer, sign_type)
            return
        entry["http_status"] = 200
        # A refused signature is answered unsigned: the gateway cannot sign for a caller it
        # did not authenticate, and a client holding a wrong key could not check it anyway.
        signed = outcome.answer.get("respcd") != "1108"
        self._answer(handler, 200, outcome.answer, sign_type, signed=signed)

    def _answer(self, handler: _Handler, status: int, payload: Any, sign_type: str, *,
                signed: bool = True, extra: Mapping[str, str] | None = None) -> None:
        """A gateway answer, signed as ``response_signature`` says."""
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers = dict(extra or {})
        shape = self.response_signature
        if signed and shape != "none":
            if shape == "fields" and isinstance(payload, dict):
                headers["X-QF-SIGN"] = sign_fields(payload, self._client_key, sign_type)
            elif shape == "wrong":
                headers["X-QF-SIGN"] = sign_body(body, self._client_key + "-not-the-key",
                                                 sign_type)
            else:
                headers["X-QF-SIGN"] = sign_body(body, self._client_key, sign_type)
            if sign_type == "sha256":
                headers["X-QF-SIGNTYPE"] = "SHA256"
        handler.send_raw(status, body, "application/json; charset=utf-8", headers)

    def _call_hook(self, info: dict[str, Any]) -> None:
        hook = self.on_request
        if hook is None:
            return
        try:
            hook(info)
        except Exception:  # a test's hook must not take the gateway down
            traceback.print_exc(file=sys.stderr)

    def _decide(self, handler: _Handler, name: str,
                params: Mapping[str, str]) -> tuple[str, Outcome]:
        """Authenticate (DESIGN.md §15.2, §15.3), then let the model answer."""
        declared = handler.headers.get("X-QF-SIGNTYPE", "").strip().upper()
        sign_type = {"": "md5", "MD5": "md5", "SHA256": "sha256"}.get(declared)
        if sign_type is None:
            return "md5", Outcome(error("1108", f"signature error: unknown X-QF-SIGNTYPE "
                                                f"{declared!r}"))
        given = handler.headers.get("X-QF-SIGN", "").strip()
        if handler.headers.get("X-QF-APPCODE", "") != self.app_code:
            return sign_type, Outcome(error("1108", "signature error: unknown app code"))
        if not given.isascii() or not verify_request(params, self._client_key, given, sign_type):
            return sign_type, Outcome(error("1108", "signature error"))
        return sign_type, self.model.handle(name, params)

    def _deliver_fault(self, handler: _Handler, entry: dict[str, Any], fault: Fault,
                       answer: Answer | None, sign_type: str) -> None:
        if fault.kind == "drop":
            handler.drop()
        elif fault.kind == "http500":
            entry["http_status"] = 500
            handler.send_json(500, {"error": "internal server error"}, key=None)
        elif fault.kind == "non_json":
            entry["http_status"] = 200
            handler.send_raw(200, b"<html><body><h1>502 Bad Gateway</h1></body></html>",
                             "text/html; charset=utf-8", {})
        elif fault.kind == "bad_signature":
            entry["http_status"] = 200
            body = json.dumps(answer or error("1100", "system maintenance")).encode("utf-8")
            wrong = sign_body(body, self._client_key + "-not-the-key", sign_type)
            headers = {"X-QF-SIGN": wrong}
            if sign_type == "sha256":
                headers["X-QF-SIGNTYPE"] = "SHA256"
            handler.send_raw(200, body, "application/json; charset=utf-8", headers)

    # -- the control API and page ---------------------------------------------------------
    def _serve_control(self, handler: _Handler, path: str) -> None:
        method = handler.command
        body = handler.read_body()
        parts = [part for part in path.split("/") if part][1:]  # after "_sim"
        if handler.body_too_large:
            handler.send_json(400, {"error": f"the body is larger than {_MAX_BODY} bytes"})
            return
        try:
            if parts == ["orders"] and method == "GET":
                handler.send_json(200, self.model.records())
            elif parts == ["state"] and method == "GET":
                handler.send_json(200, self.state())
            elif parts == ["orders"] and method == "POST":
                created = self._create_from(handler.parse_control_body(body))
                self._control_done(handler, 201, created)
            elif len(parts) == 3 and parts[0] == "orders" and method == "POST":
                syssn, action = parts[1], parts[2]
                if action == "pay":
                    self._control_done(handler, 200, self.pay(syssn))
                elif action == "expire":
                    self._control_done(handler, 200, self.expire(syssn))
                elif action == "scenario":
                    fields = handler.parse_control_body(body)
                    self.set_scenario(syssn, **_scenario_kwargs(fields, strict=True))
                    self._control_done(handler, 200, self.model.details(syssn))
                else:
                    handler.send_json(404, {"error": f"unknown action {action!r}"})
            elif parts == ["shape"] and method == "GET":
                handler.send_json(200, self.shape())
            elif parts == ["shape"] and method == "POST":
                fields = handler.parse_control_body(body)
                unknown = sorted(set(fields) - set(SHAPE_FIELDS))
                if unknown:
                    raise ValueError(f"unknown shape field(s): {', '.join(unknown)}")
                legacy = fields.pop("legacy", None)
                if isinstance(legacy, str):
                    if legacy.strip().lower() not in ("1", "0", "true", "false", "on", "off",
                                                      "yes", "no"):
                        raise ValueError("legacy must be true or false")
                    legacy = legacy.strip().lower() in ("1", "true", "on", "yes")
                shaped = {k: (None if v in ("", None) else str(v)) for k, v in fields.items()}
                self._control_done(handler, 200, self.set_shape(legacy=legacy, **shaped))
            elif parts == ["faults"] and method == "POST":
                self._faults_from(handler.parse_control_body(body))
                self._control_done(handler, 200, {"faults": self.faults.pending(),
                                                  "fault_rate": self.faults.rate})
            elif parts in (["orders"], ["state"], ["faults"], ["shape"]) or (
                    len(parts) == 3 and parts[0] == "orders"):
                handler.send_json(405, {"error": f"{method} is not allowed on {path}"})
            else:
                handler.send_json(404, {"error": f"no such simulator path {path}"})
        except OrderNotFound as exc:
            handler.send_json(404, {"error": str(exc)})
        except (SimulatorError, ValueError, TypeError) as exc:
            handler.send_json(409 if isinstance(exc, SimulatorError) else 400,
                              {"error": str(exc)[:500]})
        except (OverflowError, RecursionError) as exc:  # a number or a nesting out of range
            handler.send_json(400, {"error": f"a value is out of range ({type(exc).__name__})"})

    def _control_done(self, handler: _Handler, status: int, payload: Any) -> None:
        """A browser form gets redirected back to the page; a script gets JSON."""
        if "text/html" in handler.headers.get("Accept", ""):
            handler.send_raw(303, b"", "text/plain", {"Location": "/"})
        else:
            handler.send_json(status, payload)

    def _create_from(self, fields: dict[str, Any]) -> dict[str, Any]:
        fields = {k: v for k, v in fields.items() if v not in ("", None)}
        scenario = _scenario_kwargs({k: fields.pop(k) for k in _SCENARIO_FIELDS if k in fields})
        age = _number(fields.pop("age_minutes", None), "age_minutes", 0, _MAX_AGE_MINUTES)
        fields["txamt"] = _whole(fields.get("txamt"), "txamt", 1, 10**11 - 1)
        fields["cancel"] = _whole(fields.get("cancel"), "cancel", 0, 5)
        fields = {k: v for k, v in fields.items() if v is not None}
        allowed = {"pay_type", "txamt", "txcurrcd", "out_trade_no", "respcd", "cancel",
                   "sysdtm", "txdtm", "order_type", "origssn", "syssn"}
        unknown = sorted(set(fields) - allowed)
        if unknown:
            raise ValueError(f"unknown order field(s): {', '.join(unknown)[:200]}")
        for name in sorted(allowed - {"txamt", "cancel"}):
            if name in fields and not isinstance(fields[name], str):
                raise ValueError(f"{name} must be a string, not {_type_name(fields[name])}")
        if age is not None:
            when = self.model.now() - timedelta(minutes=age)
            fields.setdefault("sysdtm", when)
            fields.setdefault("txdtm", when)
        record = self.create_order(**fields)
        syssn = str(record["syssn"])
        if scenario:
            self.set_scenario(syssn, **scenario)
        return self.model.details(syssn)

    def _faults_from(self, fields: dict[str, Any]) -> None:
        unknown = sorted(set(fields) - {"clear", "rate", "kinds", "kind", "count", "endpoint",
                                        "applied"})
        if unknown:
            raise ValueError(f"unknown fault field(s): {', '.join(unknown)[:200]}")
        clear = _flag(fields.get("clear"), "clear")
        endpoint = fields.get("endpoint") or None
        if endpoint is not None and not isinstance(endpoint, str):
            raise ValueError(f"endpoint must be a string, not {_type_name(endpoint)}")
        rate = _number(fields.get("rate"), "rate", 0.0, 1.0)
        kinds = fields.get("kinds")
        if isinstance(kinds, str):
            kinds = [k.strip() for k in kinds.split(",") if k.strip()]
        if kinds is not None and not (isinstance(kinds, list)
                                      and all(isinstance(k, str) for k in kinds)):
            raise ValueError("kinds must be a list of fault kinds (strings)")
        kind = fields.get("kind")
        if kind not in (None, "") and not isinstance(kind, str):
            raise ValueError(f"kind must be a string, not {_type_name(kind)}")
        count = fields.get("count", 1)
        count = None if count is None else _whole(count, "count", 1, _MAX_COUNT)
        applied = _flag(fields.get("applied"), "applied")
        if clear:
            self.clear_faults()
        if rate is not None:
            self.set_fault_rate(rate, kinds, endpoint)
        if kind:
            self.fault(kind, count, endpoint, applied=applied)


def _scenario_kwargs(fields: Mapping[str, Any], strict: bool = False) -> dict[str, Any]:
    """Scenario fields from JSON (typed) or a form (strings)."""
    unknown = sorted(set(fields) - set(_SCENARIO_FIELDS))
    if strict and unknown:
        raise ValueError(f"unknown scenario field(s): {', '.join(unknown)[:200]}")
    out: dict[str, Any] = {}
    for name in _SCENARIO_FIELDS:
        if name not in fields or fields[name] in ("", None):
            continue
        value = fields[name]
        if name == "latency":
            out[name] = _number(value, name, 0, 600)
        elif name in ("customer_pays_first", "refund_window_closed", "refund_balance_short"):
            out[name] = _flag(value, name)
        elif name == "lose_answer" and (isinstance(value, bool) or (
                isinstance(value, str) and value.strip().lower() in _FLAG_WORDS)):
            out[name] = int(bool(_flag(value, name)))
        else:  # in_progress_polls, refund_polls, or lose_answer as a count
            out[name] = _whole(value, name, 0, _MAX_COUNT)
    return out


# -- typed control fields: a wrong type or an out-of-range number is a 400 with a reason ----
_MAX_COUNT = 1_000_000
_MAX_AGE_MINUTES = 10 * 366 * 24 * 60
_MAX_DEPTH = 32  # control bodies are flat; json's recursion must never be reached
_FLAG_WORDS = {"1": True, "true": True, "yes": True, "on": True,
               "0": False, "false": False, "no": False, "off": False}


def _type_name(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _whole(value: Any, name: str, low: int, high: int) -> int | None:
    """A whole number from JSON (an int, not a float or a bool) or a form (digits)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 18):
            raise ValueError(f"{name} must be a whole number from {low} to {high}")
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number from {low} to {high}, not "
                         f"{_type_name(value)}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}")
    return value


def _number(value: Any, name: str, low: float, high: float) -> float | None:
    """A finite number in range, from JSON or a form (NaN, Infinity, 1e400 are refused)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip()) if len(value) <= 40 else math.nan
        except ValueError:
            value = math.nan
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number from {low} to {high}, not "
                         f"{_type_name(value)}")
    if not (math.isfinite(value) and low <= value <= high):
        raise ValueError(f"{name} must be a number from {low} to {high}")
    return float(value)


def _flag(value: Any, name: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _FLAG_WORDS:
        return _FLAG_WORDS[value.strip().lower()]
    raise ValueError(f"{name} must be true or false")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:40]} is out of range")
    return value


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than _MAX_DEPTH before json.loads recurses into it."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > _MAX_DEPTH:
                raise ValueError(f"the JSON body is nested more than {_MAX_DEPTH} deep")
        elif ch in "]}":
            depth -= 1


def parse_control_json(body: bytes) -> Any:
    """JSON as the control API accepts it: UTF-8, finite numbers, bounded nesting."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("the body is not UTF-8") from None
    _check_depth(text)
    try:
        return json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise ValueError(f"the body is not valid JSON ({exc.msg} at line {exc.lineno}, "
                         f"column {exc.colno})") from None


class _Server(ThreadingHTTPServer):
    """A threading HTTP server that can cut its open keep-alive connections on stop."""

    daemon_threads = True
    request_queue_size = 128  # the default 5 drops bursts of parallel connections
    # On Windows SO_REUSEADDR lets a second server take a port in use; elsewhere it only
    # allows quick restarts.
    allow_reuse_address = sys.platform != "win32"

    def __init__(self, address: tuple[str, int], handler: type[_Handler],
                 sim: Simulator) -> None:
        self.sim = sim
        self._conn_lock = threading.Lock()
        self._conns: set[socket.socket] = set()
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._conn_lock:
            self._conns.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._conn_lock:
            self._conns.discard(request)
        super().shutdown_request(request)

    def poke(self) -> None:
        try:
            host, port = self.server_address[:2]
            with socket.create_connection((str(host), int(port)), timeout=1.0):
                pass
        except OSError:
            pass

    def close_connections(self) -> None:
        with self._conn_lock:
            conns = list(self._conns)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that went away (killed mid-flight, timed out) is not an error here.
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real gateway behind its proxy
    server_version = "QF/1.1"
    sys_version = ""
    timeout = 60  # an idle keep-alive connection is closed after a minute
    # Headers and body are written separately: without this, Nagle's algorithm and the
    # client's delayed ACK add ~40 ms to every answer.
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        pass  # requests are recorded in Simulator.requests instead

    def _dispatch(self) -> None:
        sim = self.server.sim
        self._body: bytes | None = None  # one handler serves every request of a connection
        self.body_too_large = False
        parts = urlsplit(self.path)
        path = parts.path
        try:
            if path in _ENDPOINT_NAMES:
                sim._serve_gateway(self, path, parts.query)
            elif path.startswith("/_sim/"):
                sim._serve_control(self, path)
            elif path == "/" and self.command == "GET":
                self.read_body()
                markup = page.render(sim.base_url or "", sim.app_code, sim.model.all_details(),
                                     sim.model.now_text(), shape=sim.shape(),
                                     routes=(sim.model.reversal_pay_types,
                                             sim.model.close_pay_types))
                self.send_raw(200, markup.encode("utf-8"), "text/html; charset=utf-8", {})
            else:
                self.read_body()
                self.send_json(404, {"error": f"no such path {path}"}, key=sim._client_key)
        except OSError:
            self.close_connection = True
        except Exception as exc:  # a simulator bug must still answer, and say what broke
            traceback.print_exc(file=sys.stderr)
            self.send_json(500, {"error": f"simulator error: {type(exc).__name__}: {exc}"})

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _dispatch

    # -- request ---------------------------------------------------------------------------
    def read_body(self) -> bytes:
        if self._body is not None:
            return self._body
        length_text = self.headers.get("Content-Length")
        length = int(length_text) if length_text and length_text.isdigit() \
            and len(length_text) < 19 else 0
        self.body_too_large = length > _MAX_BODY
        if self.body_too_large:
            self.close_connection = True  # the rest of it is never read
            length = 0
        self._body = self.rfile.read(length) if length else b""
        return self._body

    def parse_params(self, query: str | None,
                     body: bytes) -> tuple[dict[str, str], Answer | None]:
        """Form parameters (DESIGN.md §15.2: UTF-8, ``application/x-www-form-urlencoded``) from
        the query string (``query`` given) or the body; or the error answer."""
        if query is None:
            content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if body and content_type not in ("", "application/x-www-form-urlencoded"):
                return {}, error("1103", "the body must be application/x-www-form-urlencoded")
        try:
            text = query if query is not None else body.decode("utf-8")
            pairs = parse_qsl(text, keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError):
            return {}, error("1103", "request parameters must be UTF-8 form encoding")
        params: dict[str, str] = {}
        for name, value in pairs:
            if name in params:
                return {}, error("1104", f"parameter {name} is repeated")
            params[name] = value
        return params, None

    def parse_control_body(self, body: bytes) -> dict[str, Any]:
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if not body.strip():
            return {}
        if content_type == "application/json" or body.lstrip().startswith((b"{", b"[")):
            data = parse_control_json(body)
            if not isinstance(data, dict):
                raise ValueError("the body must be a JSON object")
            return data
        try:
            return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True,
                                  errors="strict", max_num_fields=100))
        except UnicodeDecodeError:
            raise ValueError("the form body is not UTF-8") from None

    # -- answer ----------------------------------------------------------------------------
    def send_json(self, status: int, payload: Any, *, key: str | None = None,
                  sign_type: str = "md5", extra: Mapping[str, str] | None = None) -> None:
        """JSON, signed like the 2018 doc says: ``X-QF-SIGN`` = hash(raw body + key)."""
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers = dict(extra or {})
        if key is not None:
            headers["X-QF-SIGN"] = sign_body(body, key, sign_type)
            if sign_type == "sha256":
                headers["X-QF-SIGNTYPE"] = "SHA256"
        self.send_raw(status, body, "application/json; charset=utf-8", headers)

    def send_raw(self, status: int, body: bytes, content_type: str,
                 headers: Mapping[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Powered-By", "QF/1.1")
        for name, value in headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def drop(self) -> None:
        """Close the connection without a byte of answer: the client sees it dropped."""
        self.close_connection = True
        self.wfile.flush()
