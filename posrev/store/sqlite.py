"""The one SQLite helper: open (WAL, ``synchronous=FULL``), migrate by ``PRAGMA user_version``,
transactions, integrity checks, and errors classified by SQLite's own result code.

Used by ``posrev.journal`` and ``posrev.supervisors``; it imports nothing from posrev, so the
arrow only ever points into this module (docs/DESIGN.md §3).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

# SQLite primary result codes (the low byte of ``sqlite_errorcode``).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_NOTADB = 26
_LOW_SPACE = 256 * 1024  # an I/O error with less free space than this is a full disk


class DamagedDatabase(sqlite3.DatabaseError):
    """``PRAGMA quick_check`` did not answer ``ok``."""


class NewerSchema(sqlite3.DatabaseError):
    """The file was written by a newer posrev (its ``user_version`` is above ours)."""

    def __init__(self, version: int) -> None:
        super().__init__(f"schema {version}")
        self.version = version


# -- opening and migrating ---------------------------------------------------------------------
def connect(path: str | os.PathLike[str], *, timeout: float = 10.0) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), rows as ``sqlite3.Row``,
    usable from the caller's threads (the caller serialises them), in WAL mode with
    ``synchronous=FULL``: a committed transaction survives a power cut."""
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None,
                           check_same_thread=False)
    try:
        conn.row_factory = sqlite3.Row
        if conn.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() != "wal":
            raise sqlite3.OperationalError("WAL mode is not available")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys=ON")
    except BaseException:
        conn.close()
        raise
    return conn


def statements(script: str) -> Iterator[str]:
    """Split a script into complete statements (triggers contain ';' inside BEGIN…END).
    One statement at a time: ``executescript()`` would commit the open transaction."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def migrate(conn: sqlite3.Connection, migrations: Mapping[int, str], *,
            adopt: Callable[[sqlite3.Connection], int] | None = None) -> int:
    """Bring the schema to ``max(migrations)`` in one write transaction: migration ``n`` runs
    when ``PRAGMA user_version`` is below ``n``, then ``user_version`` becomes ``n``.

    ``adopt(conn)``, for a file whose ``user_version`` is still 0, returns the version an
    older scheme recorded (and removes that record), so such a file is not migrated twice.
    Raises ``NewerSchema`` for a file from a newer posrev. Returns the version found."""
    latest = max(migrations)
    with transaction(conn):
        stored = version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and adopt is not None:
            version = adopt(conn)
        if version > latest:
            raise NewerSchema(version)
        for target in range(version + 1, latest + 1):
            for statement in statements(migrations[target]):
                conn.execute(statement)
        if stored != latest:
            conn.execute(f"PRAGMA user_version={latest}")
    return version


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception. Taking the write lock
    first makes a read-check-write atomic across processes."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is open. On SQLITE_FULL (and some I/O errors) SQLite has
    already rolled back; a failing ROLLBACK changes nothing worth raising over."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def quick_check(conn: sqlite3.Connection, table: str | None = None) -> None:
    """Raise ``DamagedDatabase`` unless ``PRAGMA quick_check`` (of one table, or the whole
    file) answers ``ok``."""
    check = f"PRAGMA quick_check({table})" if table else "PRAGMA quick_check"
    problems = [r[0] for r in conn.execute(check).fetchmany(5)]
    if problems != ["ok"]:
        raise DamagedDatabase("; ".join(problems))


# -- times -------------------------------------------------------------------------------------
def iso(moment: datetime) -> str:
    """An aware time as stored: UTC, ISO 8601, microseconds."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime in a store")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_iso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


# -- errors ------------------------------------------------------------------------------------
def primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_damage(exc: BaseException) -> bool:
    """The file itself is damaged or is not a database (never the environment's fault)."""
    return isinstance(exc, DamagedDatabase) or \
        primary_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def _folder_is_read_only(folder: Path) -> bool:
    try:
        if os.name == "posix" and os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        pass
    return not os.access(folder, os.W_OK)


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def disk_full(exc: BaseException, folder: Path) -> bool:
    """SQLITE_FULL, or an I/O error (creating ``-wal``/``-shm``) on a disk with no room."""
    code = primary_code(exc)
    if code == SQLITE_FULL:
        return True
    if code in (SQLITE_IOERR, SQLITE_CANTOPEN):
        free = _free_bytes(folder)
        return free is not None and free < _LOW_SPACE
    return False


def os_cause(exc: OSError) -> tuple[str, dict[str, str]]:
    """Why the operating system refused a file or folder (``mkdir``, ``chmod``): the codes
    of :func:`environment_cause`, and ``not_a_folder`` when a file stands where a folder
    must be; decided from ``errno``, never from the message (which is the system's language)."""
    import errno

    number = exc.errno or 0
    if number in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "disk_full", {}
    if number == errno.EROFS:
        return "folder_read_only", {}
    if number in (errno.EACCES, errno.EPERM):
        return "permission", {}
    if number in (errno.EEXIST, errno.ENOTDIR):
        return "not_a_folder", {}
    return "disk_error", {"name": errno.errorcode.get(number, type(exc).__name__)}


def environment_cause(exc: BaseException, folder: Path) -> tuple[str, dict[str, str]]:
    """Why the environment refused, as a code and its parameters: ``disk_full``,
    ``folder_read_only``, ``locked``, ``read_only``, ``permission``, or ``disk_error`` with
    the error's ``name``; decided from SQLite's error code and the folder's state, never from
    the message text. posrev/messages.py words each (``store.<code>``, and what to do about
    it, ``store.fix.<code>``)."""
    code = primary_code(exc)
    if disk_full(exc, folder):
        return "disk_full", {}
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN, SQLITE_IOERR) and \
            _folder_is_read_only(folder):
        return "folder_read_only", {}
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return "locked", {}
    if code == SQLITE_READONLY:
        return "read_only", {}
    if code == SQLITE_PERM:
        return "permission", {}
    return "disk_error", {"name": getattr(exc, "sqlite_errorname", None) or type(exc).__name__}
