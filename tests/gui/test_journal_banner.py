"""A journal set aside at start-up is announced in the window (``journalBanner``), with the
unfinished voids found in it; a healthy journal shows no banner."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from factories import operation
from guihelp import child

from posrev.errors import JournalError
from posrev.gui.qt import QLabel
from posrev.journal import Journal


def _damaged_journal_with_a_live_void(home: Path) -> str:
    path = home / "data" / "journal.sqlite3"
    path.parent.mkdir(parents=True)
    j = Journal(path)
    j.create(orig_syssn="20261130000000000000000042", out_trade_no="O42", action="reversal",
             txamt=2500, txcurrcd="HKD", txdtm="2026-11-30 10:00:00", pay_type="800108",
             udid="till-1", cashier="C001")
    j.close()
    conn = sqlite3.connect(path)
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='operations_created'"
                        ).fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(path, "r+b") as fh:  # one page of bytes, as a bad sector would leave
        fh.seek((page - 1) * 4096)
        fh.write(b"\xde\xad\xbe\xef" * 1024)
    return "20261130000000000000000042"


def test_a_journal_moved_aside_shows_a_banner_with_its_live_voids(
        qtbot, open_window, simulator, gui_home, credentials):
    syssn = _damaged_journal_with_a_live_void(Path(gui_home))
    window = open_window("--base-url", simulator.base_url, "--cashier", "C001")
    qtbot.waitUntil(lambda: window.app is not None, timeout=10_000)
    banner = child(window, "journalBanner", QLabel)
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert "moved aside" in banner.text() and syssn in banner.text()
    assert str(window.app.journal.moved_aside) in banner.text()


def test_a_healthy_journal_shows_no_banner(qtbot, open_window, simulator, credentials):
    window = open_window("--base-url", simulator.base_url, "--cashier", "C001")
    qtbot.waitUntil(lambda: window.app is not None and window.stage == "idle", timeout=10_000)
    assert not child(window, "journalBanner", QLabel).isVisible()


def test_a_void_failed_because_the_journal_was_full_does_not_blame_the_gateway(qapp):
    from posrev.domain.void import failed
    from posrev.gui import texts
    from posrev.messages import Text, journal_columns

    op = operation(state="failed", sends=0, **journal_columns(
        failed(Text("fail.journal", {"why": "the disk is full"}))))
    assert not texts.nothing_sent(op)
    reason = texts.failure_reason(op)
    assert "disk is full" in reason and "could not be reached" not in reason


@pytest.mark.parametrize("kind", ["void", "refund"])
def test_no_final_outcome_is_described_as_still_being_checked(qapp, kind):
    """Every final state of either kind has its own words; only a live one is 'still being
    checked' (a refund taken over by another terminal once fell through to that sentence)."""
    from dataclasses import replace

    from posrev.gui import texts
    from posrev.model.operation import FINAL_STATES

    base = operation(state="pending", action="refund" if kind == "refund" else "reversal")
    assert "still being checked" in texts.outcome_detail(base)
    own = {"void": {"voided", "refund_required"}, "refund": {"refunded"}}
    shared = set(FINAL_STATES) - own["void"] - own["refund"]  # failed, needs_manual, ...
    for state in sorted(own[kind] | shared):
        assert "still being checked" not in texts.outcome_detail(replace(base, state=state)), \
            state
    # The headline above it agrees: an operation another terminal took over is not "Not
    # confirmed yet" (needs_manual is: the gateway never confirmed it).
    taken = replace(base, state="handed_over")
    assert texts.outcome_headline(taken) == "Taken over by another terminal"
    assert texts.outcome_headline(replace(base, state="pending")) == "Not confirmed yet"


def _start_on_a_newer_journal(qtbot, simulator, home: str,  # type: ignore[no-untyped-def]
                              language: str | None) -> tuple[str, Path]:
    """A journal written by a newer posrev, a terminal set to Chinese (zh_HK), and a window
    (started in ``language``, as --language would) opening its core: what its error line
    says, once it says something."""
    from posrev.gui.main_window import MainWindow
    from posrev.options import AppOptions

    path = Path(home) / "data" / "journal.sqlite3"
    path.parent.mkdir(parents=True)
    Journal(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    (Path(home) / "config.toml").write_text('[terminal]\nlanguage = "zh_HK"\n',
                                            encoding="utf-8")
    window = MainWindow(None, cashier="C001", language=language)
    qtbot.addWidget(window)
    if language:
        window.session.languages.apply(language)  # as posrev.gui.main applies --language
    try:
        window.open_core(AppOptions(base_url=simulator.base_url))
        error = child(window, "errorLine", QLabel)
        qtbot.waitUntil(lambda: bool(error.text()), timeout=10_000)
        return error.text(), path
    finally:
        window.session.languages.apply("en")
        window.shutdown()


def test_a_journal_that_cannot_be_opened_is_said_in_the_windows_language(
        qtbot, simulator, gui_home, credentials):
    """A journal written by a newer posrev stops the window as it opens its core; the
    sentence (path, schema, what to do) reads in the terminal's language, not in the core's
    English."""
    said, path = _start_on_a_newer_journal(qtbot, simulator, gui_home, None)
    assert said == (f"posrev 無法啟動：記錄檔 {path} 由較新版本的 posrev 寫入（schema 99）；"
                    "請升級 posrev。")


def test_a_window_started_in_a_language_keeps_it_when_the_core_cannot_open(
        qtbot, simulator, gui_home, credentials):
    """--language wins over the terminal's setting, also in the start-up failure."""
    said, path = _start_on_a_newer_journal(qtbot, simulator, gui_home, "en")
    assert said == (f"posrev cannot start: The journal {path} was written by a newer posrev "
                    "(schema 99); upgrade posrev.")


def test_a_journal_moved_aside_is_announced_in_the_terminals_language(
        qtbot, open_window, simulator, gui_home, credentials):
    syssn = _damaged_journal_with_a_live_void(Path(gui_home))
    (Path(gui_home) / "config.toml").write_text('[terminal]\nlanguage = "zh_HK"\n',
                                                encoding="utf-8")
    window = open_window("--base-url", simulator.base_url, "--cashier", "C001")
    try:
        qtbot.waitUntil(lambda: window.app is not None, timeout=10_000)
        banner = child(window, "journalBanner", QLabel)
        qtbot.waitUntil(banner.isVisible, timeout=10_000)
        assert banner.text().startswith("記錄檔已損壞，已移到 ")
        assert syssn in banner.text() and "請為 IT 保留該檔案。" in banner.text()
    finally:
        window.session.languages.apply("en")


def test_a_file_where_the_journal_folder_should_be_is_named_not_the_systems_words(
        qtbot, simulator, gui_home, credentials):
    """The system's own words ("File exists") are not the cashier's language: the cause is
    found from errno and said from the catalog, with what to do about it."""
    from posrev.gui import texts
    from posrev.gui.i18n import Languages

    Path(gui_home).mkdir(parents=True, exist_ok=True)
    (Path(gui_home) / "data").write_text("not a folder", encoding="utf-8")
    with pytest.raises(JournalError) as refused:
        Journal(Path(gui_home) / "data" / "journal.sqlite3")
    assert str(refused.value).endswith("cannot be created because a file stands where its "
                                       "folder should be. Move that file away (or tell IT), "
                                       "then try again.")
    from posrev.gui.qt import QApplication

    lang = Languages.for_app(QApplication.instance())
    try:
        assert lang.apply("zh_HK")
        said = texts.error_words(refused.value)
        assert "資料夾的位置上有一個檔案" in said and "File exists" not in said
    finally:
        lang.apply("en")
