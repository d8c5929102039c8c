"""What the runners need from the outside, as ports (typing Protocols).

``posrev.journal.Journal`` is the journal and ``posrev.gateway.client.Gateway`` the gateway;
the service layer (posrev/app.py) hands them to the runners. ``domain/`` imports neither, nor
anything that does I/O (docs/DESIGN.md, the layers).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from posrev.errors import JournalVanished
from posrev.messages import Text
from posrev.model.operation import Operation
from posrev.model.transaction import VoidAnswer


class GatewayPort(Protocol):
    """The four requests of a void or a refund. Each raises the typed errors of
    posrev/gateway/errors.py."""

    def query(self, *, syssn: str | None = None, out_trade_no: str | None = None,
              start_time: str | None = None, end_time: str | None = None,
              page: int = 1, page_size: int = 100) -> list[dict[str, Any]]: ...

    def reversal(self, params: Mapping[str, object]) -> VoidAnswer: ...

    def close(self, params: Mapping[str, object]) -> VoidAnswer: ...

    def refund(self, params: Mapping[str, object]) -> VoidAnswer: ...


class JournalPort(Protocol):
    """What the runners read and write in the journal: an operation, its transitions (a
    ``Conflict`` when someone else changed it first), its events."""

    vanished: JournalVanished | None
    vanished_count: int

    def get(self, op_id: str) -> Operation | None: ...

    def transition(self, op: Operation, *, event: str, detail: dict[str, Any] | None = None,
                   essential: bool = False, text: Text | None = None,
                   **changes: Any) -> Operation: ...

    def events(self, op_id: str | None = None,
               kind_prefix: str = "") -> list[dict[str, Any]]: ...
