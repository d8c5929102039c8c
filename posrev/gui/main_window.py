"""The cashier window: DESIGN.md §8, one step after another, driving ``posrev.app.App``.

Stages: ``idle`` → ``lookup`` → (``candidates``) → ``transaction`` → ``voiding`` →
``outcome`` → ``idle``. Every call into the core that may block runs through
:class:`~posrev.gui.tasks.TaskManager`; the window only shows what the core answers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from posrev.errors import CredentialsError, InputError, PosrevError, SupervisorError
from posrev.gui import style, texts
from posrev.gui.dialog_service import DialogService
from posrev.gui.i18n import LANGUAGES, Languages
from posrev.gui.qt import (
    QApplication,
    QComboBox,
    QEvent,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QObject,
    QPushButton,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from posrev.gui.tasks import Bridge, Task, TaskManager, collect_garbage_on_gui_thread

if TYPE_CHECKING:  # the core is imported when it is opened, after the first paint
    from posrev.app import App, AppOptions, Lookup, Operation, Progress
    from posrev.gui.qt import QListWidgetItem
    from posrev.gui.scanner import ScanFilter
    from posrev.model.transaction import Transaction
    from posrev.model.verdict import Verdict

log = logging.getLogger(__name__)

TICK_MS = 250  # the progress countdown's refresh
USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole; Qt's enum namespace loads after the first paint
KEY_ESCAPE = 0x01000000  # Qt.Key.Key_Escape: a scan's first key must not load that namespace


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


def _panel(name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    return frame, layout


def _label(name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def _button(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setAutoDefault(True)  # Enter on a focused button presses it, as Space does
    button.setMinimumHeight(style.MIN_TARGET)
    return button


class MainWindow(QMainWindow):
    """The window cashiers use all day."""

    stage_changed = Signal(str)
    outcome_shown = Signal(object)  # Operation
    lookup_shown = Signal(object)  # Lookup or Transaction

    core_ready = Signal()
    scan_accepted = Signal(str)  # Enter took a scan (looked up now, or once the core is open)
    # The one "operation changed" event of the core (any thread, any process sharing the
    # journal), delivered on the GUI thread. Other windows (the pending list) connect to it.
    operation_changed = Signal(str)  # op_id
    background_outcome = Signal(object)  # Operation: final while the cashier had moved on

    def __init__(self, app: App | None = None, *, cashier: str = "",
                 languages: Languages | None = None, dialogs: DialogService | None = None,
                 language: str | None = None) -> None:
        """``app`` None: the window paints first and :meth:`open_core` attaches the core
        (what ``posrev.gui.main`` does, so the cashier sees the window at once)."""
        super().__init__()
        collect_garbage_on_gui_thread()  # never on a worker: Qt objects die on their thread
        self.setObjectName("mainWindow")
        self.app: App | None = None
        self._language_option = language  # --language wins over the terminal's setting
        self.cashier = cashier.strip()
        self.tasks = TaskManager(self)
        self.dialogs = dialogs or DialogService()
        self.languages = languages or Languages.for_app(QApplication.instance())
        self._scan_filter: ScanFilter | None = None
        self.stage = "idle"
        self.connection = "unknown"  # unknown | ok | unreachable | unclear | rejected
        self.pending_count = 0
        self._generation = 0  # a newer lookup makes older answers stale
        self._lookup: Lookup | None = None
        self._txn: Transaction | None = None
        self._verdict: Verdict | None = None
        self._op: Operation | None = None
        self._progress: Progress | None = None
        self._progress_at = 0.0
        self._void_task: Task | None = None
        self._closed = False
        self._windows: dict[str, QWidget] = {}
        self._notices: list[Operation] = []  # newest first
        self._complete = False  # the panels below the input are built (_build_rest)
        self._initialised = False

        self._build()
        self.setStyleSheet(style.STYLESHEET)
        self.resize(1024, 720)
        self.setMinimumSize(800, 600)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._render_progress)
        self._on_change: Bridge | None = None
        self._unsubscribe: Callable[[], None] | None = None
        # Operations this window handed to the background (and those live when it opened):
        # their final outcome is announced.
        self._watched: set[str] = set()
        self._pending_timer = QTimer(self)
        self._pending_timer.setSingleShot(True)
        self._pending_timer.setInterval(50)  # a burst of changes is one count
        self._pending_timer.timeout.connect(self._count_pending)
        self.operation_changed.connect(self._operation_changed)
        self._first_show = True
        self._queued_scan = ""
        self._after_paint: Callable[[], None] | None = None
        if app is not None:
            self._build_rest()
        self.retranslate()
        self._set_stage("idle")
        self._initialised = True
        if app is not None:
            self.attach(app)
        else:
            self._set_busy_starting(True)

    # -- the core ---------------------------------------------------------------------------
    def open_core(self, options: AppOptions,
                  on_failure: Callable[[BaseException], None] | None = None) -> None:
        """Open the core on a worker (imports, journal, config) and attach it."""
        self._build_rest()

        def work(_task: Task) -> App:
            from posrev.app import App

            return App.open(options)

        self.tasks.run(work, on_success=self.attach,
                       on_failure=on_failure or self._open_failed, name="open-core")

    def attach(self, app: App) -> None:
        """Start working with ``app``: background resumer, texts, pending count."""
        self._build_rest()
        self.app = app
        from posrev.gui.qt import Qt  # its enum namespace alone costs ~15 ms: after the paint

        self.lookup_input.setClearButtonEnabled(True)  # loads an icon: after the paint too
        for label in (self.terminal_label, self.error_line, self.amount_label,
                      self.numbers_label, self.outcome_detail):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lang = self._language_option or app.settings.language
        if lang != self.languages.current:
            self.set_language(lang, save=False)
        if app.demo and not self.cashier:
            from posrev.app import DEMO_CASHIER

            self.cashier = DEMO_CASHIER
        self._on_change = Bridge(self.operation_changed.emit, self)
        self._unsubscribe = app.subscribe(self._on_change)
        app.start_background()
        if app.settings.database_url:  # a chain's terminal (posrev/gui/fleet.py)
            from posrev.gui.fleet import attach_fleet

            self.fleet_hook = attach_fleet(self)
        self._fill_demo_list()
        self._set_busy_starting(False)
        self._set_stage("idle")
        self.retranslate()
        self.tasks.run(lambda _t: [op.op_id for op in app.pending_operations()],
                       on_success=self._live_at_start, name="pending-at-start")
        if not self._first_show:
            self._check_first_run()
        self.core_ready.emit()
        if self._queued_scan and not self._closed:  # scanned while the core was opening
            raw, self._queued_scan = self._queued_scan, ""
            self.start_lookup(raw)

    def _set_busy_starting(self, starting: bool) -> None:
        for button in (self.pending_button, self.journal_button, self.settings_button):
            button.setEnabled(not starting)
        if self._complete:
            self.busy_bar.setVisible(starting)
        if starting and not self._queued_scan:
            self.status_line.setText(self.tr("Starting…"))

    def _open_failed(self, exc: BaseException) -> None:
        self._set_busy_starting(False)
        self.lookup_input.setEnabled(False)
        self.lookup_button.setEnabled(False)
        self._set_error(self.tr("posrev cannot start: %1").replace("%1", str(exc)))

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        root = QVBoxLayout(central)
        root.setContentsMargins(16, 12, 16, 12)
        root.setSpacing(10)

        header = QHBoxLayout()
        self.env_badge = _label("envBadge", wrap=False)
        header.addWidget(self.env_badge)
        self.terminal_label = _label("terminalLabel", wrap=False)
        header.addWidget(self.terminal_label)
        self.cashier_label = _label("cashierLabel", wrap=False)
        header.addWidget(self.cashier_label)
        self.cashier_button = _button("cashierButton")
        header.addWidget(self.cashier_button)
        self.connection_label = _label("connectionLabel", wrap=False)
        header.addWidget(self.connection_label)
        header.addStretch(1)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        header.addWidget(self.language_combo)
        root.addLayout(header)

        # A journal set aside (damaged, or deleted/replaced while in use): said loudly, with
        # the unfinished voids found in it, until the window is closed.
        self.journal_banner = _label("journalBanner")
        self.journal_banner.setStyleSheet("background: #b71c1c; color: white; "
                                          "font-weight: 600; padding: 8px;")
        self.journal_banner.hide()
        root.addWidget(self.journal_banner)

        nav = QHBoxLayout()
        self.pending_button = _button("pendingButton")
        self.journal_button = _button("journalButton")
        self.settings_button = _button("settingsButton")
        # Shown while the terminal lacks credentials or a supervisor (posrev.gui.setup).
        self.run_setup_button = _button("runSetupButton")
        self.run_setup_button.hide()
        self.setup_missing = (True, True)  # (has credentials, has a supervisor): setup.py
        self.run_setup_button.setStyleSheet("font-weight: 600; background: #1565c0; "
                                            "color: white; border: none; border-radius: 6px;")
        nav.addWidget(self.run_setup_button)
        nav.addStretch(1)
        for b in (self.pending_button, self.journal_button, self.settings_button):
            nav.addWidget(b)
        root.addLayout(nav)

        self.lookup_prompt = _label("lookupPrompt")
        root.addWidget(self.lookup_prompt)
        row = QHBoxLayout()
        self.lookup_input = LookupInput()
        self.lookup_input.setObjectName("lookupInput")
        self.lookup_input.setMaxLength(160)
        row.addWidget(self.lookup_input, 1)
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("lookupModeCombo")
        for _mode in range(3):  # posrev.domain.numbers.MODES, named in retranslate()
            self.mode_combo.addItem("")
        row.addWidget(self.mode_combo)
        self.lookup_button = _button("lookupButton")
        row.addWidget(self.lookup_button)
        root.addLayout(row)

        self._status_row = QHBoxLayout()
        self.status_line = _label("statusLine")
        self._status_row.addWidget(self.status_line, 1)
        root.addLayout(self._status_row)
        self.error_line = _label("errorLine")
        self.error_line.hide()
        root.addWidget(self.error_line)
        self._root = root
        root.addStretch(1)
        self.setCentralWidget(central)

        self.lookup_input.returnPressed.connect(self.submit_scan)
        self.lookup_input.escape_pressed.connect(self._escape)
        self.lookup_button.clicked.connect(self.submit_typed)
        # Bound methods, not lambdas capturing self: PySide tracks a bound method's object,
        # while a lambda makes a cycle that can outlive the window (a crash at exit).
        self.pending_button.clicked.connect(self.open_pending)
        self.journal_button.clicked.connect(self.open_journal)
        self.settings_button.clicked.connect(self.open_settings)
        self.run_setup_button.clicked.connect(self.run_setup)
        self.cashier_button.clicked.connect(self.sign_in)
        self.language_combo.currentIndexChanged.connect(self._language_chosen)

    def _build_rest(self) -> None:
        """Everything below the status line, the shortcuts and the tab order. Built right
        after the first paint when the window opens before its core (the input above takes
        a scan meanwhile), at once otherwise. Safe to call twice."""
        if self._complete:
            return
        self._complete = True
        # Qt classes first used here load here, after the paint, not with this module.
        from posrev.gui.qt import QKeySequence, QListView, QListWidget, QProgressBar, QShortcut, Qt

        root = self._root
        at = root.count() - 1  # before the closing stretch

        def add(widget: QWidget, stretch: int = 0) -> None:
            nonlocal at
            root.insertWidget(at, widget, stretch)
            at += 1

        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyBar")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedWidth(120)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self._status_row.insertWidget(0, self.busy_bar)

        # A void settled in the background while the cashier was on another payment.
        self.background_notice = QFrame()
        self.background_notice.setObjectName("backgroundNotice")
        notice_row = QHBoxLayout(self.background_notice)
        notice_row.setContentsMargins(12, 6, 6, 6)
        self.notice_label = _label("backgroundNoticeLabel")
        notice_row.addWidget(self.notice_label, 1)
        self.notice_close = _button("backgroundNoticeCloseButton")
        self.notice_close.setAutoDefault(False)
        notice_row.addWidget(self.notice_close)
        self.background_notice.hide()
        add(self.background_notice)

        # Several payments share the number: the cashier picks one.
        self.candidate_panel, cand = _panel("candidatePanel")
        self.candidate_title = _label("candidateTitle")
        cand.addWidget(self.candidate_title)
        self.candidate_list = QListWidget()
        self.candidate_list.setObjectName("candidateList")
        self.candidate_list.setStyleSheet("QListWidget::item { min-height: 44px; }")
        # A row names amount, wallet, time, number and status: wrapped to the list's width,
        # never cut off behind a horizontal scroll bar on a 1024-pixel screen.
        self.candidate_list.setWordWrap(True)
        self.candidate_list.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.candidate_list.setResizeMode(QListView.ResizeMode.Adjust)
        cand.addWidget(self.candidate_list)
        add(self.candidate_panel)

        self.transaction_panel, tx = _panel("transactionPanel")
        top = QHBoxLayout()
        self.amount_label = _label("amountLabel", wrap=False)
        top.addWidget(self.amount_label)
        top.addStretch(1)
        self.txn_status_label = _label("txnStatusLabel")
        top.addWidget(self.txn_status_label, 1)
        tx.addLayout(top)
        self.wallet_label = _label("walletLabel")
        tx.addWidget(self.wallet_label)
        self.time_label = _label("timeLabel")
        tx.addWidget(self.time_label)
        self.numbers_label = _label("numbersLabel")
        tx.addWidget(self.numbers_label)
        self.verdict_label = _label("verdictLabel")
        tx.addWidget(self.verdict_label)
        actions = QHBoxLayout()
        self.void_button = _button("voidButton")
        actions.addWidget(self.void_button)
        self.force_button = _button("forceVoidButton")
        actions.addWidget(self.force_button)
        actions.addStretch(1)
        tx.addLayout(actions)
        from posrev.gui.refund import RefundActions

        self._kind = "void"  # what the progress panel follows: a void or a refund
        self.refund_actions = RefundActions(self, tx)
        add(self.transaction_panel)

        self.progress_panel, pg = _panel("progressPanel")
        self.progress_label = _label("progressLabel")
        pg.addWidget(self.progress_label)
        self.progress_detail = _label("progressDetailLabel")
        pg.addWidget(self.progress_detail)
        bar_row = QHBoxLayout()
        # A countdown to the next check (full = a whole interval left, empty = checking).
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("progressBar")
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedWidth(240)
        bar_row.addWidget(self.progress_bar)
        bar_row.addStretch(1)
        self.stop_button = _button("stopWaitingButton")
        bar_row.addWidget(self.stop_button)
        pg.addLayout(bar_row)
        add(self.progress_panel)

        self.outcome_panel, oc = _panel("outcomePanel")
        # The outcome: a full-width banner, an icon and a headline as large as the amount.
        self.outcome_banner = QFrame()
        self.outcome_banner.setObjectName("outcomeBanner")
        banner = QHBoxLayout(self.outcome_banner)
        banner.setContentsMargins(16, 12, 16, 12)
        banner.setSpacing(16)
        self.outcome_icon = _label("outcomeIcon", wrap=False)
        self.outcome_icon.setFixedSize(64, 64)
        banner.addWidget(self.outcome_icon)
        self.outcome_label = _label("outcomeLabel")
        banner.addWidget(self.outcome_label, 1)
        oc.addWidget(self.outcome_banner)
        self.outcome_detail = _label("outcomeDetailLabel")
        oc.addWidget(self.outcome_detail)
        out_actions = QHBoxLayout()
        self.new_lookup_button = _button("newLookupButton")
        out_actions.addWidget(self.new_lookup_button)
        self.print_button = _button("printSlipButton")
        out_actions.addWidget(self.print_button)
        out_actions.addStretch(1)
        oc.addLayout(out_actions)
        add(self.outcome_panel)

        self.demo_panel, demo = _panel("demoPanel")
        self.demo_title = _label("demoTitle")
        demo.addWidget(self.demo_title)
        self.demo_list = QListWidget()
        self.demo_list.setObjectName("demoList")
        self.demo_list.setStyleSheet("QListWidget::item { min-height: 40px; }")
        self.demo_list.itemActivated.connect(self._demo_chosen)
        self.demo_list.itemClicked.connect(self._demo_chosen)
        demo.addWidget(self.demo_list)
        add(self.demo_panel, 3)

        self.candidate_list.itemActivated.connect(self._candidate_chosen)
        self.candidate_list.itemClicked.connect(self._candidate_chosen)
        self.void_button.clicked.connect(self.void_clicked)
        self.force_button.clicked.connect(self.force_void_clicked)
        self.stop_button.clicked.connect(self.stop_waiting)
        self.new_lookup_button.clicked.connect(self.new_lookup)
        self.print_button.clicked.connect(self.print_slip)
        self.notice_close.clicked.connect(self.dismiss_notice)
        for key, slot in (("Esc", self._escape), ("F2", self.open_pending),
                          ("F3", self.open_journal), ("F6", self.focus_lookup)):
            QShortcut(QKeySequence(key), self, activated=slot)

        order = [self.lookup_input, self.mode_combo, self.lookup_button, self.candidate_list,
                 self.void_button, self.force_button, self.refund_actions.amount_input,
                 self.refund_actions.button, self.stop_button,
                 self.new_lookup_button, self.print_button, self.demo_list,
                 self.pending_button, self.journal_button, self.settings_button,
                  self.cashier_button, self.language_combo]
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)
        # A scanner types into whatever has the focus: a click on a list, a button or a
        # drop-down must not take it from the lookup input (Tab still reaches each one).
        for widget in order[1:]:
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        if self._initialised:  # built after the first paint: give the new parts their state
            self.retranslate()
            self._set_stage(self.stage)
            self._set_busy_starting(self.app is None)

    def _fill_demo_list(self) -> None:
        self.demo_list.clear()
        if self.app is None or not self.app.demo:
            return
        from posrev.simulator import DEMO_ORDERS

        seen = set()
        for demo in DEMO_ORDERS:
            number = demo.out_trade_no or demo.name
            if number not in seen:
                seen.add(number)
                from posrev.gui.qt import QListWidgetItem

                item = QListWidgetItem()
                item.setData(USER_ROLE, number)
                self.demo_list.addItem(item)
        self._render_demo_panel()

    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the window has painted (so work that follows, such as
        opening the core, never delays the first frame)."""
        self._after_paint = callback
        self.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # Installed on this window until its first paint only (after_first_paint).
        if watched is self and event.type() == QEvent.Type.Paint:
            callback, self._after_paint = self._after_paint, None
            self.removeEventFilter(self)
            if callback is not None:
                QTimer.singleShot(0, callback)
            return False
        return super().eventFilter(watched, event)

    # -- texts ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Void a QR payment"))  # Qt appends " — posrev"
        if getattr(self, "fleet_hook", None) is not None:
            self.fleet_hook.retranslate()
        label = self.app.env_label if self.app is not None else "…"
        self.env_badge.setText(label)
        self.env_badge.setStyleSheet(style.badge_css(label))
        self.env_badge.setToolTip(texts.environment_words(
            label, self.app.settings.gateway_url()) if self.app is not None else "")
        self.terminal_label.setText(self.tr("Terminal %1").replace(
            "%1", self.app.udid if self.app is not None else "…"))
        self._render_cashier()
        self._render_connection()
        self.lookup_prompt.setText(self.tr("Scan or type the QFPay number or the order number, "
                                           "then press Enter."))
        self.lookup_input.setPlaceholderText(self.tr("QFPay number or order number"))
        for i, text in enumerate((self.tr("Auto"), self.tr("QFPay number"),
                                  self.tr("Order number"))):
            self.mode_combo.setItemText(i, text)
        self.mode_combo.setToolTip(self.tr("What the scanned number is"))
        self.lookup_button.setText(self.tr("&Look up"))
        self.journal_button.setText(self.tr("Journal"))
        self.journal_button.setToolTip(self.tr("Past voids, search and CSV export (F3)"))
        self.pending_button.setToolTip(self.tr("Voids not confirmed yet (F2)"))
        self.settings_button.setText(self.tr("Settings"))
        self.run_setup_button.setText(self.tr("Set up this terminal"))
        self.run_setup_button.setToolTip(texts.missing_words(*self.setup_missing))
        self._render_pending_button()
        with_index = self.language_combo.findData(self.languages.current)
        if with_index >= 0 and with_index != self.language_combo.currentIndex():
            self.language_combo.blockSignals(True)
            self.language_combo.setCurrentIndex(with_index)
            self.language_combo.blockSignals(False)
        self._render_status()
        if not self._complete:
            return
        self.stop_button.setText(self.tr("&Stop waiting"))
        self.stop_button.setToolTip(self.tr("It keeps being checked in the background and "
                                            "stays in the pending list."))
        self.new_lookup_button.setText(self.tr("&New lookup"))
        self.print_button.setText(self.tr("&Print slip"))
        self.force_button.setText(self.tr("Void anyway (supervisor)"))
        self.notice_close.setText(self.tr("Dismiss"))
        self._render_notice()
        self.candidate_title.setText(self.tr("Several payments have this number. Choose one:"))
        self._render_demo_panel()
        self._render_candidates()
        self._render_transaction()
        self._render_progress()
        self._render_outcome()

    def _render_cashier(self) -> None:
        if self.cashier:
            self.cashier_label.setText(self.tr("Cashier %1").replace("%1", self.cashier))
            self.cashier_button.setText(self.tr("Change cashier"))
        else:
            self.cashier_label.setText(self.tr("No cashier signed in"))
            self.cashier_button.setText(self.tr("Sign in"))

    def _render_connection(self) -> None:
        text = {
            "unknown": self.tr("Gateway: not contacted yet"),
            "ok": self.tr("Gateway: connected"),
            "unreachable": self.tr("Gateway: unreachable"),
            "unclear": self.tr("Gateway: not answering clearly"),
            "rejected": self.tr("Gateway: credentials rejected"),
        }[self.connection]
        self.connection_label.setText("● " + text)
        self.connection_label.setStyleSheet(f"color: {style.CONNECTION[self.connection]};")

    def _render_pending_button(self) -> None:
        self.pending_button.setText(self.tr("Pending (%1)").replace("%1", str(self.pending_count)))

    def _render_demo_panel(self) -> None:
        self.demo_title.setText(self.tr("Demo orders — choose one, or type its number above:"))
        hints = {
            "DEMO-REVERSE": self.tr("unpaid, can be reversed"),
            "DEMO-CLOSE": self.tr("unpaid, can be closed"),
            "DEMO-MPM": self.tr("unpaid WeChat Pay QR order"),
            "DEMO-BIG": self.tr("large amount: needs a supervisor"),
            "DEMO-LATE": self.tr("40 minutes old: needs a supervisor"),
            "DEMO-SLOW": self.tr("the gateway takes a while to confirm"),
            "DEMO-PAYS": self.tr("the customer pays just before the void"),
            "DEMO-LOST": self.tr("the gateway's answer gets lost"),
            "DEMO-PAID": self.tr("already paid: refund instead"),
            "DEMO-VOIDED": self.tr("already voided"),
            "DEMO-REFUNDED": self.tr("already refunded"),
            "DEMO-REFUND-REC": self.tr("a refund record"),
            "DEMO-FAILED": self.tr("the payment failed"),
            "DEMO-OTHERWALLET": self.tr("a wallet that cannot be voided here"),
            "DEMO-OLD": self.tr("too old to void"),
            "DEMO-TWICE": self.tr("two payments with one order number"),
        }
        for row in range(self.demo_list.count()):
            item = self.demo_list.item(row)
            number = item.data(USER_ROLE)
            hint = hints.get(number, "")
            item.setText(f"{number} — {hint}" if hint else number)

    # -- stages ---------------------------------------------------------------------------------
    def _set_stage(self, stage: str) -> None:
        self.stage = stage
        if not self._complete:  # only the input so far: it takes a scan
            self.stage_changed.emit(stage)
            return
        self.candidate_panel.setVisible(stage == "candidates")
        self.transaction_panel.setVisible(stage in ("transaction", "voiding", "outcome"))
        in_decision = stage == "transaction"
        self.verdict_label.setVisible(in_decision)
        self.txn_status_label.setVisible(in_decision)  # the record as looked up; stale later
        self.progress_panel.setVisible(stage == "voiding")
        self.outcome_panel.setVisible(stage == "outcome")
        self.demo_panel.setVisible(self.app is not None and self.app.demo
                                   and stage in ("idle", "lookup"))
        self.busy_bar.setVisible(stage == "lookup")
        self.lookup_button.setEnabled(stage != "voiding")
        if stage == "voiding":
            self._tick.start()
        else:
            self._tick.stop()
        self._render_transaction()
        self.stage_changed.emit(stage)

    def focus_lookup(self) -> None:
        if not self.dialogs.opened:
            self.lookup_input.setFocus()

    def _escape(self) -> None:
        if self.dialogs.opened:
            return
        if self.stage in ("candidates", "transaction", "outcome"):
            self.new_lookup()
        elif self.stage == "idle":
            self.lookup_input.clear()
            self.focus_lookup()

    def new_lookup(self) -> None:
        """Back to step 2: an empty, focused input."""
        if self.stage == "voiding":
            return
        self._generation += 1
        self._lookup = self._txn = self._verdict = self._op = self._progress = None
        self._set_error("")
        self.lookup_input.clear()
        self._set_stage("idle")
        self._render_status()
        self.focus_lookup()

    # -- lookup ---------------------------------------------------------------------------------
    def submit_scan(self) -> None:
        """Enter in the lookup input (a scanner sends it itself). Enter always empties the
        input, so the next scan starts clean, whatever happens to this one."""
        raw = self.lookup_input.text()
        self.lookup_input.clear()
        if not raw.strip() and self.stage == "outcome":
            self.new_lookup()  # "New lookup (or Enter)"
            return
        if self._scan_filter is None:
            from posrev.gui.scanner import ScanFilter

            self._scan_filter = ScanFilter(time.monotonic)
        if not self._scan_filter.accept(raw):
            return  # empty, or the same scan twice within a second: one lookup
        self.scan_accepted.emit(raw)
        self.start_lookup(raw)

    def submit_typed(self) -> None:
        raw = self.lookup_input.text()
        if raw.strip():
            self.start_lookup(raw)
        else:
            self.focus_lookup()

    def start_lookup(self, raw: str) -> None:
        if self._closed:
            return
        self.lookup_input.clear()
        if self.app is None:
            self._queued_scan = raw  # the core is opening; looked up once it is there
            self.status_line.setText(self.tr("Starting… %1 will be looked up in a moment.")
                                     .replace("%1", raw.strip()))
            return
        if self.stage == "voiding":
            self._refuse(raw, self.tr("Wait for the refund to finish, or press Stop waiting, "
                                      "before looking up another payment.")
                         if self._kind == "refund" else
                         self.tr("Wait for the void to finish, or press Stop waiting, "
                                 "before looking up another payment."))
            return
        from posrev.domain.numbers import MODES, NumberError, parse_number

        mode = MODES[self.mode_combo.currentIndex()]
        try:
            parse_number(raw, mode)  # refused here at once, with the reason, nothing sent
        except NumberError as exc:
            self._generation += 1
            self._lookup = self._txn = self._verdict = self._op = None
            self._set_stage("idle")
            self._refuse(raw, texts.number_problem(exc.code))
            return
        self._generation += 1
        generation = self._generation
        self._lookup = self._txn = self._verdict = self._op = None
        self._set_error("")
        self.lookup_input.clear()
        self._set_stage("lookup")
        self._render_status()
        app = self.app
        self.tasks.run(lambda _t: app.lookup(raw, mode),
                       on_success=lambda lk: self._lookup_done(generation, lk),
                       on_failure=lambda exc: self._lookup_failed(generation, exc),
                       name="lookup")
        self.focus_lookup()

    def _lookup_done(self, generation: int, lookup: Lookup) -> None:
        if generation != self._generation:
            return
        self._set_connection("ok")
        self._lookup = lookup
        if lookup.candidates:
            self._set_stage("candidates")
            self._render_candidates()
            self._render_status()
            self.candidate_list.setCurrentRow(0)
        else:
            self._show_transaction(lookup.transaction, lookup.verdict)
        self.lookup_shown.emit(lookup)
        self.focus_lookup()

    def _lookup_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_stage("idle")
        self._note_gateway_error(exc)
        self._set_error(self.error_text(exc))
        self._render_status()
        self.focus_lookup()

    def _render_candidates(self) -> None:
        if self._lookup is None or not self._lookup.candidates:
            self.candidate_list.clear()
            return
        tz = self.app.settings.timezone
        current = self.candidate_list.currentRow()
        self.candidate_list.clear()
        for txn in self._lookup.candidates:
            paid_at = txn.sysdtm_at(tz)
            when = paid_at.strftime("%Y-%m-%d %H:%M:%S %Z") if paid_at else txn.sysdtm
            from posrev.gui.qt import QListWidgetItem

            item = QListWidgetItem(f"{texts.amount(txn.txamt, txn.txcurrcd)}   ·   "
                                   f"{texts.pay_type_name(txn.pay_type)}   ·   {when}   ·   "
                                   f"{txn.syssn}   ·   {texts.txn_status(txn)}")
            item.setData(USER_ROLE, txn)
            self.candidate_list.addItem(item)
        self.candidate_list.setCurrentRow(max(0, current))

    def _candidate_chosen(self, item: QListWidgetItem) -> None:
        if self.stage != "candidates":
            return
        txn = item.data(USER_ROLE)
        generation = self._generation
        self._set_stage("lookup")
        self.tasks.run(lambda _t: self.app.verdict_for(txn),
                       on_success=lambda v: generation == self._generation
                       and self._show_transaction(txn, v),
                       on_failure=lambda exc: self._lookup_failed(generation, exc),
                       name="verdict")

    def _demo_chosen(self, item: QListWidgetItem) -> None:
        if self.stage not in ("idle", "lookup"):
            return
        number = item.data(USER_ROLE)
        self.lookup_input.setText(number)
        self.submit_typed()

    def _show_transaction(self, txn: Transaction | None, verdict: Verdict) -> None:
        self._txn, self._verdict = txn, verdict
        self._set_stage("transaction")
        self._render_status()
        self.focus_lookup()

    def _render_transaction(self) -> None:
        txn, verdict = self._txn, self._verdict
        if verdict is None:
            return
        if txn is None:
            self.amount_label.setText(self.tr("No payment found"))
            self.txn_status_label.setText("")
            self.wallet_label.setText("")
            self.time_label.setText("")
            number = self._lookup.result.number if self._lookup else ""
            self.numbers_label.setText(self.tr("Searched for %1").replace("%1", number))
        else:
            self.amount_label.setText(texts.amount(txn.txamt, txn.txcurrcd))
            self.txn_status_label.setText(texts.txn_status(txn))
            self.wallet_label.setText(texts.pay_type_name(txn.pay_type))
            paid_at = txn.sysdtm_at(self.app.settings.timezone)
            when = paid_at.strftime("%Y-%m-%d %H:%M:%S %Z") if paid_at else txn.sysdtm
            age = texts.ago(verdict.age_seconds)
            self.time_label.setText(texts.time_words(txn).replace("%1", when)
                                    + (f" ({age})" if age else ""))
            numbers = self.tr("QFPay number %1").replace("%1", txn.syssn)
            if txn.out_trade_no:
                numbers += "   ·   " + self.tr("Order number %1").replace("%1", txn.out_trade_no)
            self.numbers_label.setText(numbers)
        tone = style.VERDICT_TONE.get(verdict.code, "info")
        if verdict.can_void:
            tone = "approve" if verdict.needs_supervisor else "go"
        self.verdict_label.setText(texts.verdict_text(verdict))
        self.verdict_label.setStyleSheet(style.tone_css(tone))
        can_void = verdict.can_void and txn is not None
        deciding = self.stage == "transaction"
        self.void_button.setVisible(can_void and deciding)
        self.void_button.setEnabled(can_void and deciding)
        if can_void:
            label = texts.action_button(verdict.action)
            if verdict.needs_supervisor:
                label += " " + self.tr("(supervisor)")
            self.void_button.setText(label)
        self.force_button.setVisible(deciding and verdict.code == "failed_payment"
                                     and not verdict.can_void and txn is not None)

    def _render_status(self) -> None:
        stage = self.stage
        if stage == "lookup":
            text = self.tr("Looking up…")
        elif stage == "candidates":
            text = self.tr("%1 payments found.").replace(
                "%1", str(len(self._lookup.candidates) if self._lookup else 0))
        elif stage == "transaction" and self._lookup is not None:
            text = self.tr("Looked up %1.").replace("%1", self._lookup.result.number)
        elif stage == "voiding" and self._kind == "refund":
            text = self.tr("Refunding… press Stop waiting to leave it to the background "
                           "checks.")
        elif stage == "voiding":
            text = self.tr("Voiding… press Stop waiting to leave it to the background "
                           "checks.")
        elif stage == "outcome":
            text = self.tr("Press Enter or New lookup for the next payment.")
        elif not self.cashier:
            text = self.tr("Sign in before voiding a payment.")
        else:
            text = self.tr("Ready.")
        self.status_line.setText(text)

    def _refuse(self, raw: str, reason: str) -> None:
        """A scan that is not looked up: the entry stays visible, with the reason."""
        from posrev.domain.numbers import normalise

        shown = normalise(raw)
        if len(shown) > 48:
            shown = shown[:45] + "…"
        self._set_error(self.tr("Not looked up: “%1”. %2").replace("%1", shown)
                        .replace("%2", reason))
        self._render_status()
        self.focus_lookup()

    def _set_error(self, text: str) -> None:
        """One status at a time: an error replaces the status line ("Ready." is not shown
        next to it) until the next lookup or the next step clears it."""
        self.error_line.setText(text)
        self.error_line.setVisible(bool(text))
        self.status_line.setVisible(not text)

    def error_text(self, exc: BaseException) -> str:
        """One sentence for the cashier; the core's own sentence where it is specific."""
        from posrev.gateway.client import NotSent, RateLimited, UnknownOutcome, WrongCredentials

        if isinstance(exc, NotSent):
            return self.tr("The gateway could not be reached; nothing was sent. Check the "
                           "network cable or Wi-Fi, then try again.")
        if isinstance(exc, WrongCredentials):
            return self.tr("The gateway rejected this terminal's credentials. Call a "
                           "supervisor or IT.")
        if isinstance(exc, RateLimited):
            return self.tr("The gateway is busy; try again in a minute.")
        if isinstance(exc, UnknownOutcome):
            return self.tr("The gateway did not answer clearly; try again.")
        if isinstance(exc, CredentialsError):
            if getattr(exc, "code", ""):  # the keyring failed: say how, in words
                from posrev.gui.setup import keyring_words

                return keyring_words(exc.code)
            self.run_setup_button.show()
            return self.tr("No QFPay credentials are set on this terminal yet. Press "
                           "“Set up this terminal”.")
        code = getattr(exc, "code", None)
        if isinstance(exc, InputError) and code:
            return self.tr("That number cannot be looked up: %1").replace(
                "%1", texts.number_problem(code))
        if isinstance(exc, InputError):
            return self.tr("That number cannot be looked up: %1").replace("%1", str(exc))
        if isinstance(exc, PosrevError):
            return texts.error_words(exc)  # the core's code in words, else its sentence
        log.error("unexpected error", exc_info=exc)
        return self.tr("Something unexpected went wrong (%1). Try again; if it repeats, "
                       "call IT.").replace("%1", type(exc).__name__)

    def _note_gateway_error(self, exc: BaseException) -> None:
        from posrev.gateway.client import NotSent, RateLimited, UnknownOutcome, WrongCredentials

        if isinstance(exc, NotSent):
            self._set_connection("unreachable")
        elif isinstance(exc, WrongCredentials):
            self._set_connection("rejected")
        elif isinstance(exc, UnknownOutcome | RateLimited):
            self._set_connection("unclear")

    def _set_connection(self, state: str) -> None:
        if state != self.connection:
            self.connection = state
            self._render_connection()

    # -- voiding --------------------------------------------------------------------------------
    def void_clicked(self) -> None:
        self.begin_void(force=False)

    def force_void_clicked(self) -> None:
        self.begin_void(force=True)

    def begin_void(self, force: bool = False) -> None:
        """The one button: supervisor first if needed, then the confirmation, then the void."""
        if self.stage != "transaction" or self._txn is None or self._verdict is None:
            return
        if not self.cashier:
            self.sign_in(then=lambda: self.begin_void(force))
            return
        txn = self._txn
        if force:
            generation = self._generation
            app = self.app
            self.tasks.run(lambda _t: app.verdict_for(txn, force=True),
                           on_success=lambda v: generation == self._generation
                           and self._ask_approval(txn, v, force=True),
                           on_failure=self._show_error, name="verdict-forced")
            return
        self._ask_approval(txn, self._verdict, force=False)

    def _ask_approval(self, txn: Transaction, verdict: Verdict, *, force: bool) -> None:
        if not verdict.can_void:
            self._verdict = verdict
            self._render_transaction()
            return
        if not verdict.needs_supervisor:
            self._confirm(txn, verdict, force=force, approval=None)
            return

        reasons = "; ".join(texts.reason_text(r) for r in verdict.supervisor_reasons)
        summary = self.tr("%1 of %2 needs a supervisor: %3. The supervisor enters their ID "
                          "and PIN here; they cannot be the signed-in cashier (%4).") \
            .replace("%1", translate("Action", texts.ACTIONS[verdict.action])) \
            .replace("%2", texts.amount(txn.txamt, txn.txcurrcd)) \
            .replace("%3", reasons).replace("%4", self.cashier)
        cashier, app = self.cashier, self.app
        grant = app.void_grant(txn, verdict)

        def approve(sup_id: str, pin: str, reason: str) -> Any:
            return app.approve(grant.action, grant.target, sup_id, pin, requester=cashier,
                               reason=reason)

        self.ask_supervisor(summary, approve, lambda approval: self._confirm(
            txn, verdict, force=force, approval=approval))

    def ask_supervisor(self, summary: str, approve: Callable[[str, str, str], Any],
                       on_approved: Callable[[Any], None], parent: QWidget | None = None,
                       reasons: list[str] | None = None) -> None:
        """The supervisor approval dialog; ``approve(id, pin, reason)`` runs on a worker and
        its result goes to ``on_approved``. With no supervisor on this terminal yet (demo
        mode, an unattended install), the first one is created first, as setup would."""
        app = self.app

        def open_approval() -> None:
            from posrev.gui.dialogs import SupervisorDialog
            from posrev.supervisors import REASONS

            dialog = SupervisorDialog(parent or self, tasks=self.tasks, summary=summary,
                                      reasons=reasons or REASONS, approve=approve)
            dialog.approved.connect(on_approved)
            self.dialogs.open(dialog, on_reject=self.focus_lookup)

        def checked(has_supervisors: bool) -> None:
            if has_supervisors:
                open_approval()
            elif app is not None and app.demo:
                self._first_supervisor(parent or self, then=open_approval)
            else:
                # Outside the demo a cashier must not be able to create the supervisor who
                # then approves their own void: IT adds supervisors (setup, or
                # 'posrev supervisor add').
                self.run_setup_button.show()
                self._show_error(SupervisorError(self.tr(
                    "No supervisor is set up on this terminal yet, so this cannot be "
                    "approved. Press “Set up this terminal” to add the first one.")))

        self.tasks.run(lambda _t: app.supervisors.has_supervisors(), on_success=checked,
                       on_failure=self._show_error, name="has-supervisors")

    def _first_supervisor(self, parent: QWidget, then: Callable[[], None]) -> None:
        from posrev.gui.dialogs import NewSupervisorDialog

        dialog = NewSupervisorDialog(parent, self.tr(
            "No supervisor is set up on this terminal yet. A supervisor (not the cashier) "
            "creates the first one now; adding more later needs a supervisor's approval."))
        supervisors, actor = self.app.supervisors, self.cashier or "terminal"

        def add() -> None:
            sup_id, name, pin = dialog.values()
            self.tasks.run(lambda _t: supervisors.add_first(sup_id, name, pin, actor=actor),
                           on_success=lambda _r: then(), on_failure=self._show_error,
                           name="first-supervisor")

        self.dialogs.open(dialog, on_accept=add, on_reject=self.focus_lookup)

    def _confirm(self, txn: Transaction, verdict: Verdict, *, force: bool,
                 approval: Any) -> None:
        from posrev.gui.dialogs import ConfirmVoidDialog

        dialog = ConfirmVoidDialog(self, txn, verdict,
                                   approver=approval.supervisor_id if approval else "")
        def rejected() -> None:
            if dialog.scanned:  # a scan arrived while the question was shown: look it up
                self.lookup_input.setText(dialog.scanned)
                self.submit_scan()
            self.focus_lookup()

        self.dialogs.open(dialog, on_accept=lambda: self._send(txn, force, approval),
                          on_reject=rejected)

    def _send(self, txn: Transaction, force: bool, approval: Any) -> None:
        if self.stage != "transaction":
            return
        self._op = None
        self._progress = None
        self._kind = "void"
        self._set_stage("voiding")
        self.stop_button.setEnabled(True)
        self._render_status()
        self._render_progress()
        app, cashier = self.app, self.cashier

        def work(task: Task) -> Operation:
            # Journals the intent (enforcing every rule), sends, and polls until final, the
            # cashier stops waiting, or the foreground budget is over.
            return app.void(txn, cashier=cashier, approval=approval, force=force,
                            on_progress=task.report, cancel=task.cancel)

        self._void_task = self.tasks.run(work, on_success=self._void_done,
                                         on_failure=self._void_failed,
                                         on_progress=self._void_progress, name="void")
        self.focus_lookup()

    def _void_progress(self, progress: Progress) -> None:
        self._progress = progress
        self._progress_at = time.monotonic()
        self._render_progress()

    def _render_progress(self) -> None:
        if self.stage != "voiding":
            return
        p = self._progress
        if p is None:
            self.progress_label.setText(texts.state_words("intent", self._kind))
            self.progress_detail.setText(self.tr("Writing the refund to the journal…")
                                         if self._kind == "refund" else
                                         self.tr("Writing the void to the journal…"))
            self.progress_bar.hide()
            return
        since = time.monotonic() - self._progress_at
        parts = [self.tr("Check %1").replace("%1", str(p.attempt)),
                 self.tr("%1 elapsed").replace("%1", texts.duration(p.elapsed + since))]
        left = None if p.next_check_in is None else p.next_check_in - since
        if left is not None:
            if left > 0.5:
                parts.append(self.tr("next check in %1 s").replace("%1", str(round(left))))
            else:
                parts.append(self.tr("checking now…"))
        if self._void_task is not None and self._void_task.cancel.is_set():
            parts.append(self.tr("stopping…"))
        self.progress_label.setText(texts.state_words(p.state, self._kind) + "\n"
                                    + "   ·   ".join(parts))
        if left is not None and p.next_check_in:
            self.progress_bar.setValue(round(1000 * max(0.0, left) / p.next_check_in))
            self.progress_bar.show()
        else:
            self.progress_bar.hide()
        # The core's own sentence only where the state's words do not already say it (a
        # lost answer, a refusal being checked); never "processing" a second time.
        said = p.state not in ("unknown", "refused")
        self.progress_detail.setText("" if said else texts.core_message(p))

    def stop_waiting(self) -> None:
        """Leave the operation pending: the background resumer keeps checking it."""
        if self.stage == "voiding" and self._void_task is not None:
            self._void_task.cancel.set()
            self.stop_button.setEnabled(False)
            self._render_progress()

    def _void_done(self, op: Operation) -> None:
        self._void_task = None
        self._op = op
        self._set_connection("unreachable" if texts.nothing_sent(op) else "ok")
        self.show_outcome(op)
        if not op.is_final:
            # Handed to the background: its outcome is shown (or announced) when it settles,
            # and it may already have settled while this answer was on its way.
            self._watched.add(op.op_id)
            self._fetch_operation(op.op_id)

    def _void_failed(self, exc: BaseException) -> None:
        self._void_task = None
        self._note_gateway_error(exc)
        self._set_stage("transaction")
        self._set_error(self.error_text(exc))
        self._render_status()
        self.focus_lookup()

    def _show_error(self, exc: BaseException) -> None:
        self._set_error(self.error_text(exc))

    def show_outcome(self, op: Operation) -> None:
        self._op = op
        self._set_stage("outcome")
        self._render_outcome()
        self._render_status()
        self.outcome_shown.emit(op)
        self.focus_lookup()

    def _render_outcome(self) -> None:
        op = self._op
        if self.stage != "outcome" or op is None:
            return
        from posrev.gui.icons import outcome_icon

        tone = style.OUTCOME_TONE[op.outcome]
        self.outcome_label.setText(texts.outcome_headline(op))
        self.outcome_label.setStyleSheet(f"color: {style.TONE[tone][1]};")
        self.outcome_banner.setStyleSheet("QFrame#outcomeBanner { " + style.tone_css(tone)
                                          + " }")
        self.outcome_icon.setPixmap(outcome_icon(tone, 64))
        lines = [texts.outcome_detail(op)]
        if op.void_syssn and op.kind == "refund":
            lines.append(self.tr("Refund number %1").replace("%1", op.void_syssn))
        elif op.void_syssn:
            lines.append(self.tr("Void number %1").replace("%1", op.void_syssn))
        if op.approver:
            lines.append(self.tr("Approved by %1").replace("%1", op.approver))
        said = texts.core_message(op)
        if said and (not op.is_final or op.outcome == "needs_manual"):
            lines.append(self.tr("Gateway: %1").replace("%1", said))
        self.outcome_detail.setText("\n".join(lines))

    # -- pending, background --------------------------------------------------------------------
    def refresh_pending(self) -> None:
        """Recount the pending voids now. Not needed after a change of an operation (the
        core's change event does it); kept for callers written before that event."""
        self._pending_timer.start()

    def _show_journal_notice(self) -> None:
        notice = self.app.journal_notice if self.app is not None else None
        if notice:
            self.journal_banner.setText(notice)
            self.journal_banner.show()

    def _count_pending(self) -> None:
        if self._closed or self.app is None:
            return
        self._show_journal_notice()
        app = self.app
        self.tasks.run(lambda _t: len(app.pending_operations()),
                       on_success=self._pending_counted, name="pending-count")

    def _pending_counted(self, count: int) -> None:
        self.pending_count = count
        self._render_pending_button()

    def _live_at_start(self, op_ids: list[str]) -> None:
        self._watched.update(op_ids)  # resumed in the background: announced when final
        self._show_journal_notice()
        self.pending_count = len(op_ids)
        self._render_pending_button()

    def _operation_changed(self, op_id: str) -> None:
        """An operation changed state, here or in another process (on the GUI thread)."""
        if self._closed or self.app is None:
            return
        self._pending_timer.start()
        shown = self._op is not None and self._op.op_id == op_id
        if shown or op_id in self._watched:
            self._fetch_operation(op_id)

    def _fetch_operation(self, op_id: str) -> None:
        app = self.app
        if app is None or self._closed:
            return
        self.tasks.run(lambda _t: app.journal.get(op_id), on_success=self._operation_fetched,
                       name="operation")

    def _operation_fetched(self, op: Operation | None) -> None:
        if op is None:
            return
        shown = self.stage == "outcome" and self._op is not None and self._op.op_id == op.op_id
        if shown and op.version > self._op.version:
            self._op = op
            self._render_outcome()  # the panel follows: "Not confirmed yet" → "Voided…"
            self.outcome_shown.emit(op)
        if op.is_final and op.op_id in self._watched:
            self._watched.discard(op.op_id)
            if not shown:
                self._announce(op)

    def _announce(self, op: Operation) -> None:
        """A final outcome reached in the background while the cashier has moved on: a
        notice above the lookup, which does not take the focus or block anything."""
        self._notices.insert(0, op)
        del self._notices[3:]
        self._render_notice()
        self.background_notice.show()
        self.background_outcome.emit(op)

    def _render_notice(self) -> None:
        if not self._notices:
            return
        lines = []
        for op in self._notices:
            payment = texts.amount(op.txamt, op.txcurrcd)
            if op.out_trade_no:
                payment += ", " + self.tr("order %1").replace("%1", op.out_trade_no)
            lines.append(self.tr("An earlier void is now final: %1 (QFPay number %2): %3")
                         .replace("%1", payment).replace("%2", op.orig_syssn)
                         .replace("%3", texts.outcome_headline(op)))
        self.notice_label.setText("\n".join(lines))
        self.background_notice.setStyleSheet(
            "QFrame#backgroundNotice { " + style.tone_css(style.OUTCOME_TONE[self._notices[0]
                                                                            .outcome])
            + " border-radius: 6px; }")

    def dismiss_notice(self) -> None:
        self._notices.clear()
        self.background_notice.hide()
        self.focus_lookup()

    def open_pending(self) -> None:
        if self.app is None:
            return
        from posrev.gui.pending import PendingWindow

        self._show_window("pending", lambda: PendingWindow(self))

    def open_journal(self) -> None:
        if self.app is None:
            return
        from posrev.gui.journal_view import JournalWindow

        self._show_window("journal", lambda: JournalWindow(self))

    def open_settings(self) -> None:
        if self.app is None:
            return
        from posrev.gui.settings import open_settings

        open_settings(self)

    def _show_window(self, key: str, make: Any) -> QWidget:
        window = self._windows.get(key)
        if window is None:
            window = make()
            self._windows[key] = window
        window.show()
        if QApplication.platformName() != "offscreen":  # it cannot raise, and says so
            window.raise_()
        window.activateWindow()
        if hasattr(window, "refresh"):
            window.refresh()
        return window

    # -- cashier, language, slip ----------------------------------------------------------------
    def sign_in(self, then: Any = None) -> None:
        from posrev.gui.dialogs import SignInDialog

        dialog = SignInDialog(self, self.cashier)

        def accepted() -> None:
            self.cashier = dialog.cashier
            self._render_cashier()
            self._render_status()
            self.focus_lookup()
            if callable(then):
                then()

        self.dialogs.open(dialog, on_accept=accepted, on_reject=self.focus_lookup)

    def _language_chosen(self, index: int) -> None:
        code = self.language_combo.itemData(index)
        self.set_language(code)

    def set_language(self, code: str, save: bool = True) -> None:
        if not self.languages.apply(code):
            self._set_error(self.tr("That language is not available on this terminal."))
            return
        if save and self.app is not None:
            from posrev.config import save_user_settings

            paths = self.app.paths
            self.tasks.run(lambda _t: save_user_settings(paths, {"terminal": {"language": code}}),
                           on_failure=lambda exc: log.warning("language not saved: %s", exc),
                           name="save-language")

    def print_slip(self) -> None:
        if self._op is None:
            return
        from posrev.gui.slip import print_slip

        print_slip(self, self._op)

    def slip_saved(self, path: str) -> None:
        self.status_line.setText(self.tr("Slip saved to %1").replace("%1", path))
        self.focus_lookup()

    # -- first run, reconnecting --------------------------------------------------------------
    def showEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            if not self._complete and self._after_paint is None:
                QTimer.singleShot(0, self._build_rest)  # else open_core builds it
            self.focus_lookup()
            if self.app is not None:
                self._check_first_run()

    def _check_first_run(self) -> None:
        app = self.app
        if app is None or app.demo:
            return
        self.tasks.run(lambda _t: (app.has_credentials(), app.supervisors.has_supervisors()),
                       on_success=self._first_run_checked, name="first-run")

    def _first_run_checked(self, found: tuple[bool, bool]) -> None:
        from posrev.gui.setup import first_run_checked

        first_run_checked(self, found)

    def run_setup(self) -> None:
        """"Set up this terminal": whatever is still missing (credentials, supervisor)."""
        from posrev.gui.setup import run_setup

        run_setup(self)

    def reopen(self, demo: bool | None = None) -> None:
        """Re-open the core with the saved settings (after setup or a settings change), or
        in demo mode; the window stays, its contents start afresh."""
        from dataclasses import replace

        options = self.app.options
        if demo is not None:
            options = replace(options, demo=demo)
        old = self.app
        self._stop_listening()
        self.new_lookup()
        self._set_stage("lookup")
        self.status_line.setText(self.tr("Reconnecting…"))

        def work(_task: Any) -> App:
            from posrev.app import App

            old.close()
            return App.open(options)

        self.tasks.run(work, on_success=self._reopened, on_failure=self._reopen_failed,
                       name="reopen")

    def _stop_listening(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._on_change is not None:
            # No reference cycle left through the bridge: the window is freed when its
            # owner lets go of it, not by the garbage collector at some later moment.
            self._on_change.close()
            self._on_change = None

    def _reopened(self, app: App) -> None:
        self._watched.clear()
        for window in self._windows.values():
            window.close()
            window.deleteLater()
        self._windows.clear()
        self.connection = "unknown"
        self._language_option = None  # the saved setting now decides
        self.attach(app)
        self.focus_lookup()

    def _reopen_failed(self, exc: BaseException) -> None:
        self._set_stage("idle")
        self._set_error(self.tr("posrev could not reconnect: %1 Close and start it again.")
                        .replace("%1", str(exc)))
        self.lookup_input.setEnabled(False)

    # -- closing --------------------------------------------------------------------------------
    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop every worker and close the core; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        # A Python event filter must not outlive this window's Python side: Qt would call it
        # while the widgets are being destroyed (a crash when the garbage collector does it).
        self.removeEventFilter(self)
        self._tick.stop()
        self._pending_timer.stop()
        self._stop_listening()
        for window in self._windows.values():
            window.close()
        self.tasks.cancel_all()
        if self.app is not None:
            self.app.stop_background()
        self.tasks.shutdown(wait=True)
        if self.app is not None:
            self.app.close()
