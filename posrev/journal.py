"""The journal: a durable SQLite record of every void, request, answer and audit event.

- WAL + ``synchronous=FULL``: a committed "I am about to send a void" survives a power cut
  (qfpay/reliability-notes.md §2), so the intent is written *before* the request leaves.
- One live operation per original transaction is a UNIQUE partial index, so a double click,
  a second window or a second process cannot start a second void while one is unresolved.
- Every state change is a compare-and-set on ``version``: two drivers (the GUI's background
  resumer and ``posrev pending --resume``) never both send.
- ``events`` is append-only (triggers refuse UPDATE and DELETE).
- A database that cannot be read is moved aside (never deleted) and reported.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from posrev.domain.operation import FINAL_STATES, Operation
from posrev.errors import JournalError

SCHEMA_VERSION = 2

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE operations(
        op_id TEXT PRIMARY KEY,
        orig_syssn TEXT NOT NULL,
        out_trade_no TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL,
        txamt INTEGER NOT NULL,
        txcurrcd TEXT NOT NULL,
        txdtm TEXT NOT NULL,
        pay_type TEXT NOT NULL,
        udid TEXT NOT NULL,
        cashier TEXT NOT NULL,
        approver TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        forced INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL,
        final INTEGER NOT NULL DEFAULT 0,
        sends INTEGER NOT NULL DEFAULT 0,
        void_syssn TEXT NOT NULL DEFAULT '',
        respcd TEXT NOT NULL DEFAULT '',
        message TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        pending_since TEXT,
        next_check_at TEXT,
        checks INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX one_live_void ON operations(orig_syssn) WHERE final = 0;
    CREATE INDEX operations_live ON operations(next_check_at) WHERE final = 0;
    CREATE INDEX operations_created ON operations(created_at);
    CREATE INDEX operations_orig ON operations(orig_syssn);
    CREATE TABLE events(
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        op_id TEXT,
        kind TEXT NOT NULL,
        actor TEXT NOT NULL DEFAULT '',
        result TEXT NOT NULL DEFAULT '',
        location TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX events_op ON events(op_id);
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # Refunds (action 'refund') share the operations table and its one-live-per-original
    # index; a refund has its own out_trade_no and the amount paid next to the amount sent.
    2: """
    ALTER TABLE operations ADD COLUMN refund_out_trade_no TEXT NOT NULL DEFAULT '';
    ALTER TABLE operations ADD COLUMN orig_txamt INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX operations_refund_no ON operations(refund_out_trade_no)
        WHERE refund_out_trade_no != '';
    """,
}

_OP_FIELDS = [f.name for f in fields(Operation)]
_TIME_FIELDS = ("created_at", "updated_at", "pending_since", "next_check_at")
CSV_COLUMNS = ["op_id", "created_at", "updated_at", "outcome", "state", "action", "orig_syssn",
               "out_trade_no", "void_syssn", "txamt", "txcurrcd", "pay_type", "respcd",
               "cashier", "approver", "reason", "udid", "sends", "message", "kind",
               "refund_out_trade_no", "orig_txamt"]


class AlreadyLive(JournalError):
    """A live (unresolved) void already exists for this original transaction."""

    exit_code = 1

    def __init__(self, op: Operation) -> None:
        super().__init__(f"A void of {op.orig_syssn} is already in progress "
                         f"(operation {op.op_id[:8]}); it is resumed instead.")
        self.operation = op


class Conflict(JournalError):
    """Someone else changed the operation first (another window or process)."""


def _statements(script: str) -> Iterator[str]:
    """Split a script into complete statements (triggers contain ';' inside BEGIN…END)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("naive datetime in the journal")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _row_to_op(row: sqlite3.Row) -> Operation:
    data = {name: row[name] for name in _OP_FIELDS}
    for name in _TIME_FIELDS:
        data[name] = _dt(data[name])
    data["forced"] = bool(data["forced"])
    return Operation(**data)


