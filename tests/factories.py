"""Values the tests build again and again, each with plain defaults and keyword overrides."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from posrev.model.operation import Operation


def operation(**overrides: Any) -> Operation:
    """A journaled void (a reversal) of HKD 1.00 by cashier C001 on terminal ``t``, sent once,
    pending, with no message; any field of ``Operation`` can be given instead (the message as
    the journal keeps it: ``**journal_columns(text)``). A misspelt field is a TypeError."""
    now = datetime.now(UTC)
    fields: dict[str, Any] = {
        "op_id": uuid.uuid4().hex, "orig_syssn": "1", "out_trade_no": "", "action": "reversal",
        "txamt": 100, "txcurrcd": "HKD", "txdtm": "2026-11-30 10:00:00", "pay_type": "800108",
        "udid": "t", "cashier": "C001", "approver": "", "reason": "", "forced": False,
        "state": "pending", "sends": 1, "void_syssn": "", "respcd": "", "message": "",
        "created_at": now, "updated_at": now, "pending_since": None, "next_check_at": None,
        "checks": 0, "version": 1,
    }
    return Operation(**{**fields, **overrides})
