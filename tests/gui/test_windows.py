"""Beyond the main flow: languages, the pending list's supervisor resolution, the journal view,
the void slip, first-run setup, settings, keyboard and touch, and responsiveness."""

from __future__ import annotations

import csv
import subprocess
import sys
import time

import pytest
from guihelp import (
    A6_POINTS,
    CASHIER,
    SLOW,
    SUPERVISOR,
    SUPERVISOR_PIN,
    VOIDED,
    approve,
    child,
    click,
    confirm,
    dialog,
    look_up,
    open_slip_dialog,
    pdf_page_sizes,
    save_slip_as_pdf,
    scan,
    wait_outcome,
)

from posrev.app import App, AppOptions
from posrev.gui.qt import (
    QApplication,
    QComboBox,
    QElapsedTimer,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTimer,
    QWidget,
    QWizard,
)
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY


# -- languages -------------------------------------------------------------------------------
def test_language_switches_without_restart_and_is_remembered(qtbot, window):
    look_up(qtbot, window, "DEMO-REVERSE")
    combo = window.findChild(QComboBox, "languageCombo")
    combo.setCurrentIndex(combo.findData("zh_HK"))
    qtbot.waitUntil(lambda: window.lookup_button.text() == "查詢(&L)")  # a LanguageChange event
    assert window.verdict_label.text() == "這筆未完成的 HKD 25.00 付款可以撤銷。"
    assert window.cashier_label.text() == "收銀員 C001"
    assert window.void_button.text() == "撤銷這筆付款(&R)"
    combo.setCurrentIndex(combo.findData("zh_CN"))
    qtbot.waitUntil(lambda: window.lookup_button.text() == "查询(&L)")
    assert window.verdict_label.text() == "这笔未完成的 HKD 25.00 付款可以撤销。"
    config = window.app.paths.config_file
    qtbot.waitUntil(lambda: config.exists() and 'language = "zh_CN"' in config.read_text())
    combo.setCurrentIndex(combo.findData("en"))
    qtbot.waitUntil(lambda: window.lookup_button.text() == "&Look up")
    assert window.verdict_label.text() == "This unfinished payment of HKD 25.00 can be reversed."


def test_outcome_and_failure_reasons_are_translated(qtbot, window, simulator):
    window.set_language("zh_HK", save=False)
    qtbot.waitUntil(lambda: window.lookup_button.text() == "查詢(&L)")
    look_up(qtbot, window, "DEMO-FAILED")
    assert "顧客的付款碼錯誤或已過期 (1202)" in window.verdict_label.text()
    look_up(qtbot, window, "DEMO-REVERSE")
    click(qtbot, window.void_button)
    confirm(qtbot, window)
    wait_outcome(qtbot, window, "已撤銷 — 顧客不會被扣款")


# -- pending list: supervisor resolution -----------------------------------------------------
@pytest.fixture
def manual_op(gui_home, credentials, simulator, demo_orders):  # type: ignore[no-untyped-def]
    """A void the gateway never confirmed, journaled before the window opens."""
    with App.open(AppOptions(base_url=simulator.base_url)) as app:
        app.supervisors.add_first(SUPERVISOR, "Sam Supervisor", SUPERVISOR_PIN)
        op = app.journal.create(orig_syssn=demo_orders["DEMO-LOST"], out_trade_no="DEMO-LOST",
                                action="reversal", txamt=2600, txcurrcd="HKD",
                                txdtm="2026-11-26 10:00:00", pay_type="800108", udid=app.udid,
                                cashier=CASHIER)
        op = app.journal.transition(op, event="test.manual", state="needs_manual", sends=3,
                                    message="Not confirmed after 3 sends.")
        return op


