"""A barcode scan that lands in the void confirmation: the scanner types a code and presses
Enter itself, so its Enter must never confirm the void on screen."""

from __future__ import annotations

from guihelp import click, dialog, look_up, no_dialog

from posrev.gui.qt import QLabel, QPushButton, Qt


def test_a_scan_into_the_confirmation_looks_the_code_up_and_sends_nothing(qtbot, window):
    look_up(qtbot, window, "DEMO-REVERSE")
    click(qtbot, window.findChild(QPushButton, "voidButton"))
    d = dialog(qtbot, window, "confirmVoidDialog")
    focused = d.focusWidget()
    assert focused is not None
    # The next customer's code, scanned while the question is on screen.
    with qtbot.waitSignal(window.lookup_shown, timeout=10_000):
        qtbot.keyClicks(focused, "DEMO-PAID")
        qtbot.keyClick(focused, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: no_dialog(window, "confirmVoidDialog"))
    assert window.stage == "transaction"
    assert "Refund it instead" in window.findChild(QLabel, "verdictLabel").text()
    assert window.lookup_input.text() == ""
    # Nothing was voided: DEMO-REVERSE still shows as reversible.
    look_up(qtbot, window, "DEMO-REVERSE")
    assert "can be reversed" in window.findChild(QLabel, "verdictLabel").text()


def test_enter_alone_still_confirms(qtbot, window):
    look_up(qtbot, window, "DEMO-REVERSE")
    click(qtbot, window.findChild(QPushButton, "voidButton"))
    d = dialog(qtbot, window, "confirmVoidDialog")
    qtbot.keyClick(d.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stage == "outcome", timeout=10_000)
    assert "Voided" in window.findChild(QLabel, "outcomeLabel").text()
