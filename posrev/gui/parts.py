"""The cashier window's parts built before its first paint: the header (environment,
terminal, cashier, gateway, language), the journal banner, the navigation row, the lookup bar
and the status row; and the small helpers every window uses (named labels and buttons, a
tab order that keeps the scanner's focus, the first-paint hook). The panels below them are
in ``posrev.gui.panels``, loaded after the paint.

Their sentences keep the translation context "MainWindow", where they were written and
translated.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from posrev.gui import style, texts
from posrev.gui.i18n import LANGUAGES
from posrev.gui.qt import (
    QComboBox,
    QEvent,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QObject,
    QPushButton,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)

if TYPE_CHECKING:
    from posrev.app import App

KEY_ESCAPE = 0x01000000  # Qt.Key.Key_Escape: a scan's first key must not load that namespace

def label(name: str, *, wrap: bool = True) -> QLabel:
    widget = QLabel()
    widget.setObjectName(name)
    widget.setWordWrap(wrap)
    return widget


def button(name: str) -> QPushButton:
    from posrev.gui.style import MIN_TARGET

    widget = QPushButton()
    widget.setObjectName(name)
    widget.setAutoDefault(True)  # Enter on a focused button presses it, as Space does
    widget.setMinimumHeight(MIN_TARGET)
    return widget


def column_of(parent: QWidget) -> QVBoxLayout:
    """A margin-less column on ``parent``, spaced as the window's own."""
    box = QVBoxLayout(parent)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(10)
    return box


def row_of(parent: QWidget, *widgets: QWidget | None) -> QHBoxLayout:
    """A margin-less row on ``parent``; None is the stretch."""
    row = QHBoxLayout(parent)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(10)  # as the window's own rows (its layout's spacing)
    for widget in widgets:
        if widget is None:
            row.addStretch(1)
        else:
            row.addWidget(widget)
    return row


class FirstPaint(QObject):
    """Runs a callback once its widget has painted, then removes itself. A Python event
    filter must not outlive its widget's Python side (Qt would call it while the widgets are
    destroyed: a crash when the garbage collector does it), so the window cancels it when
    it shuts down; it keeps no reference to the widget but its Qt parent."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.parent() and event.type() == QEvent.Type.Paint:
            callback = self._callback
            self.cancel()
            if callback is not None:
                QTimer.singleShot(0, callback)
        return False

    def cancel(self) -> None:
        self._callback = None
        widget = self.parent()
        if widget is not None:
            widget.removeEventFilter(self)


def selectable(*labels: QLabel) -> None:
    """The cashier can select (and copy) these texts: numbers, errors."""
    from posrev.gui.qt import Qt  # its enum namespace alone costs ~15 ms: after the paint

    for widget in labels:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)


def tab_chain(window: QWidget, first: QWidget, *rest: QWidget) -> None:
    """Tab goes through the widgets in this order. A scanner types into whatever has the
    focus: a click on a list, a button or a drop-down must not take it from ``first``,
    the lookup input (Tab still reaches each one)."""
    from posrev.gui.qt import Qt

    for one, other in zip((first, *rest), rest, strict=False):
        window.setTabOrder(one, other)
    for widget in rest:
        widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)


class JournalBanner(QLabel):
    """A journal set aside (damaged, or deleted/replaced while in use): said loudly, with
    the unfinished voids found in it, until the window is closed."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("journalBanner")
        self.setWordWrap(True)
        self.setStyleSheet("background: #b71c1c; color: white; font-weight: 600; "
                           "padding: 8px;")
        self.hide()

    def show_notice(self, app: App | None) -> None:
        notice = app.journal_notice if app is not None else None
        if notice is not None:
            self.setText(texts.render(notice))
            self.show()


class StatusRow(QWidget):
    """What the window is doing (a busy bar while it looks up) or, instead, what went
    wrong: one at a time, so "Ready." is never shown next to an error."""

    NAMES = ("status_line", "error_line")  # also on the window, by name

    def __init__(self) -> None:
        super().__init__()
        box = column_of(self)
        self.status_line = label("statusLine")
        self.row = QHBoxLayout()
        self.row.addWidget(self.status_line, 1)
        box.addLayout(self.row)
        self.error_line = label("errorLine")
        self.error_line.hide()
        box.addWidget(self.error_line)
        self.busy_bar: QWidget | None = None

    def add_busy_bar(self) -> QWidget:
        from posrev.gui.qt import QProgressBar

        bar = QProgressBar()
        bar.setObjectName("busyBar")
        bar.setRange(0, 0)
        bar.setFixedWidth(120)
        bar.setTextVisible(False)
        bar.hide()
        self.row.insertWidget(0, bar)
        self.busy_bar = bar
        return bar

    def set_busy(self, busy: bool) -> None:
        if self.busy_bar is not None:
            self.busy_bar.setVisible(busy)

    def say(self, text: str) -> None:
        self.status_line.setText(text)

    def set_error(self, text: str) -> None:
        """The error replaces the status line until the next lookup or step clears it."""
        self.error_line.setText(text)
        self.error_line.setVisible(bool(text))
        self.status_line.setVisible(not text)


