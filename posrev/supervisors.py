"""Supervisor accounts, PIN hashes, lockout and single-use approvals (DESIGN.md §4). Qt-free.

The rules live here, in the core, so that the CLI and the GUI cannot differ and a greyed-out
button is never the only guard:

- A PIN (6–12 digits) is stored only as a salted scrypt hash (n=2**14, r=8, p=1, 16-byte salt,
  32-byte key) and compared in constant time. Its cost parameters are stored with each hash,
  so they can be raised later without locking anyone out.
- 5 wrong PINs lock that supervisor for 5 minutes from the 5th; the lock and the count live in
  the database, so restarting posrev does not reset them, and attempts are serialised by a
  write transaction, so two windows cannot guess in parallel.
- An approval is for one action on one target, asked by one requester on this terminal, and
  the approver is never the requester (PCI DSS 3.7.6 dual control). The core consumes it right
  before acting: once, within 10 minutes, for exactly what it was given for.
- Every attempt, approval, refusal, lockout and account change is handed to ``audit`` with the
  PCI DSS 10.2.2 fields (who, what, when, where, success or failure, the affected target).
  The PIN is never in an event, a message, a log line or the database.

Storage is one SQLite file (WAL, ``synchronous=FULL``) shared by every posrev process of the
terminal. ``audit`` is called after the database commit; if it raises, the exception reaches
the caller (an approval that cannot be journaled is not handed out).
"""

from __future__ import annotations

import builtins
import hashlib
import hmac
import logging
import os
import re
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from posrev.clock import Clock
from posrev.domain.identifiers import check_identifier, clean_text
from posrev.errors import InputError, JournalError, SupervisorError
from posrev.messages import Param, Text, english, store_cause, store_fix
from posrev.model.approval import Action, Approval
from posrev.store.sqlite import (
    NewerSchema,
    connect,
    environment_cause,
    from_iso,
    is_damage,
    iso,
    migrate,
    os_cause,
    quick_check,
    transaction,
)

log = logging.getLogger(__name__)

# Standard reasons the approval dialog offers; free text is accepted as well.
REASONS: list[str] = [
    "Customer left without paying",
    "Customer chose another payment method",
    "Wrong amount entered",
    "Duplicate order",
    "Terminal or network fault",
    "Other",
]
# Reasons offered when a supervisor approves a settings change or a new supervisor.
SETTINGS_REASONS: list[str] = [
    "New or changed QFPay credentials",
    "Gateway or environment change",
    "Terminal ID change",
    "Language change",
    "New supervisor",
    "Other",
]

ADD_SUPERVISOR = Action.ADD_SUPERVISOR
DISABLE_SUPERVISOR = Action.DISABLE_SUPERVISOR
RESET_SUPERVISOR = Action.RESET_SUPERVISOR

PIN_MIN, PIN_MAX = 6, 12
MAX_WRONG_PINS = 5
LOCKOUT = timedelta(minutes=5)
APPROVAL_TTL = timedelta(minutes=10)

SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_DKLEN = 2**14, 8, 1, 32
SALT_BYTES = 16
_SCRYPT_MAXMEM = 64 * 1024 * 1024  # headroom over 128*r*n = 16 MiB

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,31}")
_NAME_MAX = 64
_TEXT_MAX = 200  # reason, requester, action, target

AuditEvent = dict[str, str]
AuditHook = Callable[[AuditEvent], None]


@dataclass(frozen=True)
class SupervisorInfo:
    """What may be shown about a supervisor: never the hash or the salt."""

    sup_id: str
    name: str
    disabled: bool
    locked_until: datetime | None
    created_at: datetime


class SupervisorLocked(SupervisorError):
    """Too many wrong PINs; ``until`` is when the supervisor may try again."""

    def __init__(self, message: str, until: datetime) -> None:
        super().__init__(message)
        self.until = until


