"""Opening the journal under environment faults: a full disk, a read-only folder, a locked
file, an I/O error creating ``-wal``/``-shm``. The file is never moved aside: exit 4, a plain
sentence, the file untouched; once the fault is gone the live void is still there and a
resume ends it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from faultkit import cli, journal_files, said_nothing_sent, small_disk, sqlite_error

from posrev.errors import JournalError
from posrev.journal import Journal


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pending_void(simulator, home: Path) -> str:  # type: ignore[no-untyped-def]
    """A ``void --no-wait`` of an order that stays in progress: exit 3, one live operation."""
    order = simulator.create_order(respcd="1143")
    simulator.set_scenario(order["syssn"], in_progress_polls=1)
    run = cli("--base-url", simulator.base_url, "void", "--syssn", order["syssn"],
              "--cashier", "C001", "--no-wait", "--json")
    assert run.code == 3, run.text
    assert json.loads(run.out)["outcome"] == "pending"
    return str(order["syssn"])


def _resume_ends_final(simulator, syssn: str) -> None:  # type: ignore[no-untyped-def]
    listed = cli("--base-url", simulator.base_url, "pending", "--json")
    assert [o["orig_syssn"] for o in json.loads(listed.out)] == [syssn], listed.text
    resumed = cli("--base-url", simulator.base_url, "pending", "--resume", "--json")
    assert resumed.code == 0, resumed.text
    assert [(o["orig_syssn"], o["outcome"]) for o in json.loads(resumed.out)] == [
        (syssn, "voided")]
    assert simulator.voids_applied(syssn) == 1
    assert json.loads(cli("--base-url", simulator.base_url, "pending", "--json").out) == []


@pytest.mark.parametrize(("code", "name", "message", "words", "fix"), [
    (4618, "SQLITE_IOERR_SHMOPEN", "disk I/O error", "the disk reported an error",
     "Check the disk"),
    (13, "SQLITE_FULL", "database or disk is full", "the disk is full", "Free some space"),
    (5, "SQLITE_BUSY", "database is locked", "another program is holding it locked",
     "Close the other program"),
    (8, "SQLITE_READONLY", "attempt to write a readonly database", "read-only",
     "writable"),
    (14, "SQLITE_CANTOPEN", "unable to open database file", "the disk reported an error",
     "Check the disk"),
])
def test_an_environment_error_at_open_leaves_the_journal_untouched(
        simulator, use_home, tmp_path, monkeypatch, code, name, message, words, fix):
    """SQLite-layer injection (always runs): the error a full disk, a read-only folder or a
    lock gives while the journal is opened (creating -wal/-shm, or the first write)."""
    home = use_home(tmp_path / "home")
    syssn = _pending_void(simulator, home)
    journal = home / "data" / "journal.sqlite3"
    before, files = _digest(journal), journal_files(journal.parent)
    real_open = Journal._open

    def failing_open(self, **kwargs):  # type: ignore[no-untyped-def]
        raise sqlite_error(code, name, message)

    monkeypatch.setattr(Journal, "_open", failing_open)
    run = cli("--base-url", simulator.base_url, "pending")
    assert run.code == 4 and run.out == ""
    assert words in run.err and "left untouched" in run.err and str(journal) in run.err
    assert len(run.err.strip().splitlines()) == 1 and "internal error" not in run.err
    # Only the fix for this cause: a locked file is not cured by freeing space.
    fixes = ("Free some space", "writable", "Close the other program", "Check the disk")
    assert fix in run.err and not [f for f in fixes if f != fix and f in run.err], run.err
    assert _digest(journal) == before and journal_files(journal.parent) == files  # no move
    monkeypatch.setattr(Journal, "_open", real_open)
    if code == 13:  # (each resume waits one 3 s poll: once is enough)
        _resume_ends_final(simulator, syssn)
    else:
        listed = cli("--base-url", simulator.base_url, "pending", "--json")
        assert [o["orig_syssn"] for o in json.loads(listed.out)] == [syssn], listed.text


def test_the_open_error_is_read_from_sqlite_codes_not_text(tmp_path: Path, monkeypatch):
    """A message that reads like damage but carries an I/O error code is the environment."""
    path = tmp_path / "journal.sqlite3"
    Journal(path).close()
    monkeypatch.setattr(Journal, "_open", lambda self, **kw: (_ for _ in ()).throw(
        sqlite_error(10, "SQLITE_IOERR", "file is not a database (malformed)")))
    with pytest.raises(JournalError) as info:
        Journal(path)
    assert "left untouched" in str(info.value)
    assert [p.name for p in tmp_path.iterdir() if "corrupt" in p.name] == []


# -- a real full disk ---------------------------------------------------------------------
def test_a_full_disk_at_start_up_is_an_environment_error(simulator, use_home, tmp_path):
    """Issue 9, point 1, on a real 1 MiB tmpfs: a live void, the disk fills, posrev starts."""
    with small_disk(tmp_path / "disk") as disk:
        home = use_home(disk.path / "home")
        syssn = _pending_void(simulator, home)
        journal = home / "data" / "journal.sqlite3"
        assert not Path(str(journal) + "-wal").exists()  # closed cleanly: no -wal, no -shm
        before, files = _digest(journal), journal_files(journal.parent)
        disk.fill()
        for command in (["pending"], ["pending", "--resume"], ["journal"]):
            run = cli("--base-url", simulator.base_url, *command)
            assert run.code == 4, (command, run.text)
            assert "the disk is full" in run.err and "left untouched" in run.err, run.err
            assert "internal error" not in run.err and not said_nothing_sent(run.err)
        # (SQLite may leave empty -wal/-shm files from its attempt; the journal is untouched)
        assert _digest(journal) == before
        assert [f for f in journal_files(journal.parent) if f not in files] in (
            [], ["journal.sqlite3-shm", "journal.sqlite3-wal"], ["journal.sqlite3-wal"])
        disk.empty()
        _resume_ends_final(simulator, syssn)


def test_a_read_only_folder_is_an_environment_error(simulator, use_home, tmp_path):
    """The journal's disk is mounted read-only (as root, a chmod would not stop us)."""
    with small_disk(tmp_path / "disk") as disk:
        home = use_home(disk.path / "home")
        syssn = _pending_void(simulator, home)
        journal = home / "data" / "journal.sqlite3"
        before = _digest(journal)
        other = simulator.create_order(respcd="1143")
        disk.read_only(True)
        try:
            run = cli("--base-url", simulator.base_url, "pending")
            assert run.code == 4 and "read-only" in run.err and "left untouched" in run.err
            run = cli("--base-url", simulator.base_url, "void", "--syssn", other["syssn"],
                      "--cashier", "C001")
            assert run.code == 4 and "read-only" in run.err, run.text
            assert simulator.void_requests(other["syssn"]) == 0  # nothing was sent: true
        finally:
            disk.read_only(False)
        assert _digest(journal) == before
        assert [p for p in journal.parent.iterdir() if "corrupt" in p.name] == []
        _resume_ends_final(simulator, syssn)


def test_the_supervisor_file_under_a_full_disk_is_left_untouched(tmp_path):
    """The supervisor store opens the same way: an environment error names the cause and
    leaves the file (PIN hashes, lockouts) as it is."""
    from posrev.clock import Clock
    from posrev.supervisors import SupervisorStore

    with small_disk(tmp_path / "disk") as disk:
        path = disk.path / "supervisors.sqlite3"
        SupervisorStore(path, udid="t", clock=Clock(), audit=lambda e: None).close()
        before = _digest(path)
        disk.fill()
        with pytest.raises(JournalError) as info:
            SupervisorStore(path, udid="t", clock=Clock(), audit=lambda e: None)
        assert "the disk is full" in str(info.value) and "left untouched" in str(info.value)
        assert _digest(path) == before
        disk.empty()
        SupervisorStore(path, udid="t", clock=Clock(), audit=lambda e: None).close()
