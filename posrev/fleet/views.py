"""Head-office views over the fleet database: every void and refund, and what is still open.

Both read ``operations`` (one row per operation, its current state) through the indexes made
for them: (store_id, created_at) for a store's report, created_at for the chain, and a partial
index on created_at for the open ones (non-final or needs_manual).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from posrev.model.operation import PENDING_STATES

REPORT_COLUMNS = ["op_id", "created_at", "updated_at", "store_id", "terminal", "origin_terminal",
                  "outcome", "state", "action", "orig_syssn", "out_trade_no", "void_syssn",
                  "txamt", "txcurrcd", "pay_type", "respcd", "cashier", "approver", "reason",
                  "taken_over_by", "message"]

_SELECT = ("SELECT op_id, created_at, updated_at, store_id, owner_udid, origin_udid, state, "
           "final, action, orig_syssn, out_trade_no, void_syssn, txamt, txcurrcd, pay_type, "
           "respcd, cashier, approver, reason, taken_over_by, message FROM operations")

def outcome(state: str, final: bool) -> str:
    """The journal's outcome words, as posrev.model.operation.Operation.outcome says them."""
    if final:
        return state
    return "pending" if state in PENDING_STATES else "unknown"


def _row(r: tuple[Any, ...]) -> dict[str, Any]:
    (op_id, created, updated, store, owner, origin, state, final, action, orig, otn, vsyssn,
     txamt, cur, pay_type, respcd, cashier, approver, reason, taken_by, message) = r
    return {"op_id": op_id, "created_at": created, "updated_at": updated, "store_id": store,
            "terminal": owner, "origin_terminal": origin, "outcome": outcome(state, final),
            "state": state, "action": action, "orig_syssn": orig, "out_trade_no": otn,
            "void_syssn": vsyssn, "txamt": int(txamt), "txcurrcd": cur, "pay_type": pay_type,
            "respcd": respcd, "cashier": cashier, "approver": approver, "reason": reason,
            "taken_over_by": taken_by, "message": message}


def _where(store: str | None, terminal: str | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    if store:
        where.append("store_id = %s")
        args.append(store)
    if terminal:
        where.append("owner_udid = %s")
        args.append(terminal)
    return where, args


def report(conn: Any, *, since: datetime | None = None, until: datetime | None = None,
           store: str | None = None, terminal: str | None = None,
           limit: int | None = None) -> list[dict[str, Any]]:
    """Every operation (void or refund) created in [since, until), oldest first."""
    where, args = _where(store, terminal)
    if since is not None:
        where.append("created_at >= %s")
        args.append(since)
    if until is not None:
        where.append("created_at < %s")
        args.append(until)
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY created_at"
    if limit is not None:
        sql += " LIMIT %s"
        args.append(limit)
    with conn.cursor() as cur:
        cur.execute(sql, args)
        rows = [_row(r) for r in cur.fetchall()]
    conn.rollback()
    return rows


def pending(conn: Any, *, store: str | None = None, terminal: str | None = None,
            limit: int = 1000) -> list[dict[str, Any]]:
    """Non-final and needs_manual operations chain-wide, oldest first, with how long ago
    their terminal last checked in (server time, so terminals' clocks do not matter)."""
    where, args = _where(store, terminal)
    where = [w.replace("store_id", "o.store_id") for w in where]
    sql = ("SELECT o.op_id, o.created_at, o.updated_at, o.store_id, o.owner_udid, "
           "o.origin_udid, o.state, o.final, o.action, o.orig_syssn, o.out_trade_no, "
           "o.void_syssn, o.txamt, o.txcurrcd, o.pay_type, o.respcd, o.cashier, o.approver, "
           "o.reason, o.taken_over_by, o.message, "
           "extract(epoch FROM clock_timestamp() - t.last_seen) "
           "FROM operations o LEFT JOIN terminals t ON t.udid = o.owner_udid "
           "WHERE (NOT o.final OR o.state = 'needs_manual')"
           + "".join(" AND " + w for w in where) + " ORDER BY o.created_at LIMIT %s")
    with conn.cursor() as cur:
        cur.execute(sql, [*args, limit])
        out = []
        for r in cur.fetchall():
            row = _row(r[:-1])
            row["terminal_silent_s"] = None if r[-1] is None else round(float(r[-1]))
            out.append(row)
    conn.rollback()
    return out


def terminals(conn: Any, store: str | None = None) -> list[dict[str, Any]]:
    sql = ("SELECT udid, store_id, last_seen, last_event_id, "
           "extract(epoch FROM clock_timestamp() - last_seen) FROM terminals")
    args: list[Any] = []
    if store:
        sql += " WHERE store_id = %s"
        args.append(store)
    with conn.cursor() as cur:
        cur.execute(sql + " ORDER BY store_id, udid", args)
        rows = [{"udid": u, "store_id": s, "last_seen": seen, "last_event_id": int(last),
                 "silent_s": round(float(age))} for u, s, seen, last, age in cur.fetchall()]
    conn.rollback()
    return rows


def stores(conn: Any) -> list[str]:
    with conn.cursor() as cur:
        cur.execute("SELECT DISTINCT store_id FROM terminals ORDER BY 1")
        out = [r[0] for r in cur.fetchall()]
    conn.rollback()
    return out