# -- PINs ------------------------------------------------------------------------------------
def check_pin(pin: str) -> str:
    """The PIN if it is 6 to 12 ASCII digits, else InputError (the PIN is not repeated)."""
    if not (PIN_MIN <= len(pin) <= PIN_MAX and pin.isascii() and pin.isdigit()):
        raise InputError(f"A supervisor PIN must be {PIN_MIN} to {PIN_MAX} digits.")
    return pin


def _params_text(n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P,
                 dklen: int = SCRYPT_DKLEN) -> str:
    return f"scrypt:n={n},r={r},p={p},dklen={dklen}"


def _parse_params(text: str) -> dict[str, int]:
    scheme, _, rest = text.partition(":")
    values = dict(item.split("=", 1) for item in rest.split(",") if "=" in item)
    if scheme != "scrypt" or set(values) != {"n", "r", "p", "dklen"}:
        raise ValueError(f"unknown PIN hash parameters {text!r}")
    return {key: int(value) for key, value in values.items()}


def hash_pin(pin: str, salt: bytes, params: str | None = None) -> bytes:
    """scrypt(pin, salt) with the given stored parameters (default: the current ones)."""
    p = _parse_params(params or _params_text())
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=p["n"], r=p["r"], p=p["p"],
                          dklen=p["dklen"], maxmem=_SCRYPT_MAXMEM)


def _pin_matches(pin: str, salt: bytes, stored: bytes, params: str) -> bool:
    # A malformed PIN is simply wrong (and counts): there is no "format" oracle to probe.
    if not (PIN_MIN <= len(pin) <= PIN_MAX and pin.isascii() and pin.isdigit()):
        return False
    return hmac.compare_digest(hash_pin(pin, salt, params), stored)


# -- small helpers ---------------------------------------------------------------------------
def _clean(text: str, limit: int = _TEXT_MAX) -> str:
    """One line of printable text: control characters (CR/LF included) become spaces, so a
    reason or an ID cannot forge lines in the journal or a log (OWASP log injection). The
    one rule for free text, ``posrev.domain.identifiers.clean_text``."""
    return clean_text(text, limit)


def _local_time(moment: datetime, zone: str | None = None) -> str:
    """The wall-clock time a cashier reads, with its zone: in ``zone`` (the terminal's
    display zone, the window's times' own), else the computer's."""
    if zone:
        from zoneinfo import ZoneInfo

        try:
            local = moment.astimezone(ZoneInfo(zone))
        except (KeyError, ValueError):  # an unknown zone name: the computer's
            local = moment.astimezone()
    else:
        local = moment.astimezone()
    return f"{local:%H:%M:%S} {local.tzname()}"


@dataclass(frozen=True)
class _Refusal:
    """A refusal: ``message`` is the English sentence (CLI, audit); ``code`` and ``params``
    let a front-end word it in the user's language (they become the exception's ``code``
    and ``params``)."""

    kind: str
    message: str
    until: datetime | None = None
    error: type[SupervisorError] | type[InputError] = SupervisorError
    code: str = ""
    params: dict[str, Param] = field(default_factory=dict)

    def exception(self) -> Exception:
        exc = self._exception()
        exc.code = self.code  # type: ignore[attr-defined]
        exc.params = dict(self.params, until=self.until)  # type: ignore[attr-defined]
        return exc

    def _exception(self) -> Exception:
        if self.until is not None:
            return SupervisorLocked(self.message, self.until)
        return self.error(self.message)


def _granted(action: str) -> Param:
    """An approval's action in words (``grant.<action>``); one not of this version as it is."""
    return Text(f"grant.{action}") if action in set(Action) else action


def _coded(kind: str, code: str, params: dict[str, Param] | None = None, *,
           until: datetime | None = None, zone: str | None = None) -> _Refusal:
    """A refusal whose sentence is ``supervisor.<code>`` of posrev/messages.py (the window
    words the same code in the cashier's language)."""
    values: dict[str, Param] = dict(params or {})
    if until is not None:
        values["at"] = _local_time(until, zone)
    return _Refusal(kind, english(Text(f"supervisor.{code}", values)), until=until, code=code,
                    params=values)