def test_supervisor_resolves_needs_manual_with_a_note(qtbot, open_window, simulator, manual_op):
    window = open_window("--base-url", simulator.base_url, "--cashier", CASHIER)
    qtbot.waitUntil(lambda: window.pending_button.isVisible())
    # The button counts what its list holds: a void a supervisor must resolve too (it read
    # "Pending (0)" while its outcome sent the cashier to the pending list).
    qtbot.waitUntil(lambda: window.pending_button.text() == "Pending (1)")
    click(qtbot, window.pending_button)
    pending = child(window, "pendingWindow")
    qtbot.waitUntil(lambda: pending.model.rowCount() == 1)
    assert pending.model.operation(0).state == "needs_manual"
    resolve = child(pending, "resolveButton", QPushButton)
    qtbot.waitUntil(resolve.isEnabled)
    assert not child(pending, "recheckButton", QPushButton).isEnabled()
    click(qtbot, resolve)
    d = dialog(qtbot, window, "resolveDialog")
    click(qtbot, child(d, "resolveContinueButton", QPushButton))  # no note: refused
    assert d.isVisible()
    qtbot.keyClicks(child(d, "resolveNoteInput"), "Merchant portal shows it closed.")
    click(qtbot, child(d, "resolveContinueButton", QPushButton))
    approve(qtbot, window, SUPERVISOR, SUPERVISOR_PIN, "Terminal or network fault")
    status = child(pending, "pendingStatusLabel", QLabel)
    qtbot.waitUntil(lambda: status.text() == "Resolved: Voided", timeout=10_000)
    op = window.app.journal.get(manual_op.op_id)
    assert op.state == "voided" and op.approver == SUPERVISOR
    assert "Merchant portal shows it closed." in op.message
    qtbot.waitUntil(lambda: pending.model.rowCount() == 0)
    qtbot.waitUntil(lambda: window.pending_button.text() == "Pending (0)")


# -- journal view ----------------------------------------------------------------------------
@pytest.fixture
def many_ops(gui_home, credentials, simulator):  # type: ignore[no-untyped-def]
    with App.open(AppOptions(base_url=simulator.base_url)) as app:
        for i in range(230):
            op = app.journal.create(orig_syssn=f"9{i:019d}", out_trade_no=f"ORDER-{i}",
                                    action="reversal", txamt=100 + i, txcurrcd="HKD",
                                    txdtm="2026-11-26 10:00:00", pay_type="800108",
                                    udid=app.udid, cashier=CASHIER if i % 2 else "C002")
            app.journal.transition(op, event="test", state="voided" if i % 3 else "failed")
    return 230


def test_journal_view_pages_lazily_searches_filters_and_exports(qtbot, open_window, simulator,
                                                                 many_ops, tmp_path):
    window = open_window("--base-url", simulator.base_url, "--cashier", CASHIER)
    click(qtbot, window.journal_button)
    journal = child(window, "journalWindow")
    count = child(journal, "journalCountLabel", QLabel)
    qtbot.waitUntil(lambda: count.text() == "230 operations")
    assert journal.model.rowCount() == 200  # one page; the rest when scrolled to
    journal.table.scrollToBottom()
    qtbot.waitUntil(lambda: journal.model.rowCount() == 230)
    assert journal.model.operation(0).orig_syssn == "90000000000000000229"  # newest first

    qtbot.keyClicks(child(journal, "journalSearch"), "ORDER-12")
    qtbot.waitUntil(lambda: count.text() == "11 operations")  # 12, 120..129
    outcome = child(journal, "journalOutcome", QComboBox)
    outcome.setCurrentIndex(outcome.findData("failed"))
    qtbot.waitUntil(lambda: count.text() == "5 operations")  # 12, 120, 123, 126, 129
    assert {journal.model.operation(r).state for r in range(journal.model.rowCount())} == \
        {"failed"}
    since = child(journal, "journalSinceCheck")
    since.setChecked(True)  # today: every test operation is from today
    qtbot.waitUntil(lambda: count.text() == "5 operations")

    target = tmp_path / "journal.csv"
    window.dialogs.answer_next(str(target))
    click(qtbot, child(journal, "journalExportButton", QPushButton))
    qtbot.waitUntil(lambda: "Exported 5 operations" in count.text())
    with target.open(encoding="utf-8", newline="") as exported:
        rows = list(csv.DictReader(exported))
    assert len(rows) == 5 and {r["outcome"] for r in rows} == {"failed"}


# -- the void slip ---------------------------------------------------------------------------
def test_void_slip_prints_to_pdf(qtbot, window, tmp_path):
    d = open_slip_dialog(qtbot, window)
    target = tmp_path / "slip.pdf"
    assert save_slip_as_pdf(qtbot, window, d, target).startswith(b"%PDF")
    assert pdf_page_sizes(target) == [pytest.approx(A6_POINTS, abs=2)]  # one A6 page


