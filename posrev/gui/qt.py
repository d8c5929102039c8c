"""The one place posrev's GUI imports Qt (as Anki's ``aqt.qt``).

Every other module in ``posrev.gui`` does ``from posrev.gui.qt import ...``. Only QtCore,
QtGui and QtWidgets are loaded here; QtPrintSupport is loaded by :func:`print_support` when a
slip is printed, so start-up does not pay for it.
"""

# ruff: noqa: F401 - this module re-exports Qt names for the rest of posrev.gui
from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QElapsedTimer,
    QEvent,
    QLibraryInfo,
    QLocale,
    QModelIndex,
    QObject,
    QRegularExpression,
    QSize,
    Qt,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPageSize,
    QPainter,
    QPalette,
    QRegularExpressionValidator,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

PYSIDE_VERSION = PySide6.__version__
PYSIDE_DIR = Path(PySide6.__file__).parent  # Qt's tools (lrelease) ship here


def print_support():  # type: ignore[no-untyped-def]
    """QtPrintSupport, imported on first use (slips are rare; start-up should not pay)."""
    from PySide6 import QtPrintSupport

    return QtPrintSupport


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate``; pyside6-lupdate extracts calls spelled
    ``translate("Context", "literal")``."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's name, for lupdate
    """Marks ``text`` for extraction into ``context``; translated later with ``translate``."""
    return text


__all__ = [name for name in dir() if not name.startswith("_")]
