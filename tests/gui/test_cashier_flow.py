"""The cashier flow of DESIGN.md §8, as the cashier sees it, against the real simulator."""

from __future__ import annotations

import pytest
from guihelp import SLOW, approve, child, click, confirm, dialog, look_up, scan, wait_outcome

from posrev.gui.qt import QLabel, QListWidget, QPushButton, Qt, QWidget

VOIDED = "Voided — the customer will not be charged"
REFUND = "Payment completed — refund it instead"
NOT_YET = "Not confirmed yet"

# number -> (words the verdict must say, the one button shown?)
VERDICTS = {
    "DEMO-REVERSE": ("This unfinished payment of HKD 25.00 can be reversed.", True),
    "DEMO-CLOSE": ("This unfinished payment of HKD 48.00 can be closed.", True),
    "DEMO-BIG": ("A supervisor must approve: the amount is at or over the supervisor "
                 "threshold.", True),
    "DEMO-LATE": ("A supervisor must approve: the payment is older than the late-void limit.",
                  True),
    "DEMO-PAID": ("The customer has paid HKD 30.00; it cannot be voided. Refund it instead",
                  False),
    "DEMO-VOIDED": ("is already voided; the customer will not be charged.", False),
    "DEMO-REFUNDED": ("was already refunded or finished", False),
    "DEMO-REFUND-REC": ("This is a refund record, not a payment", False),
    "DEMO-FAILED": ("This payment failed (the customer's payment code was wrong or expired "
                    "(1202)); the customer was not charged.", False),
    "DEMO-OTHERWALLET": ("cannot be voided here; contact QFPay support.", False),
    "DEMO-OLD": ("older than 24 hours and can no longer be voided here.", False),
    "NO-SUCH-ORDER-42": ("No payment with this number was found.", False),
}


def test_every_object_name_of_the_contract_exists(window):
    names = ["envBadge", "terminalLabel", "cashierLabel", "lookupInput", "lookupButton",
             "transactionPanel", "amountLabel", "verdictLabel", "voidButton", "progressPanel",
             "progressLabel", "stopWaitingButton", "outcomeLabel", "newLookupButton",
             "pendingButton", "journalButton", "settingsButton"]
    missing = [n for n in names if window.findChild(QWidget, n) is None]
    assert missing == []
    assert window.findChild(QLabel, "envBadge").text() == "SIMULATOR"  # loopback, not --demo
    assert window.findChild(QLabel, "cashierLabel").text() == "Cashier C001"
    assert window.app.udid in window.findChild(QLabel, "terminalLabel").text()
    assert window.focusWidget() is window.lookup_input


def test_each_verdict_is_shown_in_words_with_the_right_button(qtbot, window):
    for number, (words, can_void) in VERDICTS.items():
        look_up(qtbot, window, number)
        verdict = window.findChild(QLabel, "verdictLabel")
        button = window.findChild(QPushButton, "voidButton")
        assert window.findChild(QWidget, "transactionPanel").isVisible(), number
        assert words in verdict.text(), (number, verdict.text())
        assert verdict.isVisible()
        assert button.isVisible() is can_void, number
        assert window.focusWidget() is window.lookup_input, number
    # A failed payment offers the supervisor's forced void, nothing else.
    look_up(qtbot, window, "DEMO-FAILED")
    assert window.findChild(QPushButton, "forceVoidButton").isVisible()


def test_verdict_colours_differ_by_meaning(qtbot, window):
    styles = {}
    for number in ("DEMO-REVERSE", "DEMO-BIG", "DEMO-PAID", "DEMO-OLD"):
        look_up(qtbot, window, number)
        styles[number] = window.verdict_label.styleSheet()
    assert len(set(styles.values())) == 4


