"""The window's Refund action, as the cashier sees it, against the real simulator: a void
that lost the race (DEMO-RACE) to "Refunded" by keyboard alone, in English and 繁體中文; a
refundable payment (DEMO-REFUND-ME) refunded in part; what is refused, and why."""

from __future__ import annotations

import pytest
from guihelp import (
    A6_POINTS,
    SUPERVISOR,
    SUPERVISOR_PIN,
    approve,
    child,
    click,
    dialog,
    look_up,
    pdf_page_sizes,
    save_slip_as_pdf,
)

from posrev.gui.qt import QLabel, QLineEdit, QPushButton, Qt, QWidget

RACE_LOST = "Payment completed — refund it instead"


def tab_to(qtbot, window, target: QWidget, limit: int = 12) -> None:
    focus = window.focusWidget()
    for _ in range(limit):
        if focus is target:
            return
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        focus = window.focusWidget()
    assert focus is target, (focus.objectName() if focus else None, target.objectName())


def keyboard_approval(qtbot, window, reason: str) -> None:
    d = dialog(qtbot, window, "supervisorDialog")
    assert d.focusWidget() is child(d, "supervisorIdInput")
    qtbot.keyClicks(d.focusWidget(), SUPERVISOR)
    qtbot.keyClick(d.focusWidget(), Qt.Key.Key_Tab)
    assert d.focusWidget() is child(d, "supervisorPinInput")
    qtbot.keyClicks(d.focusWidget(), SUPERVISOR_PIN)
    qtbot.keyClick(d.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(d.focusWidget(), reason)
    qtbot.keyClick(d.focusWidget(), Qt.Key.Key_Return)


@pytest.mark.parametrize("lang", ["en", "zh_HK"])
def test_demo_race_to_refunded_by_keyboard_alone(qtbot, window, supervisor, simulator,
                                                 demo_orders, lang):
    from posrev.gui import texts

    window.set_language(lang, save=False)
    syssn = demo_orders["DEMO-RACE"]
    look_up(qtbot, window, "DEMO-RACE")
    tab_to(qtbot, window, window.void_button)
    qtbot.keyClick(window.void_button, Qt.Key.Key_Return)
    d = dialog(qtbot, window, "confirmVoidDialog")
    qtbot.keyClick(d.focusWidget() or d, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stage == "outcome", timeout=30_000)
    assert window.operation.outcome == "refund_required"
    # The refund is offered at once, with the whole amount.
    button = window.findChild(QPushButton, "refundButton")
    amount = window.findChild(QLineEdit, "refundAmountInput")
    qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=10_000)
    assert amount.text() == "45.00"
    tab_to(qtbot, window, amount)
    qtbot.keyClick(amount, Qt.Key.Key_Return)
    keyboard_approval(qtbot, window, "Goods returned")
    confirm = dialog(qtbot, window, "confirmRefundDialog")
    assert "HKD 45.00" in child(confirm, "confirmAmountLabel", QLabel).text()
    qtbot.keyClick(confirm.focusWidget() or confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stage == "outcome" and window.operation is not None
                    and window.operation.kind == "refund", timeout=30_000)
    op = window.operation
    assert (op.outcome, op.txamt, op.approver) == ("refunded", 4500, SUPERVISOR)
    headline = window.findChild(QLabel, "outcomeLabel").text()
    assert headline == texts.outcome_headline(op) and "45.00" in headline
    if lang == "zh_HK":
        assert headline != "Refunded — HKD 45.00 goes back to the customer"
        assert not any(c.isascii() and c.isalpha() for c in headline.replace("HKD", ""))
    else:
        assert headline == "Refunded — HKD 45.00 goes back to the customer"
    assert simulator.refunds_applied(syssn) == 1 and simulator.refunded_amount(syssn) == 4500
    assert not button.isVisible()  # nothing is offered twice
    qtbot.keyClick(window.lookup_input, Qt.Key.Key_Escape)
    assert window.stage == "idle"


def test_a_partial_refund_of_a_paid_payment_then_the_rest(qtbot, window, supervisor,
                                                          simulator, demo_orders):
    syssn = demo_orders["DEMO-REFUND-ME"]
    look_up(qtbot, window, "DEMO-REFUND-ME")
    button = window.findChild(QPushButton, "refundButton")
    amount = window.findChild(QLineEdit, "refundAmountInput")
    label = window.findChild(QLabel, "refundLabel")
    assert button.isVisible() and amount.text() == "68.00"
    assert "up to HKD 68.00 can be refunded" in label.text()
    assert not window.void_button.isVisible()
    amount.setText("70")
    click(qtbot, button)
    assert "Enter an amount from HKD 0.01 to HKD 68.00" in window.error_line.text()
    assert window.dialogs.find("supervisorDialog") is None
    amount.setText("20.50")
    click(qtbot, button)
    approve(qtbot, window, SUPERVISOR, SUPERVISOR_PIN, reason="Goods returned")
    d = dialog(qtbot, window, "confirmRefundDialog")
    click(qtbot, child(d, "confirmButton", QPushButton))
    qtbot.waitUntil(lambda: window.stage == "outcome", timeout=30_000)
    assert window.operation.outcome == "refunded" and window.operation.txamt == 2050
    assert "Refund number" in window.outcome_detail.text()
    # The same number again at once is typed, not scanned (a repeated scan is one lookup).
    window.lookup_input.setText("DEMO-REFUND-ME")
    with qtbot.waitSignal(window.lookup_shown, timeout=10_000):
        click(qtbot, window.lookup_button)
    assert "HKD 20.50 was already refunded; up to HKD 47.50" in label.text()
    assert amount.text() == "47.50"
    assert simulator.refunded_amount(syssn) == 2050


