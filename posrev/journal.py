"""The journal: a durable SQLite record of every void, request, answer and audit event.

- WAL + ``synchronous=FULL``: a committed "I am about to send a void" survives a power cut
  (DESIGN.md §3), so the intent is written *before* the request leaves.
- One live operation per original transaction is a UNIQUE partial index, so a double click,
  a second window or a second process cannot start a second void while one is unresolved.
- Every state change is a compare-and-set on ``version``: two drivers (the GUI's background
  resumer and ``posrev pending --resume``) never both send.
- ``events`` is append-only (triggers refuse UPDATE and DELETE).
- Only a damaged file (``PRAGMA quick_check`` fails, or it is not a database) is moved aside
  (never deleted), loudly, and its unfinished operations are read from it and carried over. A
  full disk, a read-only folder, a locked file or an I/O error is the environment's problem:
  the file is left untouched and the error says so (see README.md, "Reliability").
- The file's identity (device and inode) is checked before each write: a journal deleted or
  replaced under a running void stops it (``JournalVanished``).
- A reserve file next to the journal holds space that is released when the outcome of a
  request that may have left cannot be written for lack of space (``essential`` writes).
- Every change of an operation is announced: to :meth:`Journal.subscribe`'s listeners right
  after the commit in this process, and :meth:`Journal.changed_elsewhere` finds those other
  connections (another process, another window) committed, from ``PRAGMA data_version`` and
  the ``void.*`` events they appended.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from posrev.domain.identifiers import csv_cell
from posrev.errors import (  # Conflict, JournalVanished, JournalWriteError: re-exported
    Conflict,
    JournalError,
    JournalVanished,
    JournalWriteError,
)
from posrev.listeners import Listeners
from posrev.messages import Param, Text, english, journal_columns, store_cause, store_fix
from posrev.model.operation import FINAL_STATES, LIVE_STATES, PENDING_STATES, Operation
from posrev.store.sqlite import (  # noqa: F401  (DamagedDatabase, is_damage: re-exported)
    DamagedDatabase,
    NewerSchema,
    connect,
    disk_full,
    environment_cause,
    from_iso,
    is_damage,
    iso,
    migrate,
    os_cause,
    quick_check,
    rollback,
)

log = logging.getLogger("posrev.journal")

SCHEMA_VERSION = 3
RESERVE_BYTES = 192 * 1024  # room for a few outcome writes (WAL frames) on a full disk
# A full quick_check reads every page (0.16 s for 100 000 operations); the operations table
# alone, which holds every void, is checked at each open (0.03 s): see README.md.
FULL_CHECK_MARK = ".check"

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
    # The message as a code and parameters (posrev.messages), next to its English words.
    3: """
    ALTER TABLE operations ADD COLUMN message_code TEXT NOT NULL DEFAULT '';
    ALTER TABLE operations ADD COLUMN message_params TEXT NOT NULL DEFAULT '{}';
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


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else iso(moment)


def _dt(text: str | None) -> datetime | None:
    return from_iso(text)


def _row_to_op(row: sqlite3.Row) -> Operation:
    data = {name: row[name] for name in _OP_FIELDS}
    for name in _TIME_FIELDS:
        data[name] = _dt(data[name])
    data["forced"] = bool(data["forced"])
    return Operation(**data)