def _disk_error(exc: sqlite3.Error) -> JournalError:
    text = str(exc)
    if "full" in text:
        return JournalError("The journal could not be written because the disk is full; "
                            "nothing was sent.")
    if "readonly" in text or "read-only" in text:
        return JournalError("The journal is read-only; nothing was sent.")
    return JournalError(f"The journal could not be written ({text}); nothing was sent.")


class Journal:
    """Thread-safe (one connection guarded by a lock); several processes may share the file."""

    def __init__(self, path: str | os.PathLike[str], *, now=None) -> None:  # type: ignore[no-untyped-def]
        self.path = Path(path)
        self._now = now or (lambda: datetime.now(UTC))
        self._lock = threading.RLock()
        self.moved_aside: Path | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise JournalError(f"The journal folder {self.path.parent} cannot be created "
                               f"({exc.strerror}).") from None
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError as exc:
            if not self.path.exists() or isinstance(exc, sqlite3.OperationalError) and \
                    "locked" in str(exc):
                raise JournalError(f"The journal {self.path} cannot be opened ({exc}).") from None
            self.moved_aside = self._move_aside()
            self._conn = self._open()
            self.audit("journal.recovered", result="failure",
                       detail={"moved_aside": str(self.moved_aside), "error": str(exc)})

    # -- opening ------------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=10000")
            conn.execute("PRAGMA foreign_keys=ON")
            self._migrate(conn)
            conn.execute("SELECT count(*) FROM operations WHERE final = 0").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise JournalError(f"The journal {self.path} was written by a newer posrev "
                                   f"(schema {version}); upgrade posrev.")
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _statements(_MIGRATIONS[target]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version={target}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _move_aside(self) -> Path:
        stamp = self._now().strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        counter = 1
        while any(Path(str(target) + s).exists() for s in ("", "-wal", "-shm")):
            counter += 1  # never overwrite an earlier moved-aside journal
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{counter}")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                os.replace(src, Path(str(target) + suffix))
        return target

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _disk_error(exc) from None
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.IntegrityError:
                self._rollback()
                raise
            except sqlite3.Error as exc:
                self._rollback()
                raise _disk_error(exc) from None
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        # On SQLITE_FULL (and some I/O errors) SQLite has already rolled back.
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    # -- meta ---------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._tx() as conn:
            conn.execute("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE "
                         "SET value=excluded.value", (key, value))

    # -- events -------------------------------------------------------------------------------
    def _event(self, conn: sqlite3.Connection, kind: str, *, op_id: str | None = None,
               actor: str = "", result: str = "", location: str = "",
               detail: dict[str, Any] | None = None) -> None:
        conn.execute(
            "INSERT INTO events(at, op_id, kind, actor, result, location, detail) "
            "VALUES(?,?,?,?,?,?,?)",
            (_iso(self._now()), op_id, kind, actor, result, location,
             json.dumps(detail or {}, ensure_ascii=False, default=str)))

    def audit(self, kind: str, *, op_id: str | None = None, actor: str = "", result: str = "",
              location: str = "", detail: dict[str, Any] | None = None) -> None:
        with self._tx() as conn:
            self._event(conn, kind, op_id=op_id, actor=actor, result=result, location=location,
                        detail=detail)

    def events(self, op_id: str | None = None, kind_prefix: str = "") -> list[dict[str, Any]]:
        sql = "SELECT * FROM events WHERE kind LIKE ?"
        args: list[Any] = [kind_prefix + "%"]
        if op_id is not None:
            sql += " AND op_id = ?"
            args.append(op_id)
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY id", args).fetchall()
        return [{**dict(r), "detail": json.loads(r["detail"])} for r in rows]

    # -- operations ---------------------------------------------------------------------------
    def create(self, *, orig_syssn: str, out_trade_no: str, action: str, txamt: int,
               txcurrcd: str, txdtm: str, pay_type: str, udid: str, cashier: str,
               approver: str = "", reason: str = "", forced: bool = False,
               op_id: str | None = None, refund_out_trade_no: str = "", orig_txamt: int = 0,
               audit: dict[str, Any] | None = None) -> Operation:
        """Journal the intent durably. Raises AlreadyLive if an operation on the same
        original (a void or a refund) is unresolved. ``audit``: more detail for the intent
        event (a refund's approval)."""
        if not isinstance(txamt, int):
            raise TypeError("txamt is integer minor units")
        now = _iso(self._now())
        op_id = op_id or uuid.uuid4().hex
        try:
            with self._tx() as conn:
                conn.execute(
                    "INSERT INTO operations(op_id, orig_syssn, out_trade_no, action, txamt, "
                    "txcurrcd, txdtm, pay_type, udid, cashier, approver, reason, forced, state, "
                    "created_at, updated_at, next_check_at, message, refund_out_trade_no, "
                    "orig_txamt) "
                    "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,'intent',?,?,?,?,?,?)",
                    (op_id, orig_syssn, out_trade_no, action, txamt, txcurrcd, txdtm, pay_type,
                     udid, cashier, approver, reason, int(forced), now, now, now,
                     "Journaled; not sent yet.", refund_out_trade_no, orig_txamt))
                detail = {"orig_syssn": orig_syssn, "action": action, "txamt": txamt,
                          "txcurrcd": txcurrcd, "approver": approver, "reason": reason,
                          "forced": forced}
                if action == "refund":
                    detail.update(refund_out_trade_no=refund_out_trade_no,
                                  orig_txamt=orig_txamt)
                detail.update(audit or {})
                self._event(conn, "refund.intent" if action == "refund" else "void.intent",
                            op_id=op_id, actor=cashier, result="success", location=udid,
                            detail=detail)
        except sqlite3.IntegrityError:
            live = self.live_for(orig_syssn)
            if live is None:  # raced with a finishing operation; try once more
                return self.create(orig_syssn=orig_syssn, out_trade_no=out_trade_no,
                                   action=action, txamt=txamt, txcurrcd=txcurrcd, txdtm=txdtm,
                                   pay_type=pay_type, udid=udid, cashier=cashier,
                                   approver=approver, reason=reason, forced=forced,
                                   refund_out_trade_no=refund_out_trade_no,
                                   orig_txamt=orig_txamt, audit=audit)
            raise AlreadyLive(live) from None
        op = self.get(op_id)
        assert op is not None
        return op

    def get(self, op_id: str) -> Operation | None:
        with self._lock:
            row = self._conn.execute("SELECT * FROM operations WHERE op_id=?",
                                     (op_id,)).fetchone()
        return _row_to_op(row) if row else None

    def live_for(self, orig_syssn: str) -> Operation | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT * FROM operations WHERE orig_syssn=? AND final=0", (orig_syssn,)
            ).fetchone()
        return _row_to_op(row) if row else None

    def outcomes_for(self, orig_syssn: str, udid: str | None = None) -> list[str]:
        """Final outcomes (and live states) of earlier voids of one original on this terminal."""
        sql = "SELECT state FROM operations WHERE orig_syssn=?"
        args: list[Any] = [orig_syssn]
        if udid:
            sql += " AND udid=?"
            args.append(udid)
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY created_at", args).fetchall()
        return [("unknown" if r[0] not in FINAL_STATES else r[0]) for r in rows]

    def refunds_for(self, orig_syssn: str) -> list[Operation]:
        """Every refund operation of one original, oldest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM operations WHERE orig_syssn=? AND action='refund' "
                "ORDER BY created_at", (orig_syssn,)).fetchall()
        return [_row_to_op(r) for r in rows]

    def live(self) -> list[Operation]:
        """Every non-final operation (the start-up resume scan; uses a partial index)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM operations WHERE final=0 ORDER BY next_check_at").fetchall()
        return [_row_to_op(r) for r in rows]

    def transition(self, op: Operation, *, event: str, detail: dict[str, Any] | None = None,
                   **changes: Any) -> Operation:
        """Compare-and-set: apply ``changes`` if nobody changed ``op`` meanwhile."""
        changes = dict(changes)
        changes["updated_at"] = self._now()
        updated = replace(op, **changes, version=op.version + 1)
        values = {k: getattr(updated, k) for k in changes}
        for name in _TIME_FIELDS:
            if name in values:
                values[name] = _iso(values[name])
        if "forced" in values:
            values["forced"] = int(values["forced"])
        sets = ", ".join(f"{k}=:{k}" for k in values)
        values.update(final=int(updated.is_final), version=updated.version,
                      op_id=op.op_id, old_version=op.version)
        with self._tx() as conn:
            cur = conn.execute(
                f"UPDATE operations SET {sets}, final=:final, version=:version "
                "WHERE op_id=:op_id AND version=:old_version", values)
            if cur.rowcount != 1:
                raise Conflict(f"operation {op.op_id[:8]} was changed by someone else")
            self._event(conn, event, op_id=op.op_id, actor=op.cashier, location=op.udid,
                        result=updated.state, detail=detail)
        return updated

    def record_exchange(self, op_id: str | None, exchange: Any) -> None:
        """One request and its answer (no secrets: the client keeps headers out)."""
        self.audit("gateway." + exchange.endpoint.rsplit("/", 1)[-1], op_id=op_id,
                   result=str(exchange.http_status or exchange.error or ""),
                   detail={"method": exchange.method, "params": exchange.params,
                           "http_status": exchange.http_status, "answer": exchange.answer,
                           "error": exchange.error,
                           "elapsed_ms": round(exchange.elapsed_ms, 1)})

    # -- the journal view ---------------------------------------------------------------------
    def _filters(self, search: str | None, since: datetime | None,
                 outcome: str | None) -> tuple[str, list[Any]]:
        where: list[str] = []
        args: list[Any] = []
        if search:
            where.append("(orig_syssn LIKE ? ESCAPE '\\' OR out_trade_no LIKE ? ESCAPE '\\' "
                         "OR void_syssn LIKE ? ESCAPE '\\' OR cashier LIKE ? ESCAPE '\\' "
                         "OR op_id LIKE ? ESCAPE '\\' OR refund_out_trade_no LIKE ? ESCAPE '\\')")
            escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            args += [f"%{escaped}%"] * 6
        if since is not None:
            where.append("created_at >= ?")
            args.append(_iso(since))
        if outcome:
            if outcome == "pending":
                where.append("state IN ('pending', 'confirming', 'intent')")
            elif outcome == "unknown":
                where.append("state IN ('unknown', 'sending', 'refused')")
            else:
                where.append("state = ?")
                args.append(outcome)
        return (" WHERE " + " AND ".join(where)) if where else "", args

    def count_operations(self, search: str | None = None, since: datetime | None = None,
                         outcome: str | None = None) -> int:
        clause, args = self._filters(search, since, outcome)
        with self._lock:
            return int(self._conn.execute(f"SELECT count(*) FROM operations{clause}",
                                          args).fetchone()[0])

    def operations(self, offset: int = 0, limit: int = 200, search: str | None = None,
                   since: datetime | None = None, outcome: str | None = None) -> list[Operation]:
        """Newest first; one page, for lazy loading."""
        clause, args = self._filters(search, since, outcome)
        with self._lock:
            rows = self._conn.execute(
                f"SELECT * FROM operations{clause} ORDER BY created_at DESC LIMIT ? OFFSET ?",
                [*args, limit, offset]).fetchall()
        return [_row_to_op(r) for r in rows]

    def export_csv(self, path: str | os.PathLike[str], search: str | None = None,
                   since: datetime | None = None, outcome: str | None = None) -> int:
        clause, args = self._filters(search, since, outcome)
        count = 0
        with open(path, "w", newline="", encoding="utf-8") as fh, self._lock:
            writer = csv.writer(fh)
            writer.writerow(CSV_COLUMNS)
            cursor = self._conn.execute(
                f"SELECT * FROM operations{clause} ORDER BY created_at", args)
            for row in cursor:
                op = _row_to_op(row)
                writer.writerow([_csv_safe(_csv_value(op, c)) for c in CSV_COLUMNS])
                count += 1
        return count


def _csv_value(op: Operation, column: str) -> Any:
    if column == "outcome":
        return op.outcome
    if column == "kind":
        return op.kind
    value = getattr(op, column)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _csv_safe(value: Any) -> Any:
    # Spreadsheet formula injection: a cell starting with = + - @ is neutralised.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