def test_several_payments_for_one_number_let_the_cashier_pick(qtbot, window):
    look_up(qtbot, window, "DEMO-TWICE")
    assert window.stage == "candidates"
    candidates = window.findChild(QListWidget, "candidateList")
    assert candidates.count() == 2
    assert all("HKD 19.00" in candidates.item(i).text() for i in range(2))
    candidates.setFocus()
    candidates.setCurrentRow(1)
    qtbot.keyClick(candidates, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stage == "transaction")
    assert "can be reversed" in window.verdict_label.text()


def test_reversal_ends_voided_after_a_confirmation_that_repeats_the_amount(qtbot, window,
                                                                            simulator,
                                                                            demo_orders):
    look_up(qtbot, window, "DEMO-REVERSE")
    assert window.amount_label.text() == "HKD 25.00"
    assert window.void_button.text().replace("&", "") == "Reverse this payment"
    click(qtbot, window.void_button)
    d = dialog(qtbot, window, "confirmVoidDialog")
    assert child(d, "confirmAmountLabel", QLabel).text() == "HKD 25.00"
    assert "HKD 25.00" in child(d, "confirmButton", QPushButton).text()
    click(qtbot, child(d, "confirmButton", QPushButton))
    wait_outcome(qtbot, window, VOIDED)
    assert window.findChild(QPushButton, "newLookupButton").isVisible()
    assert simulator.voids_applied(demo_orders["DEMO-REVERSE"]) == 1
    # Enter on the empty input is "New lookup".
    qtbot.keyClick(window.lookup_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stage == "idle")
    assert not window.transaction_panel.isVisible()
    assert window.focusWidget() is window.lookup_input


def test_close_ends_voided(qtbot, window, simulator, demo_orders):
    look_up(qtbot, window, "DEMO-CLOSE")
    assert window.void_button.text().replace("&", "") == "Close this order"
    click(qtbot, window.void_button)
    confirm(qtbot, window)
    wait_outcome(qtbot, window, VOIDED)
    assert simulator.voids_applied(demo_orders["DEMO-CLOSE"]) == 1
    click(qtbot, window.new_lookup_button)
    assert window.stage == "idle" and window.focusWidget() is window.lookup_input


def test_cancelling_the_confirmation_sends_nothing(qtbot, window, simulator, demo_orders):
    look_up(qtbot, window, "DEMO-REVERSE")
    click(qtbot, window.void_button)
    d = dialog(qtbot, window, "confirmVoidDialog")
    qtbot.keyClick(d, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.dialogs.find("confirmVoidDialog") is None)
    assert window.stage == "transaction"
    assert simulator.void_requests(demo_orders["DEMO-REVERSE"]) == 0


def test_polling_is_visible_then_the_outcome_is_final(qtbot, window, simulator):
    order = simulator.create_order(pay_type="800108", txamt=3100, respcd="1143")
    simulator.set_scenario(order["syssn"], in_progress_polls=1)
    look_up(qtbot, window, order["syssn"])
    click(qtbot, window.void_button)
    confirm(qtbot, window)
    qtbot.waitUntil(lambda: window.progress_panel.isVisible()
                    and "processing" in window.progress_label.text(), timeout=10_000)
    text = window.progress_label.text()
    assert "The gateway is processing the void" in text
    assert "Check " in text and "elapsed" in text
    qtbot.waitUntil(lambda: "next check in" in window.progress_label.text(), timeout=5_000)
    assert window.findChild(QPushButton, "stopWaitingButton").isVisible()
    assert not window.lookup_button.isEnabled()
    wait_outcome(qtbot, window, VOIDED)
    assert not window.progress_panel.isVisible()


