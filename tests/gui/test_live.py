"""The window shows what happens to a void after the cashier stops watching it: the core's one
"operation changed" event (background resumer, another process sharing the journal)."""

from __future__ import annotations

from guihelp import child, click, confirm, look_up, outcome_text, wait_outcome

from posrev.app import App, AppOptions
from posrev.gui.qt import QFrame, QLabel, QPushButton, Qt

VOIDED = "Voided — the customer will not be charged"
NOT_YET = "Not confirmed yet"


def _handed_over(qtbot, window, simulator, txamt: int) -> dict:  # type: ignore[no-untyped-def]
    """A void the gateway says is "processing" for three more checks (like DEMO-SLOW, each
    check 3 s apart); the cashier presses Stop waiting at once and the window says "Not
    confirmed yet"."""
    order = simulator.create_order(pay_type="800108", txamt=txamt, respcd="1143")
    simulator.set_scenario(order["syssn"], in_progress_polls=3)
    look_up(qtbot, window, order["syssn"])
    click(qtbot, window.void_button)
    confirm(qtbot, window)
    qtbot.waitUntil(lambda: "processing" in window.progress_label.text(), timeout=10_000)
    click(qtbot, window.stop_button)
    wait_outcome(qtbot, window, NOT_YET, timeout=20_000)
    qtbot.waitUntil(lambda: window.pending_button.text() == "Pending (1)")
    return order


def test_the_outcome_panel_follows_when_the_background_resumer_settles_it(qtbot, window,
                                                                         simulator):
    order = _handed_over(qtbot, window, simulator, 4200)
    # No click: the background resumer's checks settle it and the panel follows.
    qtbot.waitUntil(lambda: outcome_text(window) == VOIDED, timeout=20_000)
    assert window.stage == "outcome"
    assert "HKD 42.00 is cancelled" in window.outcome_detail.text()
    qtbot.waitUntil(lambda: window.pending_button.text() == "Pending (0)")
    # The panel itself is the news: no second notice about the same payment.
    assert not window.findChild(QFrame, "backgroundNotice").isVisible()
    assert simulator.voids_applied(order["syssn"]) == 1


def test_a_background_outcome_is_announced_once_the_cashier_has_moved_on(qtbot, window,
                                                                        simulator):
    order = _handed_over(qtbot, window, simulator, 4300)
    qtbot.keyClick(window.lookup_input, Qt.Key.Key_Escape)
    look_up(qtbot, window, "DEMO-PAID")  # the next customer
    notice = window.findChild(QFrame, "backgroundNotice")
    assert not notice.isVisible()
    qtbot.waitUntil(notice.isVisible, timeout=20_000)  # the resumer settles it meanwhile
    assert notice.isVisible()
    text = notice.findChild(QLabel, "backgroundNoticeLabel").text()
    assert "HKD 43.00" in text and order["syssn"] in text and VOIDED in text
    # Non-modal: the payment on screen stays, and the next scan still goes to the input.
    assert window.stage == "transaction" and "HKD 30.00" in window.amount_label.text()
    assert window.focusWidget() is window.lookup_input
    qtbot.waitUntil(lambda: window.pending_button.text() == "Pending (0)")
    click(qtbot, notice.findChild(QPushButton, "backgroundNoticeCloseButton"))
    assert not notice.isVisible()


def test_a_void_settled_by_another_process_on_the_same_journal_shows_at_once(qtbot, window,
                                                                            simulator):
    order = _handed_over(qtbot, window, simulator, 4400)
    assert window.app.journal.live_for(order["syssn"]) is not None
    op_id = window.operation.op_id
    window.app.stop_background()  # only the other process checks it from now on
    other = App.open(AppOptions(base_url=simulator.base_url))  # same POSREV_HOME, same journal
    try:
        assert other.journal.path == window.app.journal.path
        assert other.recheck(op_id).state == "voided"
    finally:
        other.close()
    qtbot.waitUntil(lambda: outcome_text(window) == VOIDED, timeout=10_000)
    qtbot.waitUntil(lambda: window.pending_button.text() == "Pending (0)")


def test_a_scan_is_taken_the_moment_the_window_paints(qtbot, simulator, credentials,
                                                      demo_orders):
    """As ``posrev`` starts: the window paints, then the core opens on a worker; a scan made
    in between is taken at once (the input empties for the next one) and looked up when the
    core is there."""
    from posrev.gui.main_window import MainWindow

    window = MainWindow(None, cashier="C001")
    qtbot.addWidget(window)
    window.after_first_paint(lambda: window.open_core(AppOptions(base_url=simulator.base_url)))
    events: list[str] = []
    window.scan_accepted.connect(lambda raw: events.append("accepted " + raw))
    window.core_ready.connect(lambda: events.append("core"))
    try:
        window.show()
        qtbot.waitExposed(window)
        with qtbot.waitSignal(window.lookup_shown, timeout=10_000):
            window.lookup_input.setFocus()
            qtbot.keyClicks(window.lookup_input, "DEMO-REVERSE")
            qtbot.keyClick(window.lookup_input, Qt.Key.Key_Return)
            assert window.lookup_input.text() == ""
            assert events[0] == "accepted DEMO-REVERSE"
            if window.app is None:  # the usual case: the core is still opening
                assert "DEMO-REVERSE will be looked up" in window.status_line.text()
        assert "can be reversed" in window.verdict_label.text()
        assert events.count("accepted DEMO-REVERSE") == 1 and "core" in events
    finally:
        window.shutdown()


def test_the_open_pending_list_follows_a_void_settled_in_the_background(qtbot, window,
                                                                       simulator):
    order = _handed_over(qtbot, window, simulator, 4500)
    click(qtbot, window.pending_button)
    pending = child(window, "pendingWindow")
    qtbot.waitUntil(lambda: pending.model.rowCount() == 1)
    assert pending.model.operation(0).orig_syssn == order["syssn"]
    # No click anywhere: the resumer settles it and the list drops it.
    qtbot.waitUntil(lambda: pending.model.rowCount() == 0, timeout=20_000)
    qtbot.waitUntil(lambda: window.pending_button.text() == "Pending (0)")
