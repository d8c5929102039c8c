"""Transport faults of the simulated gateway (DESIGN.md §11): queued or drawn at a random rate.

A fault is named by a *kind* string, so that the Python API and the control API
(``POST /_sim/faults``) take the same values:

==================  =====================================================  ==============
kind                what the client sees                                   applied?*
==================  =====================================================  ==============
``latency:<s>``     the normal answer, ``<s>`` seconds late                 yes
``drop``            the connection closes without an answer                 no
``http500``         HTTP 500 with a small JSON error body                   no
``non_json``        HTTP 200 whose body is an HTML page, not JSON           yes
``bad_signature``   the normal JSON answer with a wrong ``X-QF-SIGN``       yes
``rate_limit``      HTTP 429 with ``Retry-After: 1``                        never
==================  =====================================================  ==============

\\* "applied" says whether the gateway processed the request (a void took effect) before the
fault hit; ``applied=True/False`` overrides the default for ``drop``, ``http500``,
``non_json`` and ``bad_signature``.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

ENDPOINTS = {"query": "/trade/v1/query", "reversal": "/trade/v1/reversal",
             "close": "/trade/v1/close", "refund": "/trade/v1/refund"}
KINDS = ("latency", "drop", "http500", "non_json", "bad_signature", "rate_limit")
_APPLIED_BY_DEFAULT = {"latency": True, "drop": False, "http500": False, "non_json": True,
                       "bad_signature": True, "rate_limit": False}
DEFAULT_RANDOM_KINDS = ("drop", "http500", "non_json", "bad_signature", "rate_limit",
                        "latency:0.2")


@dataclass(frozen=True)
class Fault:
    """One fault to inject; ``remaining`` None means until cleared."""

    kind: str
    seconds: float = 0.0
    applied: bool = False
    endpoint: str | None = None  # a gateway path, or None for any
    remaining: int | None = 1

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def endpoint_path(endpoint: str | None) -> str | None:
    """``"reversal"`` or ``"/trade/v1/reversal"`` -> the path; None stays None (any)."""
    if endpoint is None:
        return None
    path = ENDPOINTS.get(endpoint, endpoint)
    if path not in ENDPOINTS.values():
        raise ValueError(f"unknown endpoint {endpoint!r}; use one of {', '.join(ENDPOINTS)}")
    return path


def make_fault(kind: str, *, count: int | None = 1, endpoint: str | None = None,
               applied: bool | None = None) -> Fault:
    """Parse a kind string (``"latency:1.5"``, ``"drop"`` …) into a Fault."""
    name, _, arg = kind.partition(":")
    if name not in KINDS:
        names = ", ".join("latency:<seconds>" if k == "latency" else k for k in KINDS)
        raise ValueError(f"unknown fault kind {kind!r}; use one of {names}")
    seconds = 0.0
    if name == "latency":
        try:
            seconds = float(arg)
        except ValueError:
            raise ValueError("a latency fault is written 'latency:<seconds>'") from None
        if not 0 <= seconds <= 600:
            raise ValueError("latency must be 0 to 600 seconds")
    elif arg:
        raise ValueError(f"fault kind {name!r} takes no argument")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
        raise ValueError("count must be a whole number >= 1, or None for 'until cleared'")
    if name == "rate_limit" and applied:
        raise ValueError("a rate-limited request is never processed")
    if applied is None or name in ("latency", "rate_limit"):
        applied = _APPLIED_BY_DEFAULT[name]
    return Fault(kind=name, seconds=seconds, applied=applied, endpoint=endpoint_path(endpoint),
                 remaining=count)


class FaultPlan:
    """Queued faults, then a random fault rate drawn from ``random.Random(seed)``."""

    def __init__(self, seed: int, rate: float = 0.0,
                 kinds: Iterable[str] | None = None) -> None:
        self._lock = threading.Lock()
        self._queue: list[Fault] = []
        self._rng = random.Random(f"{seed}:faults")
        self._rate = 0.0
        self._random_kinds: tuple[Fault, ...] = ()
        self._random_endpoint: str | None = None
        self.set_rate(rate, kinds)

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._queue.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()
            self._rate = 0.0

    def set_rate(self, rate: float, kinds: Iterable[str] | None = None,
                 endpoint: str | None = None) -> None:
        """Each gateway request (to ``endpoint``, or any) gets a random fault with this
        probability; the draws are reproducible for a given seed and request sequence."""
        if not 0.0 <= rate <= 1.0:
            raise ValueError("the fault rate must be between 0 and 1")
        faults = tuple(make_fault(kind) for kind in (kinds or DEFAULT_RANDOM_KINDS))
        with self._lock:
            self._rate = float(rate)
            self._random_kinds = faults
            self._random_endpoint = endpoint_path(endpoint)

    def pending(self) -> list[dict[str, Any]]:
        with self._lock:
            return [fault.as_dict() for fault in self._queue]

    @property
    def rate(self) -> float:
        return self._rate

    def take(self, path: str) -> Fault | None:
        """The fault for this request, if any: the first queued one that matches, else a draw."""
        with self._lock:
            for index, fault in enumerate(self._queue):
                if fault.endpoint is None or fault.endpoint == path:
                    if fault.remaining is not None:
                        if fault.remaining <= 1:
                            del self._queue[index]
                        else:
                            self._queue[index] = replace(fault, remaining=fault.remaining - 1)
                    return fault
            if self._rate > 0 and self._random_endpoint in (None, path):
                if self._rng.random() < self._rate:
                    return self._rng.choice(self._random_kinds)
            return None
