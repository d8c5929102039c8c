"""The cashier window's parts: the header (environment, terminal, cashier, gateway,
language), the navigation row, the lookup bar, and the panels below it (the payments
sharing a number, the transaction, the progress of a void or refund, its outcome, the
background notice, the demo orders). Each renders what it is given; which panel shows is the
window's stage.

The progress words are the ones the pending list shows while it re-checks a void
(:func:`progress_words`): one rendering of the core's ``Progress``.

The panels' sentences keep the translation context "MainWindow", where they were written
and translated.
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
    QFrame,
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
    from posrev.app import App, Operation, Progress
    from posrev.config import Settings
    from posrev.gui.shown import Shown
    from posrev.model.transaction import Transaction

USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole; Qt's enum namespace loads after the first paint
KEY_ESCAPE = 0x01000000  # Qt.Key.Key_Escape: a scan's first key must not load that namespace
SEP = "   ·   "


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
        if notice:
            self.setText(notice)
            self.show()


class StatusRow(QWidget):
    """What the window is doing (a busy bar while it looks up) or, instead, what went
    wrong: one at a time, so "Ready." is never shown next to an error."""

    NAMES = ("status_line", "error_line")  # also on the window, by name

    def __init__(self) -> None:
        super().__init__()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(10)
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
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(10)
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


class Panel(QFrame):
    """A framed panel with a vertical layout, named for tests and the style sheet."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(16, 12, 16, 12)


def paid_at_words(txn: Transaction, tz: str) -> str:
    paid_at = txn.sysdtm_at(tz)
    return paid_at.strftime("%Y-%m-%d %H:%M:%S %Z") if paid_at else txn.sysdtm


class CandidatePanel(Panel):
    """Several payments share the number: the cashier picks one."""

    chosen = Signal(object)  # Transaction

    def __init__(self) -> None:
        super().__init__("candidatePanel")
        from posrev.gui.qt import QListView, QListWidget, Qt

        self.title = label("candidateTitle")
        self.box.addWidget(self.title)
        self.list = QListWidget()
        self.list.setObjectName("candidateList")
        self.list.setStyleSheet("QListWidget::item { min-height: 44px; }")
        # A row names amount, wallet, time, number and status: wrapped to the list's width,
        # never cut off behind a horizontal scroll bar on a 1024-pixel screen.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.box.addWidget(self.list)
        self.list.itemActivated.connect(self._picked)
        self.list.itemClicked.connect(self._picked)

    def retranslate(self) -> None:
        self.title.setText(translate("MainWindow", "Several payments have this number. "
                                                   "Choose one:"))

    def render(self, candidates: tuple[Transaction, ...], tz: str) -> None:
        from posrev.gui.qt import QListWidgetItem

        current = self.list.currentRow()
        self.list.clear()
        for txn in candidates:
            item = QListWidgetItem(SEP.join((texts.amount(txn.txamt, txn.txcurrcd),
                                             texts.pay_type_name(txn.pay_type),
                                             paid_at_words(txn, tz), txn.syssn,
                                             texts.txn_status(txn))))
            item.setData(USER_ROLE, txn)
            self.list.addItem(item)
        if candidates:
            self.list.setCurrentRow(max(0, current))

    def _picked(self, item: Any) -> None:
        self.chosen.emit(item.data(USER_ROLE))


