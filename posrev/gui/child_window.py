"""A window of its own opened from the cashier window (the pending list, the journal): Esc
closes it; it opens, and opens again, centred on the cashier window; its texts follow the
language; closing it gives the keys back to the lookup input."""

from __future__ import annotations

from typing import TYPE_CHECKING

from posrev.gui.qt import QEvent, QKeySequence, QShortcut, Qt, QWidget
from posrev.gui.style import STYLESHEET

if TYPE_CHECKING:
    from posrev.gui.session import Session


class ChildWindow(QWidget):
    def __init__(self, session: Session, name: str) -> None:
        super().__init__(session.window, Qt.WindowType.Window)
        self.setObjectName(name)
        self.session = session
        self.app = session.core
        self.setStyleSheet(STYLESHEET)

    def ready(self) -> None:
        """The window's widgets are built: Esc, its size and place, its texts."""
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)
        self.session.place_window(self)
        self.retranslate()

    def retranslate(self) -> None:
        """Sets every text in the current language (again after a language change)."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if not event.spontaneous():  # opened again (F2, F3): centred on the window once more
            self.session.centre(self)
        super().showEvent(event)

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().closeEvent(event)
        self.session.return_focus()
