"""A damaged page in the journal (issue 9, points 1 and 4): found at open by ``quick_check``,
moved aside loudly, its unfinished voids read from the old file and carried over, so a
resume still ends them; never "internal error"."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from faultkit import checkpoint, cli, damage_page, root_page

from posrev.errors import JournalError
from posrev.journal import Journal, JournalWriteError


def _pending_void(simulator) -> str:  # type: ignore[no-untyped-def]
    order = simulator.create_order(respcd="1143")
    simulator.set_scenario(order["syssn"], in_progress_polls=1)
    run = cli("--base-url", simulator.base_url, "void", "--syssn", order["syssn"],
              "--cashier", "C001", "--no-wait", "--json")
    assert run.code == 3, run.text
    return str(order["syssn"])


def _history(simulator, count: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(count):  # finished voids, so the file has many pages
        order = simulator.create_order(respcd="1143")
        assert cli("--base-url", simulator.base_url, "void", "--syssn", order["syssn"],
                   "--cashier", "C001").code == 0


def test_a_damaged_index_page_is_found_at_open_and_the_live_void_carried_over(
        simulator, use_home, tmp_path):
    """Bytes over one page of a checkpointed journal: every command said "internal error
    (DatabaseError)". Now: moved aside, said loudly, the live void carried over and ended."""
    home = use_home(tmp_path / "home")
    _history(simulator, 3)
    syssn = _pending_void(simulator)
    journal = home / "data" / "journal.sqlite3"
    checkpoint(journal)
    damage_page(journal, root_page(journal, "operations_created"))
    run = cli("--base-url", simulator.base_url, "pending", "--json")
    assert run.code == 0, run.text
    assert [o["orig_syssn"] for o in json.loads(run.out)] == [syssn]  # carried over
    warning = run.err.strip().splitlines()
    assert len(warning) == 1 and warning[0].startswith("posrev: warning: The journal was "
                                                       "damaged and was moved aside to ")
    assert syssn in warning[0] and "1 unfinished void(s) were read from it and 1 carried " \
                                   "over" in warning[0]
    moved = [p for p in journal.parent.iterdir()
             if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(moved) == 1 and str(moved[0]) in warning[0]
    resumed = cli("--base-url", simulator.base_url, "pending", "--resume", "--json")
    assert resumed.code == 0 and resumed.err.count("warning") == 0, resumed.text
    assert [(o["orig_syssn"], o["outcome"]) for o in json.loads(resumed.out)] == [
        (syssn, "voided")]
    assert simulator.voids_applied(syssn) == 1
    events = [e["kind"] for e in Journal(journal).events(kind_prefix="journal.")]
    assert events == ["journal.carried_over", "journal.recovered"]


def test_every_damaged_page_is_either_harmless_or_found(tmp_path: Path):
    """Each page of a checkpointed journal in turn: opening never raises a raw SQLite error;
    either the live void is there, or the file is moved aside and the live void is carried
    over (or the notice says part of it could not be read); a damaged page met by a later
    write is reported as damage, and the next start moves the file aside."""
    healthy = tmp_path / "healthy.sqlite3"
    j = Journal(healthy)
    for i in range(300):
        op = j.create(orig_syssn=f"9{i:05d}", out_trade_no=f"O{i}", action="reversal",
                      txamt=100 + i, txcurrcd="HKD", txdtm="2026-11-30 10:00:00",
                      pay_type="800108", udid="t", cashier="C001")
        if i != 150:
            j.transition(op, event="void.voided", state="voided", message="Voided.",
                         detail={"pad": "x" * 200})
    j.close()
    checkpoint(healthy)
    pages = healthy.stat().st_size // 4096
    seen = {"found by the full check": 0, "unused page": 0, "moved, carried": 0,
            "moved, part unread": 0, "found at write": 0}
    for page in range(1, pages + 1):
        case = tmp_path / f"p{page}"
        case.mkdir()
        path = case / "journal.sqlite3"
        shutil.copy(healthy, path)
        damage_page(path, page)
        j = Journal(path)
        try:
            if j.moved_aside is None:
                assert [op.orig_syssn for op in j.live()] == ["900150"], page
                try:
                    for i in range(3):
                        j.audit("test.write", detail={"pad": "y" * 3000, "i": i})
                    if j.check_all():  # what the window's resumer runs after start-up
                        seen["unused page"] += 1
                        continue
                    assert "damaged page" in str(j.notice or ""), page
                    seen["found by the full check"] += 1
                except JournalWriteError as exc:
                    assert exc.damaged and "damaged" in str(exc), page
                    seen["found at write"] += 1
            else:
                assert j.notice and "moved aside" in str(j.notice)
                if [op.orig_syssn for op in j.live()] == ["900150"]:
                    seen["moved, carried"] += 1
                else:
                    assert not j.salvage_complete and "could not be read" in str(j.notice), page
                    seen["moved, part unread"] += 1
                continue
        finally:
            j.close()
        again = Journal(path)  # after damage met at run time: a full check at this start
        try:
            assert again.moved_aside is not None, page
            assert [op.orig_syssn for op in again.live()] == ["900150"] or \
                not again.salvage_complete, page
        finally:
            again.close()
    print(f"\n{pages} pages damaged one at a time: {seen}")
    assert seen["moved, carried"] > 0


def test_a_damaged_journal_that_cannot_be_replaced_says_so(tmp_path: Path, monkeypatch):
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"not a database at all" * 300)
    real_open = Journal._open
    calls = []

    def second_open_fails(self, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 2:
            from faultkit import sqlite_error
            raise sqlite_error(13, "SQLITE_FULL", "database or disk is full")
        return real_open(self, **kwargs)

    monkeypatch.setattr(Journal, "_open", second_open_fails)
    try:
        Journal(path)
    except JournalError as exc:
        text = str(exc)
    assert "moved aside" in text and "the disk is full" in text


def test_a_damaged_journal_another_process_already_replaced_is_not_moved_again(
        tmp_path: Path, monkeypatch):
    """Two processes start on one damaged journal: the first moves it aside and starts a new
    one; the second must open that new one, not move it aside as well."""
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"not a database at all" * 300)
    healthy = tmp_path / "healthy.sqlite3"
    first = Journal(healthy)
    op = first.create(orig_syssn="80001", out_trade_no="", action="reversal", txamt=100,
                      txcurrcd="HKD", txdtm="2026-11-30 10:00:00", pay_type="800108",
                      udid="t", cashier="C001")
    first.close()
    real_open = Journal._open
    calls = []

    def the_other_process_wins(self, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            try:
                return real_open(self, **kwargs)  # fails: not a database
            finally:
                os.replace(path, tmp_path / "set-aside-by-the-other")
                os.replace(healthy, path)
        return real_open(self, **kwargs)

    monkeypatch.setattr(Journal, "_open", the_other_process_wins)
    j = Journal(path)
    try:
        assert j.moved_aside is None and j.notice is None
        assert [o.op_id for o in j.live()] == [op.op_id]
    finally:
        j.close()
    assert not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