class TransactionPanel(Panel):
    """The payment looked up, the verdict, and the void (or forced void) button."""

    NAMES = (  # also on the window, by name
        "amount_label", "txn_status_label", "wallet_label", "time_label", "numbers_label",
        "verdict_label", "void_button", "force_button",
    )

    def __init__(self) -> None:
        super().__init__("transactionPanel")
        top = QHBoxLayout()
        self.amount_label = label("amountLabel", wrap=False)
        top.addWidget(self.amount_label)
        top.addStretch(1)
        self.txn_status_label = label("txnStatusLabel")
        top.addWidget(self.txn_status_label, 1)
        self.box.addLayout(top)
        self.wallet_label = label("walletLabel")
        self.time_label = label("timeLabel")
        self.numbers_label = label("numbersLabel")
        self.verdict_label = label("verdictLabel")
        for widget in (self.wallet_label, self.time_label, self.numbers_label,
                       self.verdict_label):
            self.box.addWidget(widget)
        actions = QHBoxLayout()
        self.void_button = button("voidButton")
        actions.addWidget(self.void_button)
        self.force_button = button("forceVoidButton")
        actions.addWidget(self.force_button)
        actions.addStretch(1)
        self.box.addLayout(actions)

    def retranslate(self) -> None:
        self.force_button.setText(translate("MainWindow", "Void anyway (supervisor)"))

    def set_deciding(self, deciding: bool) -> None:
        self.verdict_label.setVisible(deciding)
        self.txn_status_label.setVisible(deciding)  # the record as looked up; stale later

    def render(self, shown: Shown, settings: Settings, *, deciding: bool) -> None:
        """The payment ``shown`` (or that none was found), with ``settings``' time zone."""
        txn, verdict, lookup = shown.txn, shown.verdict, shown.lookup
        if verdict is None:
            return
        searched, tz = lookup.result.number if lookup else "", settings.timezone
        if txn is None:
            self.amount_label.setText(translate("MainWindow", "No payment found"))
            for widget in (self.txn_status_label, self.wallet_label, self.time_label):
                widget.setText("")
            self.numbers_label.setText(translate("MainWindow", "Searched for %1")
                                       .replace("%1", searched))
        else:
            self.amount_label.setText(texts.amount(txn.txamt, txn.txcurrcd))
            self.txn_status_label.setText(texts.txn_status(txn))
            self.wallet_label.setText(texts.pay_type_name(txn.pay_type))
            age = texts.ago(verdict.age_seconds)
            self.time_label.setText(texts.time_words(txn).replace("%1", paid_at_words(txn, tz))
                                    + (f" ({age})" if age else ""))
            numbers = translate("MainWindow", "QFPay number %1").replace("%1", txn.syssn)
            if txn.out_trade_no:
                numbers += SEP + translate("MainWindow", "Order number %1").replace(
                    "%1", txn.out_trade_no)
            self.numbers_label.setText(numbers)
        tone = style.VERDICT_TONE.get(verdict.code, "info")
        if verdict.can_void:
            tone = "approve" if verdict.needs_supervisor else "go"
        self.verdict_label.setText(texts.verdict_text(verdict, txn,
                                                      settings.rules.void_window_hours))
        self.verdict_label.setStyleSheet(style.tone_css(tone))
        can_void = verdict.can_void and txn is not None
        self.void_button.setVisible(can_void and deciding)
        self.void_button.setEnabled(can_void and deciding)
        if can_void:
            words = texts.action_button(verdict.action)
            if verdict.needs_supervisor:
                words += " " + translate("MainWindow", "(supervisor)")
            self.void_button.setText(words)
        self.force_button.setVisible(deciding and verdict.code == "failed_payment"
                                     and not verdict.can_void and txn is not None)


def progress_words(progress: Progress, since: float, *, kind: str = "void",
                   stopping: bool = False) -> tuple[str, str]:
    """The state in words, and the checks so far ("Check 2 · 0:07 elapsed · next check in
    3 s"), ``since`` seconds after the core reported ``progress``."""
    p = progress
    parts = [translate("MainWindow", "Check %1").replace("%1", str(p.attempt)),
             translate("MainWindow", "%1 elapsed").replace(
                 "%1", texts.duration(p.elapsed + since))]
    left = None if p.next_check_in is None else p.next_check_in - since
    if left is not None:
        if left > 0.5:
            parts.append(translate("MainWindow", "next check in %1 s").replace(
                "%1", str(round(left))))
        else:
            parts.append(translate("MainWindow", "checking now…"))
    if stopping:
        parts.append(translate("MainWindow", "stopping…"))
    return texts.state_words(p.state, kind), SEP.join(parts)