class HeaderBar(QWidget):
    """Environment badge, terminal, cashier, the gateway's state, the language."""

    NAMES = (  # also on the window, by name
        "env_badge", "terminal_label", "cashier_label", "cashier_button", "connection_label",
        "language_combo",
    )

    language_chosen = Signal(str)
    CONNECTION = ("unknown", "ok", "unreachable", "unclear", "rejected")

    def __init__(self) -> None:
        super().__init__()
        self.env_badge = label("envBadge", wrap=False)
        self.terminal_label = label("terminalLabel", wrap=False)
        self.cashier_label = label("cashierLabel", wrap=False)
        self.cashier_button = button("cashierButton")
        self.connection_label = label("connectionLabel", wrap=False)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        row_of(self, self.env_badge, self.terminal_label, self.cashier_label,
               self.cashier_button, self.connection_label, None, self.language_combo)
        self.connection = "unknown"
        self.language_combo.currentIndexChanged.connect(self._language_picked)

    def retranslate(self, app: App | None, cashier: str, language: str) -> None:
        badge = app.env_label if app is not None else "…"
        self.env_badge.setText(badge)
        self.env_badge.setStyleSheet(style.badge_css(badge))
        self.env_badge.setToolTip(texts.environment_words(badge, app.settings.gateway_url())
                                  if app is not None else "")
        self.terminal_label.setText(translate("MainWindow", "Terminal %1").replace(
            "%1", app.udid if app is not None else "…"))
        self.render_cashier(cashier)
        self._render_connection()
        index = self.language_combo.findData(language)
        if index >= 0 and index != self.language_combo.currentIndex():
            self.language_combo.blockSignals(True)
            self.language_combo.setCurrentIndex(index)
            self.language_combo.blockSignals(False)

    def render_cashier(self, cashier: str) -> None:
        if cashier:
            self.cashier_label.setText(translate("MainWindow", "Cashier %1").replace("%1",
                                                                                     cashier))
            self.cashier_button.setText(translate("MainWindow", "Change cashier"))
        else:
            self.cashier_label.setText(translate("MainWindow", "No cashier signed in"))
            self.cashier_button.setText(translate("MainWindow", "Sign in"))

    def set_connection(self, state: str) -> None:
        if state != self.connection:
            self.connection = state
            self._render_connection()

    def note_gateway_error(self, exc: BaseException) -> None:
        from posrev.gateway.client import NotSent, RateLimited, UnknownOutcome, WrongCredentials

        if isinstance(exc, NotSent):
            self.set_connection("unreachable")
        elif isinstance(exc, WrongCredentials):
            self.set_connection("rejected")
        elif isinstance(exc, UnknownOutcome | RateLimited):
            self.set_connection("unclear")

    def _render_connection(self) -> None:
        text = {
            "unknown": translate("MainWindow", "Gateway: not contacted yet"),
            "ok": translate("MainWindow", "Gateway: connected"),
            "unreachable": translate("MainWindow", "Gateway: unreachable"),
            "unclear": translate("MainWindow", "Gateway: not answering clearly"),
            "rejected": translate("MainWindow", "Gateway: credentials rejected"),
        }[self.connection]
        self.connection_label.setText("● " + text)
        self.connection_label.setStyleSheet(f"color: {style.CONNECTION[self.connection]};")

    def _language_picked(self, index: int) -> None:
        self.language_chosen.emit(self.language_combo.itemData(index))