def test_cancelling_the_approval_sends_nothing(qtbot, window, supervisor, simulator,
                                               demo_orders):
    look_up(qtbot, window, "DEMO-REFUND-ME")
    click(qtbot, window.findChild(QPushButton, "refundButton"))
    d = dialog(qtbot, window, "supervisorDialog")
    qtbot.keyClick(d, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.dialogs.find("supervisorDialog") is None)
    assert window.stage == "transaction"
    assert simulator.refund_requests(demo_orders["DEMO-REFUND-ME"]) == 0


def test_nothing_is_offered_where_nothing_can_be_refunded(qtbot, window, demo_orders):
    for number in ("DEMO-REVERSE", "DEMO-REFUNDED", "DEMO-VOIDED", "DEMO-FAILED",
                   "DEMO-REFUND-REC"):
        look_up(qtbot, window, number)
        assert not window.findChild(QPushButton, "refundButton").isVisible(), number
        # Their own verdict line says why; the refund row adds nothing (and no English).
        assert not window.findChild(QWidget, "refundRow").isVisible(), number


def test_a_payment_too_old_to_refund_says_so_and_offers_nothing(qtbot, window, simulator):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    old = datetime.now(ZoneInfo("Asia/Hong_Kong")) - timedelta(days=40)
    order = simulator.create_order(respcd="0000", sysdtm=old, txdtm=old,
                                   out_trade_no="OLD-PAID-1")
    look_up(qtbot, window, order["syssn"])
    label = window.findChild(QLabel, "refundLabel")
    assert label.isVisible() and "too old to be refunded" in label.text()
    assert not window.findChild(QPushButton, "refundButton").isVisible()


def test_the_refund_slip_names_the_refund_and_prints_to_pdf(qtbot, window, supervisor,
                                                           demo_orders, tmp_path):
    from datetime import datetime

    from posrev.gui.slip import slip_html

    look_up(qtbot, window, "DEMO-REFUND-ME")
    click(qtbot, window.findChild(QPushButton, "refundButton"))
    approve(qtbot, window, SUPERVISOR, SUPERVISOR_PIN, reason="Goods returned")
    click(qtbot, child(dialog(qtbot, window, "confirmRefundDialog"), "confirmButton",
                       QPushButton))
    qtbot.waitUntil(lambda: window.stage == "outcome", timeout=30_000)
    op = window.operation
    assert op.outcome == "refunded"
    html = slip_html(op, terminal=window.app.udid, tz="Asia/Hong_Kong",
                     printed_at=datetime.now().astimezone(), env="DEMO")
    for text in ("REFUND SLIP", "HKD 68.00", op.orig_syssn, op.void_syssn,
                 op.refund_out_trade_no, "Refunded — HKD 68.00 goes back to the customer",
                 "Goods returned", SUPERVISOR, "nothing was refunded"):
        assert text in html, text
    assert "VOID SLIP" not in html and "Void number" not in html
    click(qtbot, window.print_button)
    d = dialog(qtbot, window, "printSlipDialog")
    target = tmp_path / "refund-slip.pdf"
    assert save_slip_as_pdf(qtbot, window, d, target).startswith(b"%PDF")
    assert pdf_page_sizes(target) == [pytest.approx(A6_POINTS, abs=2)]  # one A6 page