def test_stop_waiting_leaves_it_pending_and_the_pending_list_resumes_it(qtbot, window,
                                                                      simulator):
    order = simulator.create_order(pay_type="800108", txamt=4100, respcd="1143")
    simulator.set_scenario(order["syssn"], in_progress_polls=3)
    look_up(qtbot, window, order["syssn"])
    click(qtbot, window.void_button)
    confirm(qtbot, window)
    qtbot.waitUntil(lambda: "processing" in window.progress_label.text(), timeout=10_000)
    click(qtbot, window.stop_button)
    wait_outcome(qtbot, window, NOT_YET, timeout=20_000)
    assert "pending list" in window.outcome_detail.text()
    qtbot.waitUntil(lambda: window.pending_button.text().startswith("Pending (1)"))

    click(qtbot, window.pending_button)
    pending = child(window, "pendingWindow")
    qtbot.waitUntil(lambda: pending.model.rowCount() == 1)
    assert pending.model.operation(0).orig_syssn == order["syssn"]
    recheck = child(pending, "recheckButton", QPushButton)
    qtbot.waitUntil(recheck.isEnabled)
    click(qtbot, recheck)
    status = child(pending, "pendingStatusLabel", QLabel)
    qtbot.waitUntil(lambda: VOIDED in status.text(), timeout=SLOW)
    qtbot.waitUntil(lambda: pending.model.rowCount() == 0)
    qtbot.waitUntil(lambda: window.pending_button.text().startswith("Pending (0)"))
    assert simulator.voids_applied(order["syssn"]) == 1


def test_the_pending_list_words_a_re_check_as_the_window_words_a_void(qtbot, window,
                                                                       simulator):
    # One rendering of a check in progress for both: its state, the check's number, the
    # time elapsed and the next check.
    order = simulator.create_order(pay_type="800108", txamt=4200, respcd="1143")
    simulator.set_scenario(order["syssn"], in_progress_polls=40)
    look_up(qtbot, window, order["syssn"])
    click(qtbot, window.void_button)
    confirm(qtbot, window)
    qtbot.waitUntil(lambda: "elapsed" in window.progress_label.text(), timeout=10_000)
    in_window = window.progress_label.text()
    click(qtbot, window.stop_button)
    wait_outcome(qtbot, window, NOT_YET, timeout=20_000)

    click(qtbot, window.pending_button)
    pending = child(window, "pendingWindow")
    qtbot.waitUntil(lambda: pending.model.rowCount() == 1)
    recheck = child(pending, "recheckButton", QPushButton)
    qtbot.waitUntil(recheck.isEnabled)
    click(qtbot, recheck)
    status = child(pending, "pendingStatusLabel", QLabel)
    qtbot.waitUntil(lambda: "elapsed" in status.text(), timeout=10_000)
    state, checks = status.text().split("   ·   ", 1)
    assert state == in_window.split("\n")[0]  # the state in the same words
    assert checks.startswith("Check ") and " elapsed" in checks
    click(qtbot, recheck)  # "Stop checking": it stays pending
    qtbot.waitUntil(lambda: recheck.text() == "&Re-check now", timeout=SLOW)


def test_customer_who_pays_first_is_told_to_refund(qtbot, window):
    look_up(qtbot, window, "DEMO-PAYS")
    click(qtbot, window.void_button)
    confirm(qtbot, window)
    wait_outcome(qtbot, window, REFUND)
    assert "refund" in window.outcome_detail.text()


def test_an_unreachable_gateway_fails_saying_nothing_was_sent(qtbot, window, simulator):
    look_up(qtbot, window, "DEMO-REVERSE")
    simulator.stop()  # the network goes down between the lookup and the void
    click(qtbot, window.void_button)
    confirm(qtbot, window)
    wait_outcome(qtbot, window, "Failed: the gateway could not be reached; nothing was sent")
    assert window.connection_label.text().endswith("Gateway: unreachable")


def test_scanner_input_with_a_prefix_and_a_trailing_enter(qtbot, window):
    # A scanner in keyboard mode types spaces around the code and sends Enter itself.
    with qtbot.waitSignal(window.lookup_shown, timeout=10_000):
        scan(qtbot, window, "   DEMO-REVERSE  ")
    assert window.numbers_label.text().endswith("Order number DEMO-REVERSE")
    assert window.lookup_input.text() == ""
    # One that inserts a control-character prefix and a CR before its Enter.
    window.lookup_input.setText("\x02DEMO-CLOSE\r")
    with qtbot.waitSignal(window.lookup_shown, timeout=10_000):
        qtbot.keyClick(window.lookup_input, Qt.Key.Key_Enter)
    assert window.numbers_label.text().endswith("Order number DEMO-CLOSE")
    assert "can be closed" in window.verdict_label.text()


