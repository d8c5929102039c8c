"""The one service that opens every dialog that asks the user something.

Dialogs are opened window-modal with ``open()`` (no nested event loop): the answer arrives
through a callback, the window keeps painting and its workers keep reporting, and a test
answers a dialog by finding it by objectName and clicking, as a person would. File choosers,
which are native and blocking, go through :meth:`DialogService.choose_save_file`, which a test
answers in advance with :meth:`DialogService.answer_next`.
"""

from __future__ import annotations

import os
import tempfile
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Qt's classes load on first use: the cashier window paints sooner
    from posrev.gui.qt import QDialog, QWidget


class DialogService:
    """Opens every dialog that asks something; tests read ``opened`` and pre-answer choosers."""

    def __init__(self) -> None:
        self._answers: deque[Any] = deque()
        self.opened: list[QDialog] = []
        self._last_folder = ""  # where the user last saved a file, offered next time

    def answer_next(self, value: Any) -> None:
        """Tests: the next blocking chooser returns ``value`` instead of asking."""
        self._answers.append(value)

    def open(self, dialog: QDialog, on_accept: Callable[[], None] | None = None,
             on_reject: Callable[[], None] | None = None) -> QDialog:
        from posrev.gui.qt import QDialog

        def finished(code: int) -> None:
            if dialog in self.opened:
                self.opened.remove(dialog)
            handler = on_accept if code == QDialog.DialogCode.Accepted else on_reject
            if handler is not None:
                handler()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        self.opened.append(dialog)
        from posrev.gui.qt import Qt

        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        fit_height(dialog)
        return dialog

    def find(self, object_name: str) -> QDialog | None:
        return next((d for d in self.opened if d.objectName() == object_name), None)

    def choose_save_file(self, parent: QWidget, caption: str, suggested: str,
                         filters: str) -> str | None:
        if self._answers:
            return self._answers.popleft()
        from posrev.gui.qt import QFileDialog

        if not os.path.isabs(suggested):  # never the folder posrev was started from
            suggested = os.path.join(self._last_folder or save_folder(), suggested)
        path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
        if path:
            self._last_folder = os.path.dirname(path)
        return path or None

    def tell(self, parent: QWidget, title: str, text: str, *, warning: bool = False) -> QDialog:
        """A message the user acknowledges (non-blocking)."""
        from posrev.gui.qt import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
                          title, text, QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("messageBox")
        return self.open(box)


def save_folder() -> str:
    """The folder a file chooser opens in: the user's Documents folder, else their home,
    else the temporary folder (the first that exists and can be written). The folder posrev
    was started from is often its install folder, which a cashier cannot write."""
    from posrev.gui.qt import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for folder in (documents, os.path.expanduser("~"), tempfile.gettempdir()):
        if folder and os.path.isdir(folder) and os.access(folder, os.W_OK):
            return folder
    return tempfile.gettempdir()


def fit_height(dialog: QWidget) -> None:
    """Give a dialog the height its wrapped texts need at its width: Qt sizes a top-level
    window by its size hint, which ignores height-for-width, and would squeeze the rest."""
    layout = dialog.layout()
    if layout is not None and layout.hasHeightForWidth():
        width = max(dialog.width(), dialog.minimumWidth())
        dialog.resize(width, max(dialog.height(), layout.totalHeightForWidth(width)))
