"""A barcode scan that lands in the void confirmation: the scanner types a code and presses
Enter itself, so its Enter must never confirm the void on screen."""

from __future__ import annotations

import pytest
from guihelp import child, click, dialog, look_up, no_dialog

from posrev.gui.qt import QApplication, QComboBox, QLabel, QLineEdit, QPushButton, Qt, QWidget


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


def _scan_into_focus(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    """A scanner types into whatever has the keyboard focus, then presses Enter."""
    qtbot.keyClicks(window.focusWidget(), text)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen popups
def test_a_scan_after_choosing_the_language_with_the_mouse_is_looked_up(qtbot, window):
    combo = window.findChild(QComboBox, "languageCombo")
    assert window.focusWidget() is window.lookup_input
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)  # the cashier opens the list...
    qtbot.waitUntil(lambda: combo.view().isVisible())
    combo.setCurrentIndex(combo.findData("zh_HK"))  # ...and picks a language
    combo.hidePopup()
    qtbot.waitUntil(lambda: not combo.view().isVisible())
    with qtbot.waitSignal(window.lookup_shown, timeout=10_000):
        _scan_into_focus(qtbot, window, "DEMO-PAID")
    assert combo.currentData() == "zh_HK"  # the scan's letters did not pick another language
    assert window.lookup_input.text() == ""
    combo.setCurrentIndex(combo.findData("en"))


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen popups
def test_a_scan_after_clicking_a_button_or_the_mode_list_is_looked_up(qtbot, window):
    for name, number in (("lookupModeCombo", "DEMO-VOIDED"), ("journalButton", "DEMO-PAID"),
                         ("lookupButton", "DEMO-VOIDED")):
        widget = window.findChild(QWidget, name)
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        if isinstance(widget, QComboBox):
            widget.hidePopup()
        for w in QApplication.topLevelWidgets():  # the journal window, if it opened
            if w.objectName() == "journalWindow" and w.isVisible():
                w.close()
        window.activateWindow()
        qtbot.waitUntil(lambda: window.isActiveWindow())
        with qtbot.waitSignal(window.lookup_shown, timeout=10_000):
            _scan_into_focus(qtbot, window, number)
        assert window.focusWidget() is window.lookup_input, name
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus  # Tab still reaches it


def test_enter_in_a_settings_field_never_opens_add_a_supervisor(qtbot, window, supervisor):
    from test_misreads import _settings

    d = _settings(qtbot, window)
    add = child(d, "addSupervisorButton", QPushButton)
    udid = child(d, "settingsUdid", QLineEdit)
    add.setFocus()  # tabbing past it (or the window placing the focus there) once
    qtbot.waitUntil(lambda: d.focusWidget() is add)
    udid.setFocus()
    qtbot.waitUntil(lambda: d.focusWidget() is udid)
    qtbot.keyClick(udid, Qt.Key.Key_Return)
    assert window.dialogs.find("addSupervisorDialog") is None
    assert not any(type(o).__name__ == "NewSupervisorDialog" for o in window.dialogs.opened)


def test_the_payment_picker_shows_whole_rows_at_1024_wide(qtbot, window):
    from posrev.gui.qt import QListWidget

    window.resize(1024, 740)
    look_up(qtbot, window, "DEMO-TWICE")
    rows = window.findChild(QListWidget, "candidateList")
    qtbot.waitUntil(lambda: rows.isVisible())
    assert not rows.horizontalScrollBar().isVisible()
    for i in range(rows.count()):
        # Each row fits the list's width: its status (the end of the row) is on screen.
        rect = rows.visualItemRect(rows.item(i))
        assert rect.right() <= rows.viewport().width(), (i, rect)