def test_empty_and_duplicate_scans_are_ignored(qtbot, window):
    looked = []
    window.lookup_shown.connect(looked.append)
    with qtbot.assertNotEmitted(window.lookup_shown, wait=200):
        scan(qtbot, window, "   ")
    assert window.stage == "idle"
    with qtbot.waitSignal(window.lookup_shown, timeout=10_000):
        scan(qtbot, window, "DEMO-REVERSE")
        scan(qtbot, window, "DEMO-REVERSE")  # the same scan again within a second
    with qtbot.assertNotEmitted(window.lookup_shown, wait=300):
        pass
    assert len(looked) == 1


@pytest.mark.parametrize("entry, mode, reason", [
    ("ABC DEF", 0, "Order numbers can't contain spaces."),
    ("2026ABC", 1, "QFPay numbers are digits only."),
    ("X" * 129, 0, "Too long: at most 128 characters."),
])
def test_a_bad_number_is_refused_before_any_request_with_a_plain_reason(
        qtbot, window, simulator, entry, mode, reason):
    before = len(simulator.requests)
    window.mode_combo.setCurrentIndex(mode)
    scan(qtbot, window, entry)
    qtbot.waitUntil(window.error_line.isVisible)
    shown = entry if len(entry) <= 48 else entry[:45] + "…"
    assert window.error_line.text() == f"Not looked up: “{shown}”. {reason}"
    assert "ASCII" not in window.error_line.text()
    assert window.lookup_input.text() == ""  # ready for the next scan
    assert not window.status_line.isVisible() or window.status_line.text() == ""
    assert len(simulator.requests) == before


def test_a_repeated_scan_is_one_lookup_and_leaves_the_input_empty(qtbot, window):
    looked = []
    window.lookup_shown.connect(looked.append)
    with qtbot.waitSignal(window.lookup_shown, timeout=10_000):
        scan(qtbot, window, "DEMO-PAID")
        scan(qtbot, window, "DEMO-PAID")  # the scanner fires twice within a second
    assert window.lookup_input.text() == ""
    # The next scan is not joined to a leftover copy ("DEMO-PAIDDEMO-VOIDED").
    with qtbot.waitSignal(window.lookup_shown, timeout=10_000):
        scan(qtbot, window, "DEMO-VOIDED")
    assert window.numbers_label.text().endswith("Order number DEMO-VOIDED")
    assert len(looked) == 2


def test_escape_goes_back_to_a_new_lookup(qtbot, window):
    look_up(qtbot, window, "DEMO-PAID")
    qtbot.keyClick(window.lookup_input, Qt.Key.Key_Escape)
    assert window.stage == "idle" and not window.transaction_panel.isVisible()


@pytest.mark.parametrize("reason", ["Customer left without paying"])
def test_supervisor_approval_then_void(qtbot, window, supervisor, reason):
    look_up(qtbot, window, "DEMO-BIG")
    assert "(supervisor)" in window.void_button.text()
    click(qtbot, window.void_button)
    approve(qtbot, window, supervisor, "246810", reason)
    qtbot.waitUntil(lambda: window.dialogs.find("supervisorDialog") is None)
    confirm_dialog = dialog(qtbot, window, "confirmVoidDialog")
    assert "S001" in " ".join(lbl.text() for lbl in confirm_dialog.findChildren(QLabel))
    click(qtbot, child(confirm_dialog, "confirmButton", QPushButton))
    wait_outcome(qtbot, window, VOIDED)
    assert "Approved by S001" in window.outcome_detail.text()


