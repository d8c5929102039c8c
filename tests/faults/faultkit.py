"""Tools of the fault-injection suite: a real small disk (tmpfs), a disk model at the SQLite
layer, page damage, and running the CLI in this process.
PYTEST_DONT_REWRITE"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from posrev.journal import Journal

PAGE = 4096
VOID_ENDPOINTS = ("/trade/v1/reversal", "/trade/v1/close")


# -- a real small disk --------------------------------------------------------------------------
class SmallDisk:
    """A tmpfs of ``size`` bytes mounted on ``path`` (root only; the test skips otherwise)."""

    def __init__(self, path: Path, size: int = 1024 * 1024) -> None:
        self.path = path
        self.size = size
        self.filler = path / "filler.bin"

    def mount(self) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={self.size}", "tmpfs",
                               str(self.path)], capture_output=True, text=True)
        if proc.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({proc.stderr.strip() or 'not root'}); the "
                        "SQLite-layer injection tests cover the same steps")

    def umount(self) -> None:
        subprocess.run(["umount", "-l", str(self.path)], capture_output=True)

    def free(self) -> int:
        return shutil.disk_usage(self.path).free

    def fill(self, leave: int = 0) -> None:
        """Fill the disk until ``leave`` bytes are free (tmpfs counts whole 4 KiB pages), to
        the last byte when ``leave`` is 0."""
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for chunk in (64 * 1024, 4096, 512, 1):
                while self.free() - leave >= chunk or (leave == 0 and chunk == 1):
                    try:
                        os.write(fd, bytes(min(chunk, max(1, self.free() - leave))))
                    except OSError:
                        break
        finally:
            os.close(fd)

    def empty(self) -> None:
        self.filler.unlink(missing_ok=True)

    def read_only(self, on: bool = True) -> None:
        subprocess.run(["mount", "-o", f"remount,{'ro' if on else 'rw'}", str(self.path)],
                       check=True, capture_output=True)


@contextlib.contextmanager
def small_disk(path: Path, size: int = 1024 * 1024) -> Iterator[SmallDisk]:
    disk = SmallDisk(path, size)
    disk.mount()
    try:
        yield disk
    finally:
        disk.umount()


# -- a full disk at the SQLite layer ------------------------------------------------------------
def sqlite_error(code: int, name: str, message: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode, error.sqlite_errorname = code, name
    return error


class DiskModel:
    """The disk fills after ``commits_left`` more journal commits. Releasing the journal's
    reserve file frees room for ``reserve_commits`` commits (once per filling, as on a full
    disk, where the reserve cannot be made again)."""

    def __init__(self, reserve_commits: int = 3) -> None:
        self.commits_left: int | None = None  # None: room for ever
        self.reserve_commits = reserve_commits
        self.reserve_spent = False
        self.failures = 0
        self.commits = 0

    @property
    def full(self) -> bool:
        return self.commits_left is not None and self.commits_left <= 0

    def fill_after(self, commits: int) -> None:
        self.commits_left = commits
        self.reserve_spent = False

    def empty(self) -> None:
        self.commits_left = None

    def on_commit(self, reserve: Path) -> None:
        if self.commits_left is None:
            self.commits += 1
            return
        if self.commits_left <= 0 and not self.reserve_spent and not reserve.exists():
            self.reserve_spent = True  # the journal released its reserve: room for a few
            self.commits_left = self.reserve_commits
        if self.commits_left <= 0:
            self.failures += 1
            raise sqlite_error(13, "SQLITE_FULL", "database or disk is full")
        self.commits_left -= 1
        self.commits += 1


class _Conn:
    """A journal connection whose COMMITs go through a DiskModel."""

    def __init__(self, conn: sqlite3.Connection, model: DiskModel, reserve: Path) -> None:
        object.__setattr__(self, "_conn", conn)
        object.__setattr__(self, "_model", model)
        object.__setattr__(self, "_reserve", reserve)

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        word = sql.strip().upper()
        if word.startswith("BEGIN"):
            object.__setattr__(self, "_changes", self._conn.total_changes)
        elif word == "COMMIT" and self._conn.total_changes != getattr(self, "_changes", -1):
            self._model.on_commit(self._reserve)  # only a transaction that wrote needs room
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._conn, name, value)


def install_disk_model(monkeypatch: pytest.MonkeyPatch, model: DiskModel) -> None:
    """Every journal opened from now on writes through ``model``."""
    real_connect = sqlite3.connect
    real_ensure = Journal._ensure_reserve

    def connect(path: Any, *args: Any, **kwargs: Any) -> Any:
        conn = real_connect(path, *args, **kwargs)
        name = Path(str(path)).name
        if name.startswith("journal") and name.endswith(".sqlite3"):
            return _Conn(conn, model, Path(str(path) + ".reserve"))
        return conn

    def ensure_reserve(journal: Journal) -> bool:
        # Once filled, only what the reserve freed is free: it cannot be made again.
        return False if model.commits_left is not None else real_ensure(journal)

    monkeypatch.setattr("posrev.journal.sqlite3.connect", connect)
    monkeypatch.setattr(Journal, "_ensure_reserve", ensure_reserve)


# -- damage -------------------------------------------------------------------------------------
def damage_page(path: Path, page: int, pattern: bytes = b"\xde\xad\xbe\xef") -> None:
    """Random-looking bytes over one whole page (1-based), as a bad sector would leave."""
    with open(path, "r+b") as fh:
        fh.seek((page - 1) * PAGE)
        fh.write((pattern * (PAGE // len(pattern) + 1))[:PAGE])


def root_page(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT rootpage FROM sqlite_master WHERE name=?",
                                (name,)).fetchone()[0])
    finally:
        conn.close()


def checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


# -- the CLI in this process --------------------------------------------------------------------
@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def cli(*argv: str) -> Run:
    """``posrev argv…`` in this process (environment from os.environ; see the fixtures)."""
    from posrev.cli import main

    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
    finally:
        drop_file_logging()  # as a process ends: no log file stays open on the test's disk
    return Run(code, out.getvalue(), err.getvalue())


def cli_process(env: dict[str, str], *argv: str, timeout: float = 60) -> Run:
    proc = subprocess.run([sys.executable, "-m", "posrev", *argv], env=env, timeout=timeout,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def drop_file_logging() -> None:
    """posrev adds one log file handler per process; in-process runs use many homes."""
    root = logging.getLogger("posrev")
    for handler in list(root.handlers):
        if getattr(handler, "_posrev", False):
            root.removeHandler(handler)
            handler.close()


def journal_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("journal"))


def said_nothing_sent(text: str) -> bool:
    return "nothing was sent" in text.lower()


def env_without_posrev() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("POSREV_")}
