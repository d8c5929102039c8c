"""Where the file chooser opens for a slip or a journal export: a folder the user can write,
never the folder posrev was started from (on Windows that is often the install folder)."""

from __future__ import annotations

import os
from pathlib import Path

from guihelp import child, click, open_slip_dialog

from posrev.gui.qt import QPushButton, QtWidgets


def test_the_slip_chooser_suggests_a_writable_folder_not_the_start_folder(
        qtbot, window, tmp_path, monkeypatch):
    start = tmp_path / "install"
    start.mkdir()
    monkeypatch.chdir(start)
    asked: list[str] = []

    def chooser(parent, caption, suggested, filters):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return "", ""  # the cashier cancels

    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", staticmethod(chooser))
    d = open_slip_dialog(qtbot, window)
    click(qtbot, child(d, "pdfButton", QPushButton))
    qtbot.waitUntil(lambda: bool(asked))
    suggested = Path(asked[0])
    assert suggested.is_absolute(), suggested
    assert suggested.name.startswith("void-slip-") and suggested.suffix == ".pdf"
    assert suggested.parent != start
    assert suggested.parent.is_dir() and os.access(suggested.parent, os.W_OK)