def test_wrong_pin_is_refused_and_the_dialog_stays(qtbot, window, supervisor):
    look_up(qtbot, window, "DEMO-BIG")
    click(qtbot, window.void_button)
    d = approve(qtbot, window, supervisor, "111111")
    error = child(d, "supervisorError", QLabel)
    qtbot.waitUntil(lambda: "Wrong PIN" in error.text())
    assert d.isVisible()
    assert child(d, "supervisorPinInput").text() == ""
    assert window.dialogs.find("confirmVoidDialog") is None


def test_five_wrong_pins_lock_the_supervisor(qtbot, window, supervisor):
    look_up(qtbot, window, "DEMO-BIG")
    click(qtbot, window.void_button)
    d = dialog(qtbot, window, "supervisorDialog")
    error = child(d, "supervisorError", QLabel)
    for attempt in range(5):
        approve(qtbot, window, supervisor, "11111" + str(attempt))
        qtbot.waitUntil(lambda: child(d, "supervisorApproveButton", QPushButton).isEnabled())
    assert "locked" in error.text()
    approve(qtbot, window, supervisor, "246810")  # the right PIN no longer helps
    qtbot.waitUntil(lambda: child(d, "supervisorApproveButton", QPushButton).isEnabled())
    # Said as the supervisor's lock (the core's code "locked"), never as the keyring's.
    assert error.text().startswith("Supervisor S001 is locked after 5 wrong PINs until "), \
        error.text()
    assert "keyring" not in error.text()
    assert window.dialogs.find("confirmVoidDialog") is None


def test_the_cashier_cannot_approve_their_own_void(qtbot, window):
    window.app.supervisors.add_first("C001", "Casey, cashier and supervisor", "135790")
    look_up(qtbot, window, "DEMO-BIG")
    click(qtbot, window.void_button)
    d = approve(qtbot, window, "C001", "135790")
    error = child(d, "supervisorError", QLabel)
    qtbot.waitUntil(lambda: "cannot approve their own" in error.text())
    assert window.dialogs.find("confirmVoidDialog") is None


def test_pin_pad_types_into_the_pin_field(qtbot, window, supervisor):
    look_up(qtbot, window, "DEMO-BIG")
    click(qtbot, window.void_button)
    d = dialog(qtbot, window, "supervisorDialog")
    for key in "2468":
        click(qtbot, child(d, f"pinPad_{key}", QPushButton))
    click(qtbot, child(d, "pinPad_back", QPushButton))
    assert child(d, "supervisorPinInput").text() == "246"
    click(qtbot, child(d, "pinPad_clear", QPushButton))
    assert child(d, "supervisorPinInput").text() == ""


def test_outside_the_demo_a_cashier_cannot_create_the_approving_supervisor(qtbot, window):
    look_up(qtbot, window, "DEMO-BIG")
    click(qtbot, window.void_button)
    qtbot.waitUntil(lambda: "No supervisor is set up" in window.error_line.text())
    assert window.error_line.isVisible()
    assert not window.app.supervisors.has_supervisors()


def test_in_the_demo_the_first_supervisor_is_created_then_approves(qtbot, open_window,
                                                                    credentials):
    window = open_window("--demo", "--cashier", "C001")
    qtbot.waitUntil(lambda: window.app is not None, timeout=10_000)
    look_up(qtbot, window, "DEMO-BIG")
    click(qtbot, window.void_button)
    d = dialog(qtbot, window, "addSupervisorDialog")
    assert "No supervisor is set up" in child(d, "addSupervisorIntro", QLabel).text()
    qtbot.keyClicks(child(d, "newSupervisorIdInput"), "S777")
    qtbot.keyClicks(child(d, "newSupervisorNameInput"), "Morgan")
    qtbot.keyClicks(child(d, "newSupervisorPinInput"), "864200")
    qtbot.keyClicks(child(d, "newSupervisorPin2Input"), "864200")
    click(qtbot, child(d, "addSupervisorButton", QPushButton))
    approve(qtbot, window, "S777", "864200")
    confirm(qtbot, window)
    wait_outcome(qtbot, window, VOIDED)
    assert "Approved by S777" in window.outcome_detail.text()