_SCHEMA = """
CREATE TABLE supervisors (
    id              TEXT PRIMARY KEY COLLATE NOCASE,
    name            TEXT NOT NULL,
    salt            BLOB NOT NULL,
    pin_hash        BLOB NOT NULL,
    params          TEXT NOT NULL,
    disabled        INTEGER NOT NULL DEFAULT 0,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL
);
CREATE TABLE approvals (
    id            TEXT PRIMARY KEY,
    supervisor_id TEXT NOT NULL REFERENCES supervisors(id),
    requester     TEXT NOT NULL,
    action        TEXT NOT NULL,
    target        TEXT NOT NULL,
    reason        TEXT NOT NULL,
    issued_at     TEXT NOT NULL,
    consumed_at   TEXT,
    udid          TEXT NOT NULL
);
"""
# Schema versions by ``PRAGMA user_version`` (posrev.store.sqlite.migrate).
_MIGRATIONS: dict[int, str] = {1: _SCHEMA}
SCHEMA_VERSION = max(_MIGRATIONS)


def _adopt_schema_version_table(db: sqlite3.Connection) -> int:
    """Files written before this store used ``user_version`` kept their version in a
    ``schema_version`` table: take the version over and drop the table, so such a file opens
    as it is (in ``migrate``'s transaction: a refused file is left unchanged)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                  "AND name = 'schema_version'").fetchone() is None:
        return 0
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    db.execute("DROP TABLE schema_version")
    return int(row[0]) if row and row[0] is not None else 0


class SupervisorStore:
    """Supervisors and approvals of one terminal (``udid``), in the SQLite file ``path``."""

    def __init__(self, path: str | os.PathLike[str], *, udid: str, clock: Clock,
                 audit: AuditHook, zone: str | None = None) -> None:
        self.path = Path(path)
        self.udid = udid
        self._zone = zone  # the zone a lock-out's end is said in (the window's times' own)
        self._clock = clock
        self._audit_hook = audit
        self._lock = threading.RLock()  # one connection, shared by the GUI's worker threads
        self._db = self._open()

    def __repr__(self) -> str:
        return f"SupervisorStore({str(self.path)!r}, udid={self.udid!r})"

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> SupervisorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- storage --------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            new = not self.path.exists()
        except OSError as exc:
            raise self._os_error(exc) from None
        try:
            db = connect(self.path)
        except sqlite3.Error as exc:
            raise self._open_error(exc) from None
        try:
            if not new:  # a damaged file is found now, not by the first approval
                quick_check(db)
            if new and os.name == "posix":
                os.chmod(self.path, 0o600)  # PIN hashes: readable by this user only
            try:
                migrate(db, _MIGRATIONS, adopt=_adopt_schema_version_table)
            except NewerSchema as exc:
                raise JournalError(Text("store.supervisors_newer", {
                    "path": str(self.path), "version": exc.version})) from None
        except sqlite3.Error as exc:
            db.close()
            raise self._open_error(exc) from None
        except OSError as exc:  # chmod
            db.close()
            raise self._os_error(exc) from None
        except BaseException:
            db.close()
            raise
        return db

    def _os_error(self, exc: OSError) -> JournalError:
        cause = os_cause(exc)
        return JournalError(Text("store.supervisors_os", {
            "path": str(self.path), "reason": store_cause(cause), "fix": store_fix(cause)}))

    def _open_error(self, exc: sqlite3.Error) -> JournalError:
        if not is_damage(exc):
            # A full disk, a read-only folder, a lock: the environment, not the file.
            return JournalError(Text("store.supervisors_open", {
                "path": str(self.path),
                "reason": store_cause(environment_cause(exc, self.path.parent))}))
        # Damaged: never moved aside (a store without supervisors would let anyone add the
        # first one); IT restores it.
        return JournalError(Text("store.supervisors_damaged", {"path": str(self.path),
                                                               "error": str(exc)}))

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction. BEGIN IMMEDIATE takes the file's write lock first, so a
        read-check-write (the wrong-PIN count, single use) is atomic across processes."""
        with self._lock:
            try:
                with transaction(self._db) as db:
                    yield db
            except sqlite3.Error as exc:
                raise JournalError(Text("store.supervisors_update", {
                    "path": str(self.path), "error": str(exc)})) from None

    def _row(self, db: sqlite3.Connection, sup_id: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = db.execute(
            "SELECT * FROM supervisors WHERE id = ?", (sup_id,)).fetchone()
        return row

    # -- audit ----------------------------------------------------------------------------
    def _audit(self, kind: str, *, result: str, actor: str, approver: str, action: str,
               target: str, reason: str = "", detail: str = "", approval_id: str = "") -> None:
        """Hand one PCI DSS 10.2.2 record to the journal. Every key is always present."""
        event: AuditEvent = {
            "kind": kind, "actor": actor, "approver": approver, "action": action,
            "target": target, "reason": reason, "result": result, "where": self.udid,
            "at": self._clock.now().astimezone(UTC).isoformat(timespec="seconds")
                                   .replace("+00:00", "Z"),
            "detail": detail, "approval_id": approval_id,
        }
        log.info("%s %s: actor=%s approver=%s action=%s target=%s %s", kind, result, actor,
                 approver, action, target, detail)
        self._audit_hook(event)

    def _refuse(self, refusal: _Refusal, **fields: str) -> Exception:
        self._audit(refusal.kind, result="failure", detail=refusal.message, **fields)
        return refusal.exception()

    # -- queries --------------------------------------------------------------------------
    def has_supervisors(self) -> bool:
        """True once setup created the first supervisor (disabled ones count: the first
        supervisor can be created only once, and disabling always leaves an active one)."""
        with self._lock:
            return self._db.execute("SELECT EXISTS (SELECT 1 FROM supervisors)").fetchone()[0] == 1

    # -- account changes ------------------------------------------------------------------
    def add_first(self, sup_id: str, name: str, pin: str, *, actor: str = "setup") -> None:
        """Create the first supervisor, during setup; refused once any supervisor exists."""
        fields = {"actor": _clean(actor), "approver": "", "action": ADD_SUPERVISOR,
                  "target": _clean(sup_id)}
        sup_id, name, salt, digest = self._new_account(sup_id, name, pin, fields)
        with self._tx() as db:
            exists = db.execute("SELECT EXISTS (SELECT 1 FROM supervisors)").fetchone()[0]
            if not exists:
                self._insert(db, sup_id, name, salt, digest)
        if exists:
            raise self._refuse(_coded("supervisor.refused", "exists"), **fields)
        self._audit("supervisor.added", result="success", detail="first supervisor (setup)",
                    **fields)

    def add(self, sup_id: str, name: str, pin: str, approval: Approval) -> None:
        """Add a supervisor, with another supervisor's approval for ``add_supervisor``."""
        fields = self._fields(approval, ADD_SUPERVISOR, sup_id)
        sup_id, name, salt, digest = self._new_account(sup_id, name, pin, fields)
        with self._tx() as db:
            refusal: _Refusal | None
            if self._row(db, sup_id) is not None:
                refusal = _coded("supervisor.refused", "id_exists", {"id": sup_id})
            else:
                refusal = self._consume_in(db, approval, approval.requester, ADD_SUPERVISOR,
                                           sup_id)
            if refusal is None:
                self._insert(db, sup_id, name, salt, digest)
        if refusal is not None:
            raise self._refuse(refusal, **fields)
        self._audit("supervisor.added", result="success", **fields)

    def disable(self, sup_id: str, approval: Approval) -> None:
        """Disable a supervisor, with another supervisor's approval for
        ``disable_supervisor``. The approver stays active, so one always remains."""
        fields = self._fields(approval, DISABLE_SUPERVISOR, sup_id)
        with self._tx() as db:
            row = self._row(db, sup_id)
            refusal = self._change_refusal(row, sup_id, approval)
            if refusal is None and row is not None and row["disabled"]:
                refusal = _coded("supervisor.refused", "already_disabled", {"id": row["id"]})
            if refusal is None:
                refusal = self._consume_in(db, approval, approval.requester,
                                           DISABLE_SUPERVISOR, sup_id)
            if refusal is None:
                db.execute("UPDATE supervisors SET disabled = 1 WHERE id = ?", (sup_id,))
        if refusal is not None:
            raise self._refuse(refusal, **fields)
        self._audit("supervisor.disabled", result="success", **fields)

    def reset_pin(self, sup_id: str, new_pin: str, approval: Approval) -> None:
        """Give a supervisor a new PIN (and clear a lockout), with another supervisor's
        approval for ``reset_supervisor``."""
        fields = self._fields(approval, RESET_SUPERVISOR, sup_id)
        try:
            check_pin(new_pin)
        except InputError as exc:
            raise self._refuse(_Refusal("supervisor.refused", str(exc), error=InputError),
                               **fields) from None
        salt, digest = self._new_hash(new_pin)
        with self._tx() as db:
            refusal = self._change_refusal(self._row(db, sup_id), sup_id, approval)
            if refusal is None:
                refusal = self._consume_in(db, approval, approval.requester,
                                           RESET_SUPERVISOR, sup_id)
            if refusal is None:
                db.execute("UPDATE supervisors SET salt = ?, pin_hash = ?, params = ?, "
                           "failed_attempts = 0, locked_until = NULL WHERE id = ?",
                           (salt, digest, _params_text(), sup_id))
        if refusal is not None:
            raise self._refuse(refusal, **fields)
        self._audit("supervisor.pin_reset", result="success", **fields)

    @staticmethod
    def _fields(approval: Approval, action: str, sup_id: str) -> dict[str, str]:
        return {"actor": approval.requester, "approver": approval.supervisor_id,
                "action": action, "target": _clean(sup_id), "reason": approval.reason,
                "approval_id": approval.approval_id}

    @staticmethod
    def _change_refusal(row: sqlite3.Row | None, sup_id: str,
                        approval: Approval) -> _Refusal | None:
        if row is None:
            return _coded("supervisor.refused", "unknown_supervisor", {"id": sup_id})
        if approval.supervisor_id.casefold() == row["id"].casefold():
            return _coded("supervisor.refused", "own_account")
        return None

    @staticmethod
    def _check_account(sup_id: str, name: str, pin: str) -> tuple[str, str]:
        check_identifier(sup_id, "supervisor ID")  # the common rule first, then its shape
        if not _ID.fullmatch(sup_id):
            raise InputError("A supervisor ID must be 1 to 32 letters, digits, '.', '_', '@' "
                             "or '-', starting with a letter or digit.")
        name = _clean(name, _NAME_MAX)
        if not name:
            raise InputError("A supervisor needs a name.")
        check_pin(pin)
        return sup_id, name

    def _new_account(self, sup_id: str, name: str, pin: str,
                     fields: dict[str, str]) -> tuple[str, str, bytes, bytes]:
        """A new account's ID, name, salt and PIN hash; refused (audited) when malformed."""
        try:
            sup_id, name = self._check_account(sup_id, name, pin)
        except InputError as exc:
            raise self._refuse(_Refusal("supervisor.refused", str(exc), error=InputError),
                               **fields) from None
        salt, digest = self._new_hash(pin)
        return sup_id, name, salt, digest

    @staticmethod
    def _new_hash(pin: str) -> tuple[bytes, bytes]:
        salt = secrets.token_bytes(SALT_BYTES)
        return salt, hash_pin(pin, salt)

    def _insert(self, db: sqlite3.Connection, sup_id: str, name: str, salt: bytes,
                digest: bytes) -> None:
        db.execute("INSERT INTO supervisors (id, name, salt, pin_hash, params, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   (sup_id, name, salt, digest, _params_text(), iso(self._clock.now())))

    # -- approvals ------------------------------------------------------------------------
    def approve(self, supervisor_id: str, pin: str, *, requester: str, action: str,
                target: str, reason: str) -> Approval:
        """Check a supervisor's PIN for one request and record the approval.

        Refused (SupervisorError, audited) for: an empty reason, a supervisor approving their
        own request, an unknown or disabled supervisor, a locked-out supervisor
        (``SupervisorLocked``), or a wrong PIN (the 5th in a row locks for 5 minutes).
        """
        requester, action, target = _clean(requester), _clean(action), _clean(target)
        reason = _clean(reason or "")  # None from an optional CLI flag is no reason
        fields = {"actor": requester, "approver": _clean(supervisor_id), "action": action,
                  "target": target, "reason": reason}
        now = self._clock.now()
        approval: Approval | None = None
        with self._tx() as db:
            refusal = self._approval_refusal(db, supervisor_id, pin, requester, action,
                                             target, reason, now)
            if refusal is None:
                row = self._row(db, supervisor_id)
                assert row is not None
                approval = Approval(secrets.token_hex(16), row["id"], requester, action,
                                    target, reason, now)
                db.execute("UPDATE supervisors SET failed_attempts = 0, locked_until = NULL "
                           "WHERE id = ?", (row["id"],))
                db.execute("INSERT INTO approvals (id, supervisor_id, requester, action, "
                           "target, reason, issued_at, udid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (approval.approval_id, approval.supervisor_id, requester, action,
                            target, reason, iso(now), self.udid))
        if approval is None:
            assert refusal is not None
            raise self._refuse(refusal, **fields)
        fields["approver"] = approval.supervisor_id
        self._audit("supervisor.approval", result="success",
                    approval_id=approval.approval_id, **fields)
        return approval

    def _approval_refusal(self, db: sqlite3.Connection, supervisor_id: str, pin: str,
                          requester: str, action: str, target: str, reason: str,
                          now: datetime) -> _Refusal | None:
        """Why this approval must be refused, or None. Counts a wrong PIN (inside the
        caller's write transaction)."""
        refused = "supervisor.refused"
        if not requester or not action or not target:
            return _coded(refused, "incomplete")
        if not reason:
            return _coded(refused, "reason_required")
        if supervisor_id.strip().casefold() == requester.casefold():
            return _coded(refused, "own_request")
        row = self._row(db, supervisor_id.strip())
        if row is None:
            return _coded(refused, "unknown_supervisor", {"id": _clean(supervisor_id)})
        if row["disabled"]:
            return _coded(refused, "disabled", {"id": row["id"]})
        locked_until = from_iso(row["locked_until"])
        if locked_until is not None and now < locked_until:
            return _coded(refused, "locked", {"id": row["id"], "wrong": MAX_WRONG_PINS},
                          until=locked_until, zone=self._zone)
        if _pin_matches(pin, row["salt"], row["pin_hash"], row["params"]):
            return None
        failed = row["failed_attempts"] + 1
        if failed >= MAX_WRONG_PINS:
            until = now + LOCKOUT
            db.execute("UPDATE supervisors SET failed_attempts = 0, locked_until = ? "
                       "WHERE id = ?", (iso(until), row["id"]))
            return _coded("supervisor.locked", "wrong_pin_locked",
                          {"id": row["id"], "wrong": MAX_WRONG_PINS}, until=until,
                          zone=self._zone)
        db.execute("UPDATE supervisors SET failed_attempts = ? WHERE id = ?",
                   (failed, row["id"]))
        left = MAX_WRONG_PINS - failed
        minutes = int(LOCKOUT.total_seconds() // 60)
        return _coded(refused, "wrong_pin_last" if left == 1 else "wrong_pin",
                      {"id": row["id"], "left": left, "minutes": minutes})

    def consume(self, approval: Approval, *, requester: str, action: str, target: str) -> None:
        """Use an approval, once, right before acting; SupervisorError (audited) if it is
        unknown, already used, for another requester/action/target/terminal, expired, or its
        supervisor has been disabled since."""
        requester, action, target = _clean(requester), _clean(action), _clean(target)
        with self._tx() as db:
            refusal = self._consume_in(db, approval, requester, action, target)
        fields = {"actor": requester, "approver": approval.supervisor_id, "action": action,
                  "target": target, "reason": approval.reason,
                  "approval_id": approval.approval_id}
        if refusal is not None:
            raise self._refuse(refusal, **fields)
        self._audit("supervisor.consumed", result="success", **fields)

    def _consume_in(self, db: sqlite3.Connection, approval: Approval, requester: str,
                    action: str, target: str) -> _Refusal | None:
        """Check and mark an approval used, inside the caller's write transaction (so an
        account change and the use of its approval commit together, or not at all)."""
        def refuse(code: str, params: dict[str, Param] | None = None) -> _Refusal:
            return _coded("supervisor.refused", code, params)

        row = db.execute("SELECT * FROM approvals WHERE id = ?",
                         (approval.approval_id,)).fetchone()
        if row is None:
            return refuse("approval_unknown")
        if row["consumed_at"] is not None:
            return refuse("approval_used")
        if row["udid"] != self.udid:
            return refuse("approval_elsewhere")
        recorded = (row["supervisor_id"], row["requester"], row["action"], row["target"],
                    row["reason"], from_iso(row["issued_at"]))
        if recorded != (approval.supervisor_id, approval.requester, approval.action,
                        approval.target, approval.reason, approval.issued_at):
            return refuse("approval_altered")
        if (row["requester"], row["action"], row["target"]) != (requester, action, target):
            return refuse("approval_for_other", {
                "action": _granted(row["action"]), "target": row["target"],
                "requester": row["requester"], "asked_action": _granted(action),
                "asked_target": target, "asked_requester": requester})
        now = self._clock.now()
        issued = from_iso(row["issued_at"])
        assert issued is not None
        if now - issued > APPROVAL_TTL:
            return refuse("approval_expired",
                          {"minutes": int(APPROVAL_TTL.total_seconds() // 60)})
        approver = self._row(db, row["supervisor_id"])
        if approver is None or approver["disabled"]:
            return refuse("approver_disabled", {"id": row["supervisor_id"]})
        used = db.execute("UPDATE approvals SET consumed_at = ? WHERE id = ? "
                          "AND consumed_at IS NULL", (iso(now), row["id"]))
        if used.rowcount != 1:  # cannot happen under BEGIN IMMEDIATE; kept as the last guard
            return refuse("approval_used")
        return None

    # -- listing (last: the method name shadows the builtin inside the class body) -------
    def list(self) -> builtins.list[SupervisorInfo]:
        """Every supervisor, by ID, without hashes or salts."""
        with self._lock:
            rows: builtins.list[sqlite3.Row] = self._db.execute(
                "SELECT id, name, disabled, locked_until, created_at FROM supervisors "
                "ORDER BY id").fetchall()
        now = self._clock.now()
        out = []
        for sup_id, name, disabled, locked_until, created_at in rows:
            until = from_iso(locked_until)
            created = from_iso(created_at)
            assert created is not None
            out.append(SupervisorInfo(sup_id, name, bool(disabled),
                                      until if until is not None and until > now else None,
                                      created))
        return out