class Journal:
    """Thread-safe (one connection guarded by a lock); several processes may share the file."""

    def __init__(self, path: str | os.PathLike[str], *, now=None) -> None:  # type: ignore[no-untyped-def]
        self.path = Path(path)
        self._now = now or (lambda: datetime.now(UTC))
        self._lock = threading.RLock()
        self.moved_aside: Path | None = None
        # The unfinished operations read from a journal set aside (moved aside as damaged, or
        # deleted/replaced under us), and whether all of it could be read.
        self.salvaged: list[Operation] = []
        self.salvage_complete = True
        self.notice: Text | None = None  # a sentence the window shows as a banner
        self.reserve_path = self.path.with_name(self.path.name + ".reserve")
        self._mark = self.path.with_name(self.path.name + FULL_CHECK_MARK)
        self._identity: tuple[int, int] | None = None
        self._listeners = Listeners("posrev.journal")
        self._data_version: int | None = None  # changed_elsewhere()'s bookmark
        self._seen_event = 0
        self._own_events: set[int] = set()  # ours, appended since changed_elsewhere() looked
        self.vanished: JournalVanished | None = None  # the last time the file went away
        self.vanished_count = 0
        self._reserve_released = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            cause = os_cause(exc)
            raise JournalError(Text("store.journal_folder", {
                "folder": str(self.path.parent), "reason": store_cause(cause),
                "fix": store_fix(cause)})) from None
        existed = self.path.exists()
        found = self._stat_identity()
        try:
            try:
                self._conn = self._open(full_check=existed and self._full_check_due())
            except sqlite3.DatabaseError:
                if not existed or self._stat_identity() == found:
                    raise
                # Another process set the damaged file aside meanwhile: open what is there now.
                self._conn = self._open(full_check=False)
        except sqlite3.DatabaseError as exc:
            cause = environment_cause(exc, self.path.parent)
            said: dict[str, Param] = {"path": str(self.path), "reason": store_cause(cause),
                                      "fix": store_fix(cause)}
            if not existed:
                raise JournalError(Text("store.journal_create", said)) from None
            if not (self.path.exists() and is_damage(exc)):
                raise JournalError(Text("store.journal_open", said)) from None
            self.moved_aside = self._move_aside()
            self.salvaged, self.salvage_complete = read_live_operations(self.moved_aside)
            try:
                self._conn = self._open(full_check=False)
            except sqlite3.DatabaseError as again:
                raise JournalError(Text("store.journal_restart", {
                    "moved": str(self.moved_aside), "path": str(self.path),
                    "reason": store_cause(environment_cause(again, self.path.parent))})) \
                    from None
            self._mark.unlink(missing_ok=True)
            self._identity = self._stat_identity()
            carried = self._carry_over(self.salvaged, source=self.moved_aside)
            self.audit("journal.recovered", result="failure",
                       detail={"moved_aside": str(self.moved_aside), "error": str(exc),
                               "live_found": len(self.salvaged), "carried_over": carried,
                               "read_completely": self.salvage_complete})
            self.notice = self._moved_notice(carried)
            log.error("%s", english(self.notice))
        self._identity = self._stat_identity()
        self._ensure_reserve()

    # -- opening ------------------------------------------------------------------------------
    def _full_check_due(self) -> bool:
        """A full quick_check when the journal may not have been closed cleanly (a WAL file
        is left, or another process has it open) or a damaged page was met at run time."""
        if self._mark.exists():
            return True
        try:
            return Path(str(self.path) + "-wal").stat().st_size > 0
        except OSError:
            return False

    def _open(self, *, full_check: bool = False) -> sqlite3.Connection:
        conn = connect(self.path)
        try:
            try:
                migrate(conn, _MIGRATIONS)
            except NewerSchema as exc:
                raise JournalError(Text("store.journal_newer", {
                    "path": str(self.path), "version": exc.version})) from None
            quick_check(conn, None if full_check else "operations")
            if full_check:
                self._mark.unlink(missing_ok=True)
            conn.execute("SELECT count(*) FROM operations WHERE final = 0").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn

    def _aside_name(self, kind: str) -> Path:
        stamp = self._now().strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.{kind}-{stamp}")
        counter = 1
        while any(Path(str(target) + s).exists() for s in ("", "-wal", "-shm")):
            counter += 1  # never overwrite an earlier moved-aside journal
            target = self.path.with_name(f"{self.path.name}.{kind}-{stamp}-{counter}")
        return target

    def _move_aside(self) -> Path:
        target = self._aside_name("corrupt")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                os.replace(src, Path(str(target) + suffix))
        return target

    def _moved_notice(self, carried: int) -> Text:
        keep = Text("journal.keep" if self.salvage_complete else "journal.keep_partly")
        if not self.salvaged:
            return Text("journal.moved_none", {"moved": str(self.moved_aside), "keep": keep})
        return Text("journal.moved_found", {
            "moved": str(self.moved_aside), "count": len(self.salvaged), "carried": carried,
            "numbers": ", ".join(op.orig_syssn for op in self.salvaged), "keep": keep})

    def _carry_over(self, ops: list[Operation], *, source: Path | None) -> int:
        """Copy unfinished operations (as they were) into this journal; returns how many."""
        carried = 0
        for op in ops:
            values = {name: getattr(op, name) for name in _OP_FIELDS}
            for name in _TIME_FIELDS:
                values[name] = _iso(values[name])
            values["forced"] = int(values["forced"])
            values["final"] = 0
            columns = ", ".join(values)
            marks = ", ".join(f":{k}" for k in values)
            try:
                with self._tx(check_identity=False) as conn:
                    conn.execute(f"INSERT INTO operations({columns}) VALUES({marks})", values)
                    self._event(conn, "journal.carried_over", op_id=op.op_id, actor=op.cashier,
                                result=op.state, location=op.udid,
                                detail={"from": str(source) if source else "",
                                        "orig_syssn": op.orig_syssn})
            except sqlite3.IntegrityError:
                continue  # already here (another process carried it over first)
            except JournalError as exc:
                log.error("operation %s could not be carried over: %s", op.op_id[:8], exc)
                continue
            carried += 1
        return carried

    # -- file identity and the space reserve ----------------------------------------------------
    def _stat_identity(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_dev, st.st_ino)

    def _check_identity(self) -> None:
        """Before each write: is the file at ``path`` still the one this connection writes?"""
        if self._identity is None or self._stat_identity() == self._identity:
            return
        self._vanished()

    def _vanished(self) -> None:
        with self._lock:
            aside = self._aside_name("vanished")
            saved: Path | None = aside
            try:
                dest = sqlite3.connect(aside)
                try:
                    self._conn.backup(dest)
                finally:
                    dest.close()
            except (sqlite3.Error, OSError) as exc:
                log.error("the vanished journal could not be saved: %s", exc)
                aside.unlink(missing_ok=True)
                saved = None
            try:
                live = [_row_to_op(r) for r in self._conn.execute(
                    "SELECT * FROM operations WHERE final=0").fetchall()]
            except sqlite3.Error:
                live = []
            old = self._conn
            carried = 0
            try:
                self._conn = self._open(full_check=False)  # the file now at the path, or new
                self._identity = self._stat_identity()
                old.close()
                carried = self._carry_over(live, source=saved)
            except sqlite3.Error as exc:
                self._conn = old  # keep the old one: its reads still work
                log.error("no journal can be opened at %s: %s", self.path, exc)
            self.salvaged, self.salvage_complete = live, True
            error = JournalVanished(self.path, saved, carried)
            self.notice = error.text
            self.vanished = error
            self.vanished_count += 1
            log.error("%s", error)
            raise error

    @property
    def short_of_space(self) -> bool:
        """The reserve was released for an outcome and could not be made again yet: writes
        that only add to the record (exchange details) wait, so outcomes keep the room."""
        return self._reserve_released and not self._ensure_reserve()

    def _ensure_reserve(self) -> bool:
        """Best effort: keep ``RESERVE_BYTES`` allocated next to the journal."""
        try:
            if self.reserve_path.stat().st_size >= RESERVE_BYTES:
                self._reserve_released = False
                return True
        except OSError:
            pass
        tmp = self.reserve_path.with_name(self.reserve_path.name + ".tmp")
        try:
            with open(tmp, "wb") as fh:
                fh.write(bytes(RESERVE_BYTES))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.reserve_path)
            self._reserve_released = False
            return True
        except OSError:
            tmp.unlink(missing_ok=True)
            return False

    def _release_reserve(self) -> bool:
        try:
            self.reserve_path.unlink()
        except OSError:
            return False
        self._reserve_released = True
        log.warning("the disk is full: the journal's reserve was released to record an outcome")
        return True

    def check_all(self) -> bool:
        """A full ``quick_check`` (every page, 0.16 s for 100 000 operations) on its own
        connection, for a long-running process to do after start-up. Damage found is
        announced (``notice``) and the next start sets the file aside."""
        try:
            conn = sqlite3.connect(self.path, timeout=10)
            try:
                problems = [r[0] for r in conn.execute("PRAGMA quick_check").fetchmany(5)]
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                return True  # the environment; not a finding about the file
            problems = [str(exc)]
        if problems == ["ok"]:
            return True
        try:
            self._mark.touch()
        except OSError:
            pass
        self.notice = Text("journal.damaged_page")
        log.error("the journal %s is damaged: %s", self.path, "; ".join(problems))
        return False

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _tx(self, *, check_identity: bool = True) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if check_identity:
                self._check_identity()
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._write_error(exc) from None
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.IntegrityError:
                self._rollback()
                raise
            except sqlite3.Error as exc:
                self._rollback()
                raise self._write_error(exc) from None
            except BaseException:
                self._rollback()
                raise

    def _write_error(self, exc: sqlite3.Error) -> JournalWriteError:
        if is_damage(exc):
            try:
                self._mark.touch()  # the next start runs a full quick_check
            except OSError:
                pass
            log.error("the journal %s is damaged: %s", self.path, exc)
            return JournalWriteError(Text("store.damaged"), full=False, damaged=True)
        return JournalWriteError(store_cause(environment_cause(exc, self.path.parent)),
                                 full=disk_full(exc, self.path.parent))

    def _write(self, body, *, essential: bool = False):  # type: ignore[no-untyped-def]
        """Run ``body(conn)`` in one transaction. ``essential``: it records what happened to a
        request that may have left, so on a full disk the reserve is released for it."""
        try:
            with self._tx() as conn:
                return body(conn)
        except JournalWriteError as exc:
            if not (essential and exc.full and self._release_reserve()):
                raise
        with self._tx() as conn:
            result = body(conn)
        self._ensure_reserve()
        return result

    def _rollback(self) -> None:
        rollback(self._conn)

    # -- meta ---------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._write(lambda conn: conn.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE "
            "SET value=excluded.value", (key, value)))

    # -- events -------------------------------------------------------------------------------
    def _event(self, conn: sqlite3.Connection, kind: str, *, op_id: str | None = None,
               actor: str = "", result: str = "", location: str = "",
               detail: dict[str, Any] | None = None) -> None:
        cur = conn.execute(
            "INSERT INTO events(at, op_id, kind, actor, result, location, detail) "
            "VALUES(?,?,?,?,?,?,?)",
            (_iso(self._now()), op_id, kind, actor, result, location,
             json.dumps(detail or {}, ensure_ascii=False, default=str)))
        if self._data_version is not None and kind.startswith("void."):
            self._own_events.add(int(cur.lastrowid or 0))  # not news to changed_elsewhere()

    # -- change notification ------------------------------------------------------------------
    def subscribe(self, listener: Callable[[str], None]) -> Callable[[], None]:
        """Call ``listener(op_id)`` after each committed change of an operation made through
        this journal (on the thread that made it). Returns the function that unsubscribes."""
        return self._listeners.add(listener)

    def _notify(self, op_id: str) -> None:
        self._listeners.notify(op_id)

    def changed_elsewhere(self) -> list[str]:
        """The operations other connections to this file changed since the last call, each
        once, oldest first (the first call only sets the bookmark). Cheap when nothing
        changed: one ``PRAGMA data_version``."""
        with self._lock:
            try:
                version = self._conn.execute("PRAGMA data_version").fetchone()[0]
                if self._data_version is None:
                    self._data_version = version
                    self._seen_event = self._conn.execute(
                        "SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
                    return []
                if version == self._data_version:
                    # Nobody else committed: every event appended since is ours.
                    if self._own_events:
                        self._seen_event = max(self._seen_event, max(self._own_events))
                        self._own_events.clear()
                    return []
                self._data_version = version
                rows = self._conn.execute(
                    "SELECT id, op_id FROM events WHERE id > ? AND kind LIKE 'void.%' "
                    "AND op_id IS NOT NULL ORDER BY id", (self._seen_event,)).fetchall()
            except sqlite3.Error as exc:
                raise self._write_error(exc) from None
            changed: list[str] = []
            for event_id, op_id in rows:
                self._seen_event = max(self._seen_event, event_id)
                if event_id in self._own_events:
                    continue
                if op_id not in changed:
                    changed.append(op_id)
            self._own_events = {e for e in self._own_events if e > self._seen_event}
            return changed

    def audit(self, kind: str, *, op_id: str | None = None, actor: str = "", result: str = "",
              location: str = "", detail: dict[str, Any] | None = None,
              essential: bool = False) -> None:
        self._write(lambda conn: self._event(conn, kind, op_id=op_id, actor=actor,
                                             result=result, location=location, detail=detail),
                    essential=essential)

    def events(self, op_id: str | None = None, kind_prefix: str = "") -> list[dict[str, Any]]:
        sql = "SELECT * FROM events WHERE kind LIKE ?"
        args: list[Any] = [kind_prefix + "%"]
        if op_id is not None:
            sql += " AND op_id = ?"
            args.append(op_id)
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY id", args).fetchall()
        return [{**dict(r), "detail": json.loads(r["detail"])} for r in rows]

    def history(self, op_id: str, about: Sequence[str]) -> list[dict[str, Any]]:
        """An operation's events, and the supervisors' events about any of ``about`` (its
        payment, itself: an approval is given before the operation exists), in time order.
        The supervisors' events are picked by SQLite (a till's years of approvals are never
        all read into Python: 49 ms instead of 346 ms for 57 000 of them, README.md)."""
        marks = ", ".join("?" * len(about))
        sql = ("SELECT * FROM events WHERE op_id = ? UNION "
               "SELECT * FROM events WHERE kind LIKE 'supervisor.%' AND CASE WHEN "
               "json_valid(detail) THEN json_extract(detail, '$.target') END "
               f"IN ({marks}) ORDER BY at, id")
        with self._lock:
            rows = self._conn.execute(sql, [op_id, *about]).fetchall()
        return [{**dict(r), "detail": json.loads(r["detail"])} for r in rows]

    def recent_events(self, kind_prefix: str = "", limit: int = 50) -> list[dict[str, Any]]:
        """The last ``limit`` events whose kind starts with ``kind_prefix``, oldest first."""
        escaped = kind_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM events WHERE kind LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT ?",
                [escaped + "%", max(0, int(limit))]).fetchall()
        return [{**dict(r), "detail": json.loads(r["detail"])} for r in reversed(rows)]

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
                    "created_at, updated_at, next_check_at, message, message_code, "
                    "message_params, refund_out_trade_no, orig_txamt) "
                    "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,'intent',?,?,?,?,?,?,?,?)",
                    (op_id, orig_syssn, out_trade_no, action, txamt, txcurrcd, txdtm, pay_type,
                     udid, cashier, approver, reason, int(forced), now, now, now,
                     *journal_columns(Text("op.journaled")).values(), refund_out_trade_no,
                     orig_txamt))
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
        except JournalWriteError as exc:
            # The intent is not in the journal, so it was not sent: that is a fact here.
            error = JournalWriteError(exc.reason, full=exc.full, damaged=exc.damaged)
            error.args = (f"The journal could not be written because {exc.reason}; nothing "
                          "was sent.",)
            raise error from None
        except JournalVanished as exc:
            raise JournalError(f"{exc} Nothing was sent.") from None
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
        self._notify(op_id)
        op = self.get(op_id)
        assert op is not None
        return op

    def adopt(self, row: dict[str, Any], *, actor: str, location: str,
              detail: dict[str, Any]) -> Operation:
        """Import another terminal's operation as its journal last had it (a fleet take-over,
        posrev/fleet/takeover.py), with a ``fleet.taken_over`` event. An operation that was
        ``intent`` or ``sending`` there is imported as ``unknown`` (the old terminal may have
        sent after its last shipped row), and every live one is due at once, so the first step
        is an enquiry. Raises AlreadyLive if a void of the same original is live here,
        JournalError if the operation is already in this journal."""
        with self._lock:
            columns = [r[1] for r in self._conn.execute("PRAGMA table_info(operations)")]
        values = {c: row[c] for c in columns if c in row}
        if values.get("state") in ("intent", "sending"):
            # The old terminal may have sent after its last shipped row: whether the
            # gateway acted is unknown here, so every driver starts with an enquiry.
            values["state"] = "unknown"
            values.update(journal_columns(Text("op.taken_over_checking")))
        values["final"] = 0
        values["next_check_at"] = _iso(self._now())
        names = ", ".join(values)
        marks = ", ".join("?" * len(values))
        try:
            with self._tx() as conn:
                conn.execute(f"INSERT INTO operations({names}) VALUES({marks})",
                             list(values.values()))
                self._event(conn, "fleet.taken_over", op_id=values["op_id"], actor=actor,
                            result=str(values["state"]), location=location, detail=detail)
        except sqlite3.IntegrityError:
            if self.get(str(values["op_id"])) is not None:
                raise JournalError(f"Operation {str(values['op_id'])[:8]} is already in this "
                                   "terminal's journal.") from None
            live = self.live_for(str(values["orig_syssn"]))
            if live is not None:
                raise AlreadyLive(live) from None
            raise
        self._notify(str(values["op_id"]))
        op = self.get(str(values["op_id"]))
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
                   essential: bool = False, text: Text | None = None,
                   **changes: Any) -> Operation:
        """Compare-and-set: apply ``changes`` if nobody changed ``op`` meanwhile.
        ``essential``: it records the outcome of a request that may have left (see _write).
        ``text``: the step's sentence (posrev.messages), kept as its code and parameters and
        in English in ``message``."""
        changes = dict(changes)
        if text is not None:
            changes.update(journal_columns(text))
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

        def body(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                f"UPDATE operations SET {sets}, final=:final, version=:version "
                "WHERE op_id=:op_id AND version=:old_version", values)
            if cur.rowcount != 1:
                raise Conflict(f"operation {op.op_id[:8]} was changed by someone else")
            self._event(conn, event, op_id=op.op_id, actor=op.cashier, location=op.udid,
                        result=updated.state, detail=detail)
        self._write(body, essential=essential)
        self._notify(op.op_id)
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
            if outcome in ("pending", "unknown"):
                group = PENDING_STATES if outcome == "pending" else \
                    tuple(s for s in LIVE_STATES if s not in PENDING_STATES)
                where.append(f"state IN ({', '.join('?' * len(group))})")
                args += [str(s) for s in group]
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


