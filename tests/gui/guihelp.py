"""What a cashier does, as test steps: scan, press the button, answer a dialog.
PYTEST_DONT_REWRITE"""

from __future__ import annotations

import re
from pathlib import Path

from posrev.gui.qt import QDialog, QLabel, QPushButton, Qt, QWidget

SLOW = 30_000  # ms: polling voids take a few 3-second rounds
CASHIER = "C001"
SUPERVISOR, SUPERVISOR_PIN = "S001", "246810"
VOIDED = "Voided — the customer will not be charged"
A6_POINTS = (105 / 25.4 * 72, 148 / 25.4 * 72)  # ISO A6, 105 x 148 mm, in PDF points


def scan(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` into the lookup input as a scanner does, then Enter."""
    field = window.lookup_input
    field.setFocus()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def look_up(qtbot, window, number: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.lookup_shown, timeout=10_000):
        scan(qtbot, window, number)
    qtbot.waitUntil(lambda: window.stage in ("transaction", "candidates"))


def dialog(qtbot, window, name: str) -> QDialog:  # type: ignore[no-untyped-def]
    found: list[QDialog] = []

    def present() -> bool:
        d = window.dialogs.find(name)
        if d is not None and d.isVisible():
            found.append(d)
            return True
        return False

    qtbot.waitUntil(present, timeout=10_000)
    return found[-1]


def no_dialog(window, name: str) -> bool:  # type: ignore[no-untyped-def]
    return window.dialogs.find(name) is None


def child(widget: QWidget, name: str, kind: type = QWidget) -> QWidget:
    found = widget.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name}"
    return found


def click(qtbot, button: QPushButton) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def confirm(qtbot, window) -> QDialog:  # type: ignore[no-untyped-def]
    d = dialog(qtbot, window, "confirmVoidDialog")
    click(qtbot, child(d, "confirmButton", QPushButton))
    return d


def approve(qtbot, window, sup_id: str, pin: str, reason: str = "Customer left without paying",
            ) -> QDialog:  # type: ignore[no-untyped-def]
    d = dialog(qtbot, window, "supervisorDialog")
    sid = child(d, "supervisorIdInput")
    sid.clear()
    qtbot.keyClicks(sid, sup_id)
    qtbot.keyClicks(child(d, "supervisorPinInput"), pin)
    reason_input = child(d, "supervisorReasonInput")
    reason_input.setCurrentText(reason)
    click(qtbot, child(d, "supervisorApproveButton", QPushButton))
    return d


def outcome_text(window) -> str:  # type: ignore[no-untyped-def]
    return window.findChild(QLabel, "outcomeLabel").text()


def wait_outcome(qtbot, window, text: str, timeout: int = SLOW) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.stage == "outcome", timeout=timeout)
    assert outcome_text(window) == text


def open_slip_dialog(qtbot, window, number: str = "DEMO-REVERSE") -> QDialog:  # type: ignore[no-untyped-def]
    """Void ``number`` (a demo order that voids at once), then press Print: the slip
    dialog."""
    look_up(qtbot, window, number)
    click(qtbot, window.void_button)
    confirm(qtbot, window)
    wait_outcome(qtbot, window, VOIDED)
    click(qtbot, window.print_button)
    return dialog(qtbot, window, "printSlipDialog")


def save_slip_as_pdf(qtbot, window, slip_dialog: QDialog, target: Path) -> bytes:  # type: ignore[no-untyped-def]
    """Press "Save as PDF" in the slip dialog, choose ``target``; the file written, once the
    status line says it is saved."""
    window.dialogs.answer_next(str(target))
    click(qtbot, child(slip_dialog, "pdfButton", QPushButton))
    qtbot.waitUntil(lambda: "Slip saved to" in window.status_line.text())
    return target.read_bytes()


_MEDIA_BOX = rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]"


def pdf_page_sizes(path: str | Path) -> list[tuple[float, float]]:
    """Each page of a PDF file, as (width, height) in points, read from the file itself: a
    page object's /MediaBox, or the one it inherits from its /Pages."""
    objects = re.findall(rb"\d+\s+\d+\s+obj\b(.*?)\bendobj", Path(path).read_bytes(), re.S)
    inherited = [box for o in objects if re.search(rb"/Type\s*/Pages\b", o)
                 for box in [re.search(_MEDIA_BOX, o)] if box]
    sizes = []
    for o in objects:
        if re.search(rb"/Type\s*/Page\b", o):  # not /Pages: no word boundary before the s
            box = re.search(_MEDIA_BOX, o) or (inherited[0] if inherited else None)
            assert box is not None, "a page without a /MediaBox"
            x0, y0, x1, y1 = map(float, box.groups())
            sizes.append((x1 - x0, y1 - y0))
    return sizes