class ProgressPanel(Panel):
    """A void or refund being sent and checked: its state, the checks, a countdown."""

    NAMES = (  # also on the window, by name
        "progress_label", "progress_detail", "progress_bar", "stop_button",
    )

    def __init__(self) -> None:
        super().__init__("progressPanel")
        from posrev.gui.qt import QProgressBar

        self.progress_label = label("progressLabel")
        self.box.addWidget(self.progress_label)
        self.progress_detail = label("progressDetailLabel")
        self.box.addWidget(self.progress_detail)
        bar_row = QHBoxLayout()
        # A countdown to the next check (full = a whole interval left, empty = checking).
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("progressBar")
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedWidth(240)
        bar_row.addWidget(self.progress_bar)
        bar_row.addStretch(1)
        self.stop_button = button("stopWaitingButton")
        bar_row.addWidget(self.stop_button)
        self.box.addLayout(bar_row)
        self.progress: Progress | None = None
        self._at = 0.0

    def retranslate(self) -> None:
        self.stop_button.setText(translate("MainWindow", "&Stop waiting"))
        self.stop_button.setToolTip(translate("MainWindow", "It keeps being checked in the "
                                                            "background and stays in the "
                                                            "pending list."))

    def start(self) -> None:
        self.progress = None
        self.stop_button.setEnabled(True)

    def report(self, progress: Progress) -> None:
        self.progress, self._at = progress, time.monotonic()

    def render(self, kind: str, stopping: bool) -> None:
        p = self.progress
        if p is None:
            self.progress_label.setText(texts.state_words("intent", kind))
            self.progress_detail.setText(
                translate("MainWindow", "Writing the refund to the journal…")
                if kind == "refund" else
                translate("MainWindow", "Writing the void to the journal…"))
            self.progress_bar.hide()
            return
        since = time.monotonic() - self._at
        state, checks = progress_words(p, since, kind=kind, stopping=stopping)
        self.progress_label.setText(state + "\n" + checks)
        left = None if p.next_check_in is None else p.next_check_in - since
        if left is not None and p.next_check_in:
            self.progress_bar.setValue(round(1000 * max(0.0, left) / p.next_check_in))
            self.progress_bar.show()
        else:
            self.progress_bar.hide()
        # The core's own sentence only where the state's words do not already say it (a
        # lost answer, a refusal being checked); never "processing" a second time.
        said = p.state not in ("unknown", "refused") or \
            p.message.rstrip(".") == texts.STATES.get(p.state, "")
        self.progress_detail.setText("" if said else texts.core_message(p.message))


class OutcomePanel(Panel):
    """The outcome: a full-width banner, an icon and a headline as large as the amount."""

    NAMES = (  # also on the window, by name
        "outcome_label", "outcome_detail", "new_lookup_button", "print_button",
    )

    def __init__(self) -> None:
        super().__init__("outcomePanel")
        self.outcome_banner = QFrame()
        self.outcome_banner.setObjectName("outcomeBanner")
        banner = QHBoxLayout(self.outcome_banner)
        banner.setContentsMargins(16, 12, 16, 12)
        banner.setSpacing(16)
        self.outcome_icon = label("outcomeIcon", wrap=False)
        self.outcome_icon.setFixedSize(64, 64)
        banner.addWidget(self.outcome_icon)
        self.outcome_label = label("outcomeLabel")
        banner.addWidget(self.outcome_label, 1)
        self.box.addWidget(self.outcome_banner)
        self.outcome_detail = label("outcomeDetailLabel")
        self.box.addWidget(self.outcome_detail)
        actions = QHBoxLayout()
        self.new_lookup_button = button("newLookupButton")
        actions.addWidget(self.new_lookup_button)
        self.print_button = button("printSlipButton")
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        self.box.addLayout(actions)

    def retranslate(self) -> None:
        self.new_lookup_button.setText(translate("MainWindow", "&New lookup"))
        self.print_button.setText(translate("MainWindow", "&Print slip"))

    def render(self, op: Operation) -> None:
        from posrev.gui.icons import outcome_icon

        tone = style.OUTCOME_TONE[op.outcome]
        self.outcome_label.setText(texts.outcome_headline(op))
        self.outcome_label.setStyleSheet(f"color: {style.TONE[tone][1]};")
        self.outcome_banner.setStyleSheet("QFrame#outcomeBanner { " + style.tone_css(tone)
                                          + " }")
        self.outcome_icon.setPixmap(outcome_icon(tone, 64))
        lines = [texts.outcome_detail(op)]
        if op.void_syssn and op.kind == "refund":
            lines.append(translate("MainWindow", "Refund number %1").replace("%1",
                                                                              op.void_syssn))
        elif op.void_syssn:
            lines.append(translate("MainWindow", "Void number %1").replace("%1", op.void_syssn))
        if op.approver:
            lines.append(translate("MainWindow", "Approved by %1").replace("%1", op.approver))
        said = texts.core_message(op.message)  # "" when it has no translation
        if said and (not op.is_final or op.outcome == "needs_manual"):
            lines.append(translate("MainWindow", "Gateway: %1").replace("%1", said))
        self.outcome_detail.setText("\n".join(lines))