class NavBar(QWidget):
    """Set up this terminal (while something is missing), Pending, Journal, Settings; the
    fleet's status and button join it on a chain's terminal."""

    NAMES = (  # also on the window, by name
        "pending_button", "journal_button", "settings_button", "run_setup_button",
    )

    def __init__(self) -> None:
        super().__init__()
        self.pending_button = button("pendingButton")
        self.journal_button = button("journalButton")
        self.settings_button = button("settingsButton")
        # Shown while the terminal lacks credentials or a supervisor (posrev.gui.setup).
        self.run_setup_button = button("runSetupButton")
        self.run_setup_button.hide()
        self.run_setup_button.setStyleSheet("font-weight: 600; background: #1565c0; "
                                            "color: white; border: none; border-radius: 6px;")
        self.row = row_of(self, self.run_setup_button, None, self.pending_button,
                          self.journal_button, self.settings_button)
        self.setup_missing = (True, True)  # (has credentials, has a supervisor)
        self.pending_count = 0

    def add_fleet(self, status: QWidget, fleet_button: QWidget) -> None:
        self.row.insertWidget(max(0, self.row.indexOf(self.pending_button)), status)
        self.row.insertWidget(self.row.indexOf(self.settings_button), fleet_button)

    def set_starting(self, starting: bool) -> None:
        for widget in (self.pending_button, self.journal_button, self.settings_button):
            widget.setEnabled(not starting)

    def show_setup(self, has_credentials: bool, has_supervisors: bool, *, offered: bool) -> None:
        self.setup_missing = (has_credentials, has_supervisors)
        self.run_setup_button.setVisible(offered and not (has_credentials and has_supervisors))
        self.run_setup_button.setToolTip(texts.missing_words(*self.setup_missing))

    def set_pending(self, count: int) -> None:
        self.pending_count = count
        self.pending_button.setText(translate("MainWindow", "Pending (%1)").replace(
            "%1", str(count)))

    def retranslate(self) -> None:
        self.journal_button.setText(translate("MainWindow", "Journal"))
        self.journal_button.setToolTip(translate("MainWindow", "Past voids, search and CSV "
                                                               "export (F3)"))
        self.pending_button.setToolTip(translate("MainWindow", "Voids not confirmed yet (F2)"))
        self.settings_button.setText(translate("MainWindow", "Settings"))
        self.run_setup_button.setText(translate("MainWindow", "Set up this terminal"))
        self.run_setup_button.setToolTip(texts.missing_words(*self.setup_missing))
        self.set_pending(self.pending_count)


class LookupInput(QLineEdit):
    """The scanner's input. Esc in it means "new lookup" even when the window is not the
    active one (a window shortcut would need it to be): a key handler of its own, so that
    Python is called for its key presses only, not for every event the input gets."""

    escape_pressed = Signal()

    def keyPressEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == KEY_ESCAPE:
            event.accept()
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)


class LookupBar(QWidget):
    """The prompt, the scanner's input, what the number is, and Look up. Enter always
    empties the input, so the next scan starts clean, whatever happens to this one."""

    NAMES = ("lookup_input", "mode_combo", "lookup_button")  # also on the window, by name

    scanned = Signal(str)  # Enter took a scan (a second identical one within a second: not)
    typed = Signal(str)  # Look up pressed with something typed
    empty_entered = Signal()  # Enter on an empty input

    def __init__(self) -> None:
        super().__init__()
        box = column_of(self)
        self.lookup_prompt = label("lookupPrompt")
        box.addWidget(self.lookup_prompt)
        self.lookup_input = LookupInput()
        self.lookup_input.setObjectName("lookupInput")
        self.lookup_input.setMaxLength(160)
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("lookupModeCombo")
        for _mode in range(3):  # posrev.domain.numbers.MODES, named in retranslate()
            self.mode_combo.addItem("")
        self.lookup_button = button("lookupButton")
        row = QHBoxLayout()
        row.addWidget(self.lookup_input, 1)
        row.addWidget(self.mode_combo)
        row.addWidget(self.lookup_button)
        box.addLayout(row)
        self._filter: Any = None  # posrev.gui.scanner.ScanFilter, loaded on the first scan
        self.lookup_input.returnPressed.connect(self.submit_scan)
        self.lookup_button.clicked.connect(self.submit_typed)

    def retranslate(self) -> None:
        self.lookup_prompt.setText(translate("MainWindow", "Scan or type the QFPay number or "
                                                           "the order number, then press "
                                                           "Enter."))
        self.lookup_input.setPlaceholderText(translate("MainWindow", "QFPay number or order "
                                                                     "number"))
        for i, text in enumerate((translate("MainWindow", "Auto"),
                                  translate("MainWindow", "QFPay number"),
                                  translate("MainWindow", "Order number"))):
            self.mode_combo.setItemText(i, text)
        self.mode_combo.setToolTip(translate("MainWindow", "What the scanned number is"))
        self.lookup_button.setText(translate("MainWindow", "&Look up"))

    def submit_scan(self) -> None:
        raw = self.lookup_input.text()
        self.lookup_input.clear()
        if not raw.strip():
            self.empty_entered.emit()  # "New lookup (or Enter)" on an outcome
            return
        if self._filter is None:
            from posrev.gui.scanner import ScanFilter

            self._filter = ScanFilter(time.monotonic)
        if self._filter.accept(raw):  # not the same scan twice within a second
            self.scanned.emit(raw)

    def scan(self, raw: str) -> None:
        """A scan that arrived elsewhere (a dialog had the keys): as if typed here."""
        self.lookup_input.setText(raw)
        self.submit_scan()

    def submit_typed(self) -> None:
        raw = self.lookup_input.text()
        if raw.strip():
            self.typed.emit(raw)
        else:
            self.lookup_input.setFocus()