def read_live_operations(path: Path) -> tuple[list[Operation], bool]:
    """The unfinished operations that can be read from a journal file set aside (read-only,
    row by row past damage), and whether the whole table could be read."""
    found: dict[str, Operation] = {}
    uri = path.resolve().as_uri()
    wal = Path(str(path) + "-wal")
    for mode in ("?mode=ro", "?immutable=1"):  # immutable: when no -shm can be made
        # (immutable ignores the -wal file: what it holds is then not read)
        complete = mode == "?mode=ro" or not (wal.exists() and wal.stat().st_size > 0)
        scanned = False
        conn = sqlite3.connect(uri + mode, uri=True)
        conn.row_factory = sqlite3.Row
        try:
            for sql in ("SELECT * FROM operations WHERE final=0",
                        "SELECT * FROM operations NOT INDEXED"):
                try:
                    for row in conn.execute(sql):
                        try:
                            op = _row_to_op(row)
                        except (ValueError, TypeError, KeyError, IndexError):
                            complete = False
                            continue
                        if not op.is_final:
                            found.setdefault(op.op_id, op)
                    scanned = scanned or sql.endswith("NOT INDEXED")
                except sqlite3.Error:
                    complete = False  # the full scan comes next, then the other mode
        finally:
            conn.close()
        if scanned:
            return list(found.values()), complete
    return list(found.values()), False


def _csv_value(op: Operation, column: str) -> Any:
    if column == "outcome":
        return op.outcome
    if column == "kind":
        return op.kind
    value = getattr(op, column)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


# Spreadsheet formula injection (a cell starting with = + - @, a tab or a line break) and
# control characters: the one rule of posrev.domain.identifiers.
_csv_safe = csv_cell