@pytest.mark.parametrize(("printers", "printable", "hint"), [
    ([], False, "No printer is installed on this computer; save the slip as a PDF file."),
    (["Front desk"], True, "Print the slip on the printer, or save it as a PDF file."),
], ids=["no-printer", "a-printer"])
def test_the_slip_dialog_says_whether_the_slip_can_be_printed(
        qtbot, window, monkeypatch, printers, printable, hint):
    from posrev.gui.qt import print_support

    # The printers Qt finds on this computer, replaced: the test machine's own do not count.
    monkeypatch.setattr(print_support().QPrinterInfo, "availablePrinterNames",
                        staticmethod(lambda: list(printers)))
    d = open_slip_dialog(qtbot, window)
    printer = child(d, "printerButton", QPushButton)
    assert printer.isEnabled() is printable
    assert child(d, "printSlipHint", QLabel).text() == hint
    # Without a printer, Enter saves a PDF, and the greyed button says why when pointed at.
    assert child(d, "pdfButton", QPushButton).isDefault() is not printable
    assert printer.toolTip() == ("" if printable else "No printer is installed on this computer.")
    d.reject()


def test_slip_says_amount_numbers_outcome_cashier_approver(qtbot, window):
    from datetime import datetime

    from posrev.gui.slip import slip_html

    look_up(qtbot, window, "DEMO-REVERSE")
    click(qtbot, window.void_button)
    confirm(qtbot, window)
    wait_outcome(qtbot, window, VOIDED)
    html = slip_html(window.operation, terminal=window.app.udid, tz="Asia/Hong_Kong",
                     printed_at=datetime.now().astimezone())
    for text in ("HKD 25.00", window.operation.orig_syssn, "DEMO-REVERSE", VOIDED, CASHIER,
                 "Approved by", window.app.udid):
        assert text in html


# -- first run -------------------------------------------------------------------------------
def test_setup_wizard_on_first_run(qtbot, open_window, simulator, gui_home, memory_keyring):
    window = open_window("--base-url", simulator.base_url)
    wizard = dialog(qtbot, window, "setupWizard")
    assert window.findChild(QLabel, "cashierLabel").text() == "No cashier signed in"
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert wizard.currentPage().objectName() == "envPage"
    assert child(wizard, "wizardBaseUrl", QLineEdit).text() == simulator.base_url
    click(qtbot, next_button)

    assert wizard.currentPage().objectName() == "credentialsPage"
    assert not next_button.isEnabled()  # both secrets are required
    qtbot.keyClicks(child(wizard, "wizardAppCode"), DEMO_APP_CODE)
    qtbot.keyClicks(child(wizard, "wizardClientKey"), "X" * 32)  # a wrong key first
    result = child(wizard, "wizardTestResult", QLabel)
    click(qtbot, child(wizard, "wizardTestButton", QPushButton))
    qtbot.waitUntil(lambda: "rejected" in result.text(), timeout=10_000)
    click(qtbot, next_button)
    assert wizard.currentPage().objectName() == "credentialsPage"  # a refused key is not kept
    key = child(wizard, "wizardClientKey", QLineEdit)
    key.clear()
    qtbot.keyClicks(key, DEMO_CLIENT_KEY)
    click(qtbot, child(wizard, "wizardTestButton", QPushButton))
    qtbot.waitUntil(lambda: result.text().startswith("Connected"), timeout=10_000)
    click(qtbot, next_button)

    assert wizard.currentPage().objectName() == "terminalPage"
    udid = child(wizard, "wizardUdid", QLineEdit)
    assert udid.text() == window.app.udid
    udid.clear()
    qtbot.keyClicks(udid, "STORE-7-TILL-2")
    click(qtbot, next_button)

    assert wizard.currentPage().objectName() == "supervisorPage"
    qtbot.keyClicks(child(wizard, "wizardSupervisorId"), "S900")
    qtbot.keyClicks(child(wizard, "wizardSupervisorName"), "Pat")
    qtbot.keyClicks(child(wizard, "wizardSupervisorPin"), "975310")
    qtbot.keyClicks(child(wizard, "wizardSupervisorPin2"), "975311")
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    click(qtbot, finish)
    assert "not the same" in child(wizard, "wizardSupervisorError", QLabel).text()
    qtbot.keyClicks(child(wizard, "wizardSupervisorPin2"), "975310")
    click(qtbot, finish)

    qtbot.waitUntil(lambda: window.dialogs.find("setupWizard") is None, timeout=10_000)
    qtbot.waitUntil(lambda: window.app.udid == "STORE-7-TILL-2" and window.stage == "idle",
                    timeout=10_000)
    assert "STORE-7-TILL-2" in window.terminal_label.text()
    assert memory_keyring.get_password("posrev/default", "client_key") == DEMO_CLIENT_KEY
    assert window.app.supervisors.has_supervisors()
    assert DEMO_CLIENT_KEY not in window.app.paths.config_file.read_text()
    # The terminal now works: sign in, look up a real order.
    window.cashier = CASHIER
    order = simulator.create_order(pay_type="800108", txamt=700, respcd="1143")
    look_up(qtbot, window, order["syssn"])
    assert window.void_button.isVisible()


