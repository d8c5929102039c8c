"""The window applies the core's input rules (issue 9, points 6 and 7): a bad profile never
becomes a path, and the cashier sign-in refuses what the CLI and the core refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from posrev.errors import InputError


@pytest.mark.parametrize("profile", ["../../../../x", "../x", "a/b", "x\n"])
def test_create_main_window_refuses_a_bad_profile_before_any_path(
        open_window, simulator, credentials, gui_home: str, tmp_path: Path,
        profile: str) -> None:
    before = set(tmp_path.parent.rglob("*"))
    with pytest.raises(InputError, match="profile name"):
        open_window("--base-url", simulator.base_url, "--profile", profile)
    assert set(tmp_path.parent.rglob("*")) - before == set()


def test_create_main_window_refuses_a_bad_cashier(open_window, simulator, credentials) -> None:
    with pytest.raises(InputError, match="cashier ID"):
        open_window("--base-url", simulator.base_url, "--cashier", "C1\x1b[2J")


def test_sign_in_refuses_what_the_core_refuses(qtbot, open_window, simulator,
                                               credentials) -> None:
    from guihelp import child, click, dialog

    from posrev.gui.qt import QLabel, QLineEdit, QPushButton

    window = open_window("--base-url", simulator.base_url)
    window.cashier_button.click()
    d = dialog(qtbot, window, "signInDialog")
    field = child(d, "cashierIdInput", QLineEdit)
    field.setText("C1\x1b[31m")  # pasted: a keyboard cannot type it
    click(qtbot, child(d, "signInButton", QPushButton))
    error = child(d, "signInError", QLabel)
    qtbot.waitUntil(error.isVisible)
    assert "cashier ID" in error.text() and d.isVisible()
    assert window.cashier == ""
    field.setText("C042")
    click(qtbot, child(d, "signInButton", QPushButton))
    qtbot.waitUntil(lambda: not d.isVisible())
    assert window.cashier == "C042"
