"""A journal deleted or replaced while a void runs (issue 9, point 5): found before the next
write (file identity), the void stops and says so, what the process held is saved and its
unfinished voids carried over to the journal now in place; the terminal keeps its udid,
which lives in the config file."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest
from faultkit import VOID_ENDPOINTS, cli, said_nothing_sent

from posrev.journal import Journal, JournalVanished


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _live(j: Journal, syssn: str):  # type: ignore[no-untyped-def]
    return j.create(orig_syssn=syssn, out_trade_no="O1", action="reversal", txamt=2500,
                    txcurrcd="HKD", txdtm="2026-11-30 10:00:00", pay_type="800108",
                    udid="till-1", cashier="C001")


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_the_next_write_finds_a_vanished_journal(tmp_path: Path, how: str) -> None:
    path = tmp_path / "journal.sqlite3"
    j = Journal(path)
    op = _live(j, "70001")
    if how == "deleted":
        _remove(path)
    else:
        other = tmp_path / "other.sqlite3"
        Journal(other).close()
        os.replace(other, path)
        Path(str(path) + "-wal").unlink(missing_ok=True)
    with pytest.raises(JournalVanished) as info:
        j.transition(op, event="void.sending", state="sending", sends=1)
    assert "deleted or replaced" in str(info.value)
    saved = info.value.saved_to
    assert saved is not None and saved.exists() and ".vanished-" in saved.name
    assert info.value.carried == 1
    assert str(j.notice) == str(info.value)
    # the journal now in place holds the live void as it was last recorded; writes go there
    assert [(o.orig_syssn, o.state) for o in j.live()] == [("70001", "intent")]
    j.transition(j.get(op.op_id), event="void.failed", state="failed", message="x")
    j.close()
    fresh = Journal(path)
    try:
        assert fresh.get(op.op_id).state == "failed"
        assert [e["kind"] for e in fresh.events(op.op_id)][-2:] == ["journal.carried_over",
                                                                     "void.failed"]
    finally:
        fresh.close()
    saved_copy = Journal(saved)  # what the process held, intact
    try:
        assert saved_copy.get(op.op_id).state == "intent"
    finally:
        saved_copy.close()


def test_deleting_the_journal_while_the_void_is_at_the_gateway(simulator, use_home, tmp_path):
    """The issue's case, end to end: the record was lost without a word and the next start
    made a new udid."""
    home = use_home(tmp_path / "home")
    assert cli("--base-url", simulator.base_url, "pending").code == 0
    config = tomllib.loads((home / "config.toml").read_text())
    udid = config["terminal"]["udid"]
    assert config["gateway"]["read_timeout"] == 1  # the rest of the file is kept
    journal = home / "data" / "journal.sqlite3"
    order = simulator.create_order(respcd="1143")

    def delete_on_arrival(info):  # type: ignore[no-untyped-def]
        if info["endpoint"] in VOID_ENDPOINTS:
            _remove(journal)

    simulator.on_request = delete_on_arrival
    try:
        run = cli("--base-url", simulator.base_url, "void", "--syssn", order["syssn"],
                  "--cashier", "C001", "--json")
    finally:
        simulator.on_request = None
    assert simulator.voids_applied(order["syssn"]) == 1
    assert run.code == 3, run.text
    message = json.loads(run.out)["message"]
    assert "deleted or replaced" in message and "pending --resume" in message
    assert not said_nothing_sent(run.text)
    assert [p for p in journal.parent.iterdir() if ".vanished-" in p.name]
    resumed = cli("--base-url", simulator.base_url, "pending", "--resume", "--json")
    assert resumed.code == 0, resumed.text
    assert [(o["orig_syssn"], o["outcome"]) for o in json.loads(resumed.out)] == [
        (order["syssn"], "voided")]
    assert simulator.voids_applied(order["syssn"]) == 1
    ops = json.loads(cli("--base-url", simulator.base_url, "journal", "--json").out)
    assert [o["udid"] for o in ops] == [udid]  # the terminal's udid, in the new journal too


def test_deleting_the_journal_before_the_void_is_sent(simulator, use_home, tmp_path):
    """Found at the write that marks the void as being sent: nothing was sent, and it ends
    failed in the journal now in place (never sent by a later resume)."""
    home = use_home(tmp_path / "home")
    assert cli("--base-url", simulator.base_url, "pending").code == 0
    journal = home / "data" / "journal.sqlite3"
    order = simulator.create_order(respcd="1143")
    original = Journal.create

    def create_then_vanish(self, **kwargs):  # type: ignore[no-untyped-def]
        op = original(self, **kwargs)
        _remove(journal)
        return op

    import posrev.journal

    mp = pytest.MonkeyPatch()
    mp.setattr(posrev.journal.Journal, "create", create_then_vanish)
    try:
        run = cli("--base-url", simulator.base_url, "void", "--syssn", order["syssn"],
                  "--cashier", "C001")
    finally:
        mp.undo()
    assert run.code == 4 and said_nothing_sent(run.err) and "deleted or replaced" in run.err
    assert simulator.void_requests(order["syssn"]) == 0
    assert cli("--base-url", simulator.base_url, "pending", "--resume").code == 0
    assert simulator.void_requests(order["syssn"]) == 0


def test_the_udid_lives_in_the_config_file(simulator, use_home, tmp_path):
    """A new journal (deleted, moved aside) keeps the terminal's udid; a config file's own
    text and comments are kept when the udid is added."""
    home = use_home(tmp_path / "home")
    (home / "config.toml").write_text("# IT: till 4, back office\n[terminal]\n"
                                      "language = \"en\"\n\n[gateway]\nread_timeout = 1\n")
    assert cli("--base-url", simulator.base_url, "pending").code == 0
    text = (home / "config.toml").read_text()
    assert text.startswith("# IT: till 4, back office\n[terminal]\nudid = \"posrev-")
    udid = tomllib.loads(text)["terminal"]["udid"]
    _remove(home / "data" / "journal.sqlite3")
    assert cli("--base-url", simulator.base_url, "pending").code == 0
    assert tomllib.loads((home / "config.toml").read_text())["terminal"]["udid"] == udid
    j = Journal(home / "data" / "journal.sqlite3")
    try:
        assert j.get_meta("udid") in (None, udid)
    finally:
        j.close()


def test_an_older_terminal_keeps_its_journal_udid(simulator, use_home, tmp_path):
    home = use_home(tmp_path / "home")
    path = home / "data" / "journal.sqlite3"
    path.parent.mkdir(parents=True)
    j = Journal(path)
    j.set_meta("udid", "posrev-0123456789abcdef")
    j.close()
    assert cli("--base-url", simulator.base_url, "pending").code == 0
    assert tomllib.loads((home / "config.toml").read_text())["terminal"]["udid"] == \
        "posrev-0123456789abcdef"