def test_setup_offers_demo_mode(qtbot, open_window, simulator, gui_home, memory_keyring):
    window = open_window("--base-url", simulator.base_url)
    wizard = dialog(qtbot, window, "setupWizard")
    click(qtbot, child(wizard, "wizardDemoButton", QPushButton))
    qtbot.waitUntil(lambda: window.app.demo and window.stage == "idle", timeout=10_000)
    assert window.env_badge.text() == "DEMO"
    assert window.demo_list.count() > 5 and window.demo_list.isVisible()
    window.demo_list.setCurrentRow(0)
    click_item = window.demo_list.item(0)
    with qtbot.waitSignal(window.lookup_shown, timeout=10_000):
        window.demo_list.itemActivated.emit(click_item)
    assert "can be reversed" in window.verdict_label.text()


# -- settings --------------------------------------------------------------------------------
def test_settings_need_a_supervisor_and_apply_after_saving(qtbot, window, supervisor):
    click(qtbot, window.settings_button)
    approve(qtbot, window, supervisor, SUPERVISOR_PIN, "Other")
    d = dialog(qtbot, window, "settingsDialog")
    udid = child(d, "settingsUdid", QLineEdit)
    udid.clear()
    qtbot.keyClicks(udid, "TILL-9")
    click(qtbot, child(d, "settingsSaveButton", QPushButton))
    qtbot.waitUntil(lambda: window.app.udid == "TILL-9" and window.stage == "idle",
                    timeout=10_000)
    assert window.terminal_label.text() == "Terminal TILL-9"


def test_settings_refused_without_the_right_pin(qtbot, window, supervisor):
    click(qtbot, window.settings_button)
    d = approve(qtbot, window, supervisor, "000000", "Other")
    qtbot.waitUntil(lambda: "Wrong PIN" in child(d, "supervisorError", QLabel).text())
    assert window.dialogs.find("settingsDialog") is None


# -- keyboard and touch ----------------------------------------------------------------------
def test_targets_are_touch_sized_and_the_amount_is_large(qtbot, window):
    look_up(qtbot, window, "DEMO-REVERSE")
    small = [w.objectName() or type(w).__name__
             for w in window.findChildren(QWidget)
             if isinstance(w, QPushButton | QLineEdit | QComboBox) and w.isVisible()
             and w.height() < 44]
    assert small == []
    assert window.amount_label.font().pointSize() >= 24


def test_a_void_by_keyboard_alone(qtbot, window):
    look_up(qtbot, window, "DEMO-REVERSE")
    focus = window.focusWidget()
    for _ in range(8):  # Tab from the input reaches the one button
        if focus is window.void_button:
            break
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        focus = window.focusWidget()
    assert focus is window.void_button
    qtbot.keyClick(window.void_button, Qt.Key.Key_Return)
    d = dialog(qtbot, window, "confirmVoidDialog")
    qtbot.keyClick(d.focusWidget() or d, Qt.Key.Key_Return)
    wait_outcome(qtbot, window, VOIDED)
    qtbot.keyClick(window.lookup_input, Qt.Key.Key_Escape)
    assert window.stage == "idle"