def test_a_refund_that_needs_a_supervisor_is_resolved_as_refunded_or_failed(
        qtbot, open_window, simulator, gui_home, credentials, demo_orders):
    from guihelp import CASHIER

    from posrev.app import App, AppOptions

    with App.open(AppOptions(base_url=simulator.base_url)) as app:
        app.supervisors.add_first(SUPERVISOR, "Sam Supervisor", SUPERVISOR_PIN)
        op = app.journal.create(orig_syssn=demo_orders["DEMO-REFUND-ME"],
                                out_trade_no="DEMO-REFUND-ME", action="refund", txamt=6800,
                                txcurrcd="HKD", txdtm="2026-11-26 10:00:00", pay_type="800108",
                                udid=app.udid, cashier=CASHIER, approver=SUPERVISOR,
                                refund_out_trade_no="RF-TEST-1", orig_txamt=6800)
        op = app.journal.transition(op, event="test.manual", state="needs_manual", sends=3,
                                    message="Not confirmed after 3 sends.")
    window = open_window("--base-url", simulator.base_url, "--cashier", CASHIER)
    qtbot.waitUntil(lambda: window.pending_button.isVisible())
    click(qtbot, window.pending_button)
    pending = child(window, "pendingWindow")
    qtbot.waitUntil(lambda: pending.model.rowCount() == 1)
    resolve = child(pending, "resolveButton", QPushButton)
    qtbot.waitUntil(resolve.isEnabled)
    click(qtbot, resolve)
    d = dialog(qtbot, window, "resolveDialog")
    assert d.findChild(QWidget, "resolve_voided") is None  # a refund is never "voided"
    assert d.findChild(QWidget, "resolve_refunded") is not None
    click(qtbot, child(d, "resolve_failed", QWidget))
    qtbot.keyClicks(child(d, "resolveNoteInput"), "Not in the merchant portal.")
    click(qtbot, child(d, "resolveContinueButton", QPushButton))
    approve(qtbot, window, SUPERVISOR, SUPERVISOR_PIN, "Other")
    qtbot.waitUntil(lambda: window.app.journal.get(op.op_id).state == "failed",
                    timeout=10_000)
    assert window.app.journal.events(op.op_id, "refund.resolved")


def test_the_journal_details_of_a_refund_name_its_own_numbers(qtbot, window, supervisor,
                                                             demo_orders):
    from posrev.gui.journal_view import details_text

    look_up(qtbot, window, "DEMO-REFUND-ME")
    click(qtbot, window.findChild(QPushButton, "refundButton"))
    approve(qtbot, window, SUPERVISOR, SUPERVISOR_PIN, reason="Goods returned")
    click(qtbot, child(dialog(qtbot, window, "confirmRefundDialog"), "confirmButton",
                       QPushButton))
    qtbot.waitUntil(lambda: window.stage == "outcome", timeout=30_000)
    op = window.operation
    text = details_text(op, window.app.journal.events(op.op_id), "Asia/Hong_Kong")
    for words in ("Refund number", op.void_syssn, "Refund order number",
                  op.refund_out_trade_no, "Amount paid", "HKD 68.00", "Refunded"):
        assert words in text, words
    assert "Void number" not in text


def test_a_refund_still_in_progress_can_be_left_to_the_background(qtbot, window, supervisor,
                                                                  simulator):
    order = simulator.create_order(respcd="0000", txamt=3300, out_trade_no="SLOW-REFUND-1")
    simulator.set_scenario(order["syssn"], refund_polls=1000)
    look_up(qtbot, window, "SLOW-REFUND-1")
    click(qtbot, window.findChild(QPushButton, "refundButton"))
    approve(qtbot, window, SUPERVISOR, SUPERVISOR_PIN, reason="Goods returned")
    click(qtbot, child(dialog(qtbot, window, "confirmRefundDialog"), "confirmButton",
                       QPushButton))
    progress = window.findChild(QLabel, "progressLabel")
    qtbot.waitUntil(lambda: "processing the refund" in progress.text(), timeout=20_000)
    assert "void" not in progress.text().lower()
    assert "Refunding…" in window.status_line.text()
    click(qtbot, window.findChild(QPushButton, "stopWaitingButton"))
    qtbot.waitUntil(lambda: window.stage == "outcome", timeout=20_000)
    assert window.findChild(QLabel, "outcomeLabel").text() == "Not confirmed yet"
    assert "refund is still being checked in the background" in window.outcome_detail.text()
    live = window.app.journal.live_for(order["syssn"])
    assert live is not None and live.kind == "refund"
    assert simulator.refunds_applied(order["syssn"]) == 1


def test_a_card_paid_today_offers_the_full_amount_only(qtbot, window, simulator):
    simulator.create_order(respcd="0000", pay_type="802801", txamt=5000,
                           out_trade_no="CARD-TODAY-1")
    look_up(qtbot, window, "CARD-TODAY-1")
    amount = window.findChild(QLineEdit, "refundAmountInput")
    assert amount.isVisible() and amount.isReadOnly() and amount.text() == "50.00"
    assert "in full only today" in window.findChild(QLabel, "refundLabel").text()


def test_a_paid_payment_picked_from_several_offers_the_refund(qtbot, window, simulator):
    from posrev.gui.qt import QListWidget

    first = simulator.create_order(respcd="0000", txamt=1200, out_trade_no="TWO-PAID-1")
    simulator.create_order(respcd="0000", txamt=3400, out_trade_no="TWO-PAID-1")
    look_up(qtbot, window, "TWO-PAID-1")
    assert window.stage == "candidates"
    candidates = window.findChild(QListWidget, "candidateList")
    row = next(i for i in range(candidates.count())
               if candidates.item(i).data(Qt.ItemDataRole.UserRole).syssn == first["syssn"])
    candidates.setCurrentRow(row)
    qtbot.keyClick(candidates, Qt.Key.Key_Return)
    button = window.findChild(QPushButton, "refundButton")
    qtbot.waitUntil(lambda: window.stage == "transaction" and button.isVisible(),
                    timeout=10_000)
    assert window.findChild(QLineEdit, "refundAmountInput").text() == "12.00"
