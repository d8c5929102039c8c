"""The one place posrev's GUI imports Qt (as Anki's ``aqt.qt``).

Every other module in ``posrev.gui`` does ``from posrev.gui.qt import QLabel, ...``. Names
resolve on first use from QtCore, QtGui and QtWidgets (PEP 562 ``__getattr__``), so start-up
pays only for the Qt classes the first window uses; QtPrintSupport is loaded by
:func:`print_support` when a slip is printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import PySide6
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QCoreApplication, QObject

PYSIDE_VERSION = PySide6.__version__


def _immortalise_singletons() -> bool:
    """Work around a reference-count defect of the PySide6 build on CPython < 3.12.

    PySide6-Essentials 6.12 (abi3 wheel) returns ``None`` from void methods, and passes
    ``None``/``True``/``False`` to Python slots, without taking a reference, on CPython 3.11:
    every ``label.setText(...)`` drops one reference to ``None``. A window used all day then
    dies with "Fatal Python error: none_dealloc" (or ``bool_dealloc``), mid-shift or at exit.
    CPython 3.12 made these singletons immortal (PEP 683) and the defect invisible; here they
    are given a reference count no session can exhaust. Applied only when a probe shows the
    defect, so a fixed PySide6 runs untouched.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("probe")
    if before - sys.getrefcount(None) < 64:
        return False
    import ctypes

    for singleton in (None, True, False):  # ob_refcnt is the first field of every object
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
    return True


SINGLETONS_IMMORTALISED = _immortalise_singletons()
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


_MODULES = (QtWidgets, QtGui, QtCore)


def __getattr__(name: str):  # type: ignore[no-untyped-def]  # noqa: ANN202
    """``QLabel`` and friends, from whichever Qt module has them, cached once found."""
    if name.startswith("Q") or name in ("Qt", "Signal", "Slot", "Property"):
        for module in _MODULES:
            value = getattr(module, name, None)
            if value is not None:
                globals()[name] = value
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