def test_f2_opens_the_pending_list_and_escape_closes_it(qtbot, window):
    qtbot.keyClick(window.lookup_input, Qt.Key.Key_F2)
    pending = child(window, "pendingWindow")
    qtbot.waitUntil(pending.isActiveWindow)
    qtbot.keyClick(pending.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not pending.isVisible())


def test_sign_in_before_voiding(qtbot, open_window, simulator, credentials, demo_orders):
    window = open_window("--base-url", simulator.base_url)
    look_up(qtbot, window, "DEMO-REVERSE")
    click(qtbot, window.void_button)
    d = dialog(qtbot, window, "signInDialog")
    qtbot.keyClicks(child(d, "cashierIdInput"), "C042")
    qtbot.keyClick(child(d, "cashierIdInput"), Qt.Key.Key_Return)
    confirm(qtbot, window)
    wait_outcome(qtbot, window, VOIDED)
    assert window.cashier_label.text() == "Cashier C042"
    assert window.operation.cashier == "C042"


# -- responsiveness --------------------------------------------------------------------------
def test_the_window_stays_responsive_while_the_gateway_is_slow(qtbot, window, simulator):
    order = simulator.create_order(pay_type="800108", txamt=5100, respcd="1143")
    simulator.set_scenario(order["syssn"], latency=2.0)
    beats: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: beats.append(clock.elapsed()))
    heartbeat.start()
    started = time.monotonic()
    with qtbot.waitSignal(window.lookup_shown, timeout=10_000):
        scan(qtbot, window, order["syssn"])
        qtbot.keyClicks(window.lookup_input, "typed while waiting")
        assert window.lookup_input.text() == "typed while waiting"
    assert time.monotonic() - started >= 1.9  # the gateway really was slow
    click(qtbot, window.void_button)
    confirm(qtbot, window)
    qtbot.waitUntil(lambda: window.stage == "voiding")
    assert window.progress_panel.isVisible()
    wait_outcome(qtbot, window, VOIDED, timeout=SLOW)
    heartbeat.stop()
    gaps = [b - a for a, b in zip(beats, beats[1:], strict=False)]
    assert max(gaps) < 200, f"the GUI thread stalled {max(gaps)} ms"
    assert QApplication.instance() is not None


# -- start-up --------------------------------------------------------------------------------
def test_the_window_paints_before_the_core_opens_and_keeps_an_early_scan(qtbot, simulator,
                                                                        credentials,
                                                                        demo_orders):
    from posrev.gui.main_window import MainWindow

    window = MainWindow(None, cashier=CASHIER)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        assert window.env_badge.text() == "…"
        assert not window.pending_button.isEnabled()
        scan(qtbot, window, "DEMO-REVERSE")  # scanned while the core is still opening
        with qtbot.waitSignal(window.lookup_shown, timeout=10_000):
            window.open_core(AppOptions(base_url=simulator.base_url))
        assert window.env_badge.text() == "SIMULATOR"
        assert window.pending_button.isEnabled()
        assert "can be reversed" in window.verdict_label.text()
    finally:
        window.shutdown()


def test_a_bad_config_file_stops_the_gui_with_exit_4(tmp_path, gui_home):
    bad = tmp_path / "bad.toml"
    bad.write_text("[gateway]\nenv = 'moon'\n", encoding="utf-8")
    code = "import sys; from posrev.gui import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run([sys.executable, "-c", code, "--config", str(bad)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 4
    assert "bad.toml, line 2, key 'gateway.env'" in proc.stderr


@pytest.mark.parametrize("argv, label", [(("--env", "live"), "LIVE"), (("--env", "test"), "TEST"),
                                        (("--demo",), "DEMO"),
                                        (("--base-url", "http://127.0.0.1:9"), "SIMULATOR")])
def test_the_environment_badge_says_and_shows_which_gateway(qtbot, open_window, credentials,
                                                            argv, label):
    window = open_window(*argv)
    badge = window.env_badge
    assert badge.text() == label
    image = badge.grab().toImage()
    colour = image.pixelColor(3, image.height() // 2).name()
    assert colour == {"LIVE": "#1b5e20", "TEST": "#e65100", "DEMO": "#6a1b9a",
                      "SIMULATOR": "#00695c"}[label]