class NoticePanel(QFrame):
    """A void settled in the background while the cashier was on another payment: a
    notice above the lookup, which does not take the focus or block anything."""

    KEEP = 3  # the newest outcomes shown

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("backgroundNotice")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 6, 6)
        self.notice_label = label("backgroundNoticeLabel")
        row.addWidget(self.notice_label, 1)
        self.close_button = button("backgroundNoticeCloseButton")
        self.close_button.setAutoDefault(False)
        row.addWidget(self.close_button)
        self.notices: list[Operation] = []  # newest first
        self.hide()

    def retranslate(self) -> None:
        self.close_button.setText(translate("MainWindow", "Dismiss"))
        self.render()

    def announce(self, op: Operation) -> None:
        self.notices.insert(0, op)
        del self.notices[self.KEEP:]
        self.render()
        self.show()

    def dismiss(self) -> None:
        self.notices.clear()
        self.hide()

    def render(self) -> None:
        if not self.notices:
            return
        lines = []
        for op in self.notices:
            payment = texts.amount(op.txamt, op.txcurrcd)
            if op.out_trade_no:
                payment += ", " + translate("MainWindow", "order %1").replace("%1",
                                                                              op.out_trade_no)
            lines.append(translate("MainWindow", "An earlier void is now final: %1 (QFPay "
                                                 "number %2): %3")
                         .replace("%1", payment).replace("%2", op.orig_syssn)
                         .replace("%3", texts.outcome_headline(op)))
        self.notice_label.setText("\n".join(lines))
        self.setStyleSheet("QFrame#backgroundNotice { "
                           + style.tone_css(style.OUTCOME_TONE[self.notices[0].outcome])
                           + " border-radius: 6px; }")


class DemoPanel(Panel):
    """Demo mode: the simulator's orders, each with what it shows."""

    chosen = Signal(str)  # the order's number

    def __init__(self) -> None:
        super().__init__("demoPanel")
        from posrev.gui.qt import QListWidget

        self.title = label("demoTitle")
        self.box.addWidget(self.title)
        self.list = QListWidget()
        self.list.setObjectName("demoList")
        self.list.setStyleSheet("QListWidget::item { min-height: 40px; }")
        self.list.itemActivated.connect(self._picked)
        self.list.itemClicked.connect(self._picked)
        self.box.addWidget(self.list)

    def fill(self, demo: bool) -> None:
        self.list.clear()
        if not demo:
            return
        from posrev.gui.qt import QListWidgetItem
        from posrev.simulator import DEMO_ORDERS

        for number in dict.fromkeys(d.out_trade_no or d.name for d in DEMO_ORDERS):
            item = QListWidgetItem()
            item.setData(USER_ROLE, number)
            self.list.addItem(item)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("MainWindow", "Demo orders — choose one, or type its "
                                                   "number above:"))
        hints = {
            "DEMO-REVERSE": translate("MainWindow", "unpaid, can be reversed"),
            "DEMO-CLOSE": translate("MainWindow", "unpaid, can be closed"),
            "DEMO-MPM": translate("MainWindow", "unpaid WeChat Pay QR order"),
            "DEMO-BIG": translate("MainWindow", "large amount: needs a supervisor"),
            "DEMO-LATE": translate("MainWindow", "40 minutes old: needs a supervisor"),
            "DEMO-SLOW": translate("MainWindow", "the gateway takes a while to confirm"),
            "DEMO-PAYS": translate("MainWindow", "the customer pays just before the void"),
            "DEMO-LOST": translate("MainWindow", "the gateway's answer gets lost"),
            "DEMO-PAID": translate("MainWindow", "already paid: refund instead"),
            "DEMO-VOIDED": translate("MainWindow", "already voided"),
            "DEMO-REFUNDED": translate("MainWindow", "already refunded"),
            "DEMO-REFUND-REC": translate("MainWindow", "a refund record"),
            "DEMO-FAILED": translate("MainWindow", "the payment failed"),
            "DEMO-OTHERWALLET": translate("MainWindow", "a wallet that cannot be voided here"),
            "DEMO-OLD": translate("MainWindow", "too old to void"),
            "DEMO-TWICE": translate("MainWindow", "two payments with one order number"),
        }
        for row in range(self.list.count()):
            item = self.list.item(row)
            number = item.data(USER_ROLE)
            hint = hints.get(number, "")
            item.setText(f"{number} — {hint}" if hint else number)

    def _picked(self, item: Any) -> None:
        self.chosen.emit(item.data(USER_ROLE))


