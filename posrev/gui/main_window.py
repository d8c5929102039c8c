"""The cashier window: its layout and its stage machine, driving ``posrev.app.App``.

Stages (``posrev.gui.stage``): ``idle`` → ``lookup`` → (``candidates``) → ``transaction`` →
``voiding`` → ``outcome`` → ``idle``. The flows live beside it: looking up
(``lookup_flow``), voiding and following an operation (``void_flow``), refunding
(``refund``), what the core's change event brings (``background``); the panels are in
``panels``; what child windows share is the :class:`~posrev.gui.session.Session`. Every
call into the core that may block runs through the session's task executor.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from posrev.gui import style, texts
from posrev.gui.dialog_service import DialogService
from posrev.gui.i18n import LANGUAGES, Languages
from posrev.gui.panels import button, label
from posrev.gui.qt import (
    QComboBox,
    QEvent,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QObject,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from posrev.gui.session import Session
from posrev.gui.stage import Shown
from posrev.gui.tasks import Task, TaskManager, collect_garbage_on_gui_thread

if TYPE_CHECKING:
    from posrev.app import App, AppOptions, Operation
    from posrev.domain.eligibility import Verdict
    from posrev.domain.model import Transaction
    from posrev.gui.scanner import ScanFilter

TICK_MS = 250  # the progress countdown's refresh
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


class MainWindow(QMainWindow):
    """The window cashiers use all day."""

    stage_changed = Signal(str)
    outcome_shown = Signal(object)  # Operation
    lookup_shown = Signal(object)  # Lookup
    core_ready = Signal()
    scan_accepted = Signal(str)  # Enter took a scan (looked up now, or once the core is open)
    background_outcome = Signal(object)  # Operation: final while the cashier had moved on

    def __init__(self, app: App | None = None, *, cashier: str = "",
                 languages: Languages | None = None, dialogs: DialogService | None = None,
                 language: str | None = None) -> None:
        """``app`` None: the window paints first and :meth:`open_core` attaches the core
        (what ``posrev.gui.main`` does, so the cashier sees the window at once)."""
        super().__init__()
        collect_garbage_on_gui_thread()  # never on a worker: Qt objects die on their thread
        self.setObjectName("mainWindow")
        self.session = Session(self, cashier=cashier, dialogs=dialogs, languages=languages)
        self.operation_changed = self.session.operation_changed
        self._language_option = language  # --language wins over the terminal's setting
        self._scan_filter: ScanFilter | None = None
        self.stage = "idle"
        self.connection = "unknown"  # unknown | ok | unreachable | unclear | rejected
        self.pending_count = 0
        self.setup_missing = (True, True)  # (has credentials, has a supervisor)
        self.shown = Shown()
        self._complete = False  # the panels below the input are built (_build_rest)
        self._initialised = False
        self._first_show = True
        self._queued_scan = ""
        self._after_paint: Callable[[], None] | None = None
        self.fleet_hook: object | None = None
        self._build()
        self.setStyleSheet(style.STYLESHEET)
        self.resize(1024, 720)
        self.setMinimumSize(800, 600)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.render_progress)
        self._listen_to_session()
        if app is not None:
            self._build_rest()
        self.retranslate()
        self.set_stage("idle")
        self._initialised = True
        if app is not None:
            self.attach(app)
        else:
            self._set_busy_starting(True)

    # What child windows and tests read; the session holds them.
    app = property(lambda self: self.session.app)
    tasks: TaskManager = property(lambda self: self.session.tasks)  # type: ignore[assignment]
    dialogs: DialogService = property(lambda self: self.session.dialogs)  # type: ignore[assignment]
    languages: Languages = property(lambda self: self.session.languages)  # type: ignore[assignment]

    @property
    def cashier(self) -> str:
        return self.session.cashier

    @cashier.setter
    def cashier(self, cashier: str) -> None:
        self.session.cashier = cashier.strip()
        self._cashier_changed(self.session.cashier)

    @property
    def operation(self) -> Operation | None:
        """The operation shown (its outcome, or the one being sent)."""
        return self.shown.op

    def child_window(self, key: str) -> QWidget | None:
        """The pending list, journal or fleet window once opened ("pending", …)."""
        return self.session.windows.get(key)

    def _listen_to_session(self) -> None:
        s = self.session
        s.error_said.connect(self.set_error)
        s.status_said.connect(self._say)
        s.focus_returned.connect(self.focus_lookup)
        s.cashier_changed.connect(self._cashier_changed)
        s.setup_checked.connect(self._setup_checked)
        s.setup_needed.connect(self.run_setup_button.show)
        s.setup_requested.connect(self.run_setup)
        s.settings_requested.connect(self.open_settings)
        s.reopen_requested.connect(self.reopen)

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
        from posrev.gui.qt import Qt  # its enum namespace alone costs ~15 ms: after the paint

        self.lookup_input.setClearButtonEnabled(True)  # loads an icon: after the paint too
        for widget in (self.terminal_label, self.error_line, self.amount_label,
                       self.numbers_label, self.outcome_detail):
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lang = self._language_option or app.settings.language
        if lang != self.languages.current:
            self.set_language(lang, save=False)
        if app.demo and not self.session.cashier:
            from posrev.app import DEMO_CASHIER

            self.session.cashier = DEMO_CASHIER
        self.session.listen(app)
        app.start_background()
        if app.settings.database_url:  # a chain's terminal (posrev/gui/fleet.py)
            from posrev.gui.fleet import attach_fleet

            self.fleet_hook = hook = attach_fleet(self.session)
            if hook is not None:
                self.nav.insertWidget(max(0, self.nav.indexOf(self.pending_button)),
                                      hook.status)
                self.nav.insertWidget(self.nav.indexOf(self.settings_button), hook.button)
        self.demo_panel.fill(app.demo)
        self._set_busy_starting(False)
        self.set_stage("idle")
        self.retranslate()
        self.watcher.start(app)
        if not self._first_show:
            self._check_first_run()
        self.core_ready.emit()
        if self._queued_scan and not self.session.closed:  # scanned while the core opened
            raw, self._queued_scan = self._queued_scan, ""
            self.start_lookup(raw)

    def _set_busy_starting(self, starting: bool) -> None:
        for b in (self.pending_button, self.journal_button, self.settings_button):
            b.setEnabled(not starting)
        if self._complete:
            self.busy_bar.setVisible(starting)
        if starting and not self._queued_scan:
            self.status_line.setText(self.tr("Starting…"))

    def _open_failed(self, exc: BaseException) -> None:
        self._set_busy_starting(False)
        self.lookup_input.setEnabled(False)
        self.lookup_button.setEnabled(False)
        self.set_error(self.tr("posrev cannot start: %1").replace("%1", str(exc)))

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        root = self._root = QVBoxLayout(central)
        root.setContentsMargins(16, 12, 16, 12)
        root.setSpacing(10)
        header = QHBoxLayout()
        self.env_badge = label("envBadge", wrap=False)
        self.terminal_label = label("terminalLabel", wrap=False)
        self.cashier_label = label("cashierLabel", wrap=False)
        self.cashier_button = button("cashierButton")
        self.connection_label = label("connectionLabel", wrap=False)
        for widget in (self.env_badge, self.terminal_label, self.cashier_label,
                       self.cashier_button, self.connection_label):
            header.addWidget(widget)
        header.addStretch(1)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        header.addWidget(self.language_combo)
        root.addLayout(header)
        # A journal set aside (damaged, or deleted/replaced while in use): said loudly, with
        # the unfinished voids found in it, until the window is closed.
        self.journal_banner = label("journalBanner")
        self.journal_banner.setStyleSheet("background: #b71c1c; color: white; "
                                          "font-weight: 600; padding: 8px;")
        self.journal_banner.hide()
        root.addWidget(self.journal_banner)
        nav = self.nav = QHBoxLayout()
        self.pending_button = button("pendingButton")
        self.journal_button = button("journalButton")
        self.settings_button = button("settingsButton")
        # Shown while the terminal lacks credentials or a supervisor (posrev.gui.setup).
        self.run_setup_button = button("runSetupButton")
        self.run_setup_button.hide()
        self.run_setup_button.setStyleSheet("font-weight: 600; background: #1565c0; "
                                            "color: white; border: none; border-radius: 6px;")
        nav.addWidget(self.run_setup_button)
        nav.addStretch(1)
        for b in (self.pending_button, self.journal_button, self.settings_button):
            nav.addWidget(b)
        root.addLayout(nav)
        self.lookup_prompt = label("lookupPrompt")
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
        self.lookup_button = button("lookupButton")
        row.addWidget(self.lookup_button)
        root.addLayout(row)
        self._status_row = QHBoxLayout()
        self.status_line = label("statusLine")
        self._status_row.addWidget(self.status_line, 1)
        root.addLayout(self._status_row)
        self.error_line = label("errorLine")
        self.error_line.hide()
        root.addWidget(self.error_line)
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
        """Everything below the status line, the flows, the shortcuts and the tab order.
        Built right after the first paint when the window opens before its core (the input
        above takes a scan meanwhile), at once otherwise. Safe to call twice."""
        if self._complete:
            return
        self._complete = True
        # Qt classes and modules first used here load here, after the paint.
        from posrev.gui import panels
        from posrev.gui.background import OperationWatcher
        from posrev.gui.lookup_flow import LookupFlow
        from posrev.gui.qt import QKeySequence, QProgressBar, QShortcut, Qt
        from posrev.gui.refund import RefundActions
        from posrev.gui.void_flow import VoidFlow

        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyBar")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedWidth(120)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self._status_row.insertWidget(0, self.busy_bar)
        self.background_notice = panels.NoticePanel()
        self.candidate_panel = panels.CandidatePanel()
        self.transaction_panel = t = panels.TransactionPanel()
        self.progress_panel = p = panels.ProgressPanel()
        self.outcome_panel = o = panels.OutcomePanel()
        self.demo_panel = panels.DemoPanel()
        at = self._root.count() - 1  # before the closing stretch
        for i, panel in enumerate((self.background_notice, self.candidate_panel, t, p, o,
                                   self.demo_panel)):
            self._root.insertWidget(at + i, panel, 3 if panel is self.demo_panel else 0)
        # The widgets by their old names (tests, screenshots, the fleet hook read them).
        (self.amount_label, self.txn_status_label, self.wallet_label, self.time_label,
         self.numbers_label, self.verdict_label, self.void_button, self.force_button) = (
            t.amount_label, t.txn_status_label, t.wallet_label, t.time_label,
            t.numbers_label, t.verdict_label, t.void_button, t.force_button)
        (self.progress_label, self.progress_detail, self.progress_bar, self.stop_button) = (
            p.progress_label, p.progress_detail, p.progress_bar, p.stop_button)
        (self.outcome_label, self.outcome_detail, self.new_lookup_button,
         self.print_button) = (o.outcome_label, o.outcome_detail, o.new_lookup_button,
                               o.print_button)
        self.candidate_list, self.demo_list = self.candidate_panel.list, self.demo_panel.list
        self.watcher = OperationWatcher(self)
        self.lookups = LookupFlow(self)
        self.voids = VoidFlow(self, self.watcher)
        self.refund_actions = RefundActions(self, self.voids, t.box)
        self.watcher.counted.connect(self._pending_counted)
        self.watcher.finished_in_background.connect(self._announce)
        self.candidate_panel.chosen.connect(self.lookups.candidate_chosen)
        self.demo_panel.chosen.connect(self._demo_chosen)
        self.void_button.clicked.connect(self.void_clicked)
        self.force_button.clicked.connect(self.force_void_clicked)
        self.stop_button.clicked.connect(self.voids.stop_waiting)
        self.new_lookup_button.clicked.connect(self.new_lookup)
        self.print_button.clicked.connect(self.print_slip)
        self.background_notice.close_button.clicked.connect(self.dismiss_notice)
        for key, slot in (("Esc", self._escape), ("F2", self.open_pending),
                          ("F3", self.open_journal), ("F6", self.focus_lookup)):
            QShortcut(QKeySequence(key), self, activated=slot)
        order = [self.lookup_input, self.mode_combo, self.lookup_button, self.candidate_list,
                 self.void_button, self.force_button, self.refund_actions.amount_input,
                 self.refund_actions.button, self.stop_button, self.new_lookup_button,
                 self.print_button, self.demo_list, self.pending_button, self.journal_button,
                 self.settings_button, self.cashier_button, self.language_combo]
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)
        # A scanner types into whatever has the focus: a click on a list, a button or a
        # drop-down must not take it from the lookup input (Tab still reaches each one).
        for widget in order[1:]:
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        if self._initialised:  # built after the first paint: give the new parts their state
            self.retranslate()
            self.set_stage(self.stage)
            self._set_busy_starting(self.app is None)

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
        return bool(super().eventFilter(watched, event))

    # -- texts ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        app = self.app
        self.setWindowTitle(self.tr("Void a QR payment"))  # Qt appends " — posrev"
        if self.fleet_hook is not None:
            self.fleet_hook.retranslate()  # type: ignore[attr-defined]
        badge = app.env_label if app is not None else "…"
        self.env_badge.setText(badge)
        self.env_badge.setStyleSheet(style.badge_css(badge))
        self.env_badge.setToolTip(texts.environment_words(badge, app.settings.gateway_url())
                                  if app is not None else "")
        self.terminal_label.setText(self.tr("Terminal %1").replace(
            "%1", app.udid if app is not None else "…"))
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
        self.render_status()
        if not self._complete:
            return
        for panel in (self.background_notice, self.candidate_panel, self.transaction_panel,
                      self.progress_panel, self.outcome_panel, self.demo_panel):
            panel.retranslate()
        self.show_candidates(render_only=True)
        self.render_transaction()
        self.render_progress()
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

    def render_status(self) -> None:
        stage, lookup = self.stage, self.shown.lookup
        if stage == "lookup":
            text = self.tr("Looking up…")
        elif stage == "candidates":
            text = self.tr("%1 payments found.").replace(
                "%1", str(len(lookup.candidates) if lookup else 0))
        elif stage == "transaction" and lookup is not None:
            text = self.tr("Looked up %1.").replace("%1", lookup.result.number)
        elif stage == "voiding" and self.shown.kind == "refund":
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

    # -- stages ---------------------------------------------------------------------------------
    def set_stage(self, stage: str) -> None:
        self.stage = stage
        if not self._complete:  # only the input so far: it takes a scan
            self.stage_changed.emit(stage)
            return
        self.candidate_panel.setVisible(stage == "candidates")
        self.transaction_panel.setVisible(stage in ("transaction", "voiding", "outcome"))
        self.transaction_panel.set_deciding(stage == "transaction")
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
        self.render_transaction()
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
        self.shown.forget()
        if self._complete:
            self.progress_panel.progress = None
        self.set_error("")
        self.lookup_input.clear()
        self.set_stage("idle")
        self.render_status()
        self.focus_lookup()

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

    def scan(self, raw: str) -> None:
        """A scan that arrived elsewhere (a dialog had the keys): as if typed here."""
        self.lookup_input.setText(raw)
        self.submit_scan()

    def submit_typed(self) -> None:
        raw = self.lookup_input.text()
        if raw.strip():
            self.start_lookup(raw)
        else:
            self.focus_lookup()

    def start_lookup(self, raw: str) -> None:
        if self.session.closed:
            return
        self.lookup_input.clear()
        if self.app is None:
            self._queued_scan = raw  # the core is opening; looked up once it is there
            self.status_line.setText(self.tr("Starting… %1 will be looked up in a moment.")
                                     .replace("%1", raw.strip()))
            return
        self.lookups.start(raw, self.mode_combo.currentIndex())

    def _demo_chosen(self, number: str) -> None:
        if self.stage in ("idle", "lookup"):
            self.lookup_input.setText(number)
            self.submit_typed()

    def show_candidates(self, render_only: bool = False) -> None:
        lookup = self.shown.lookup
        candidates = lookup.candidates if lookup is not None else ()
        self.candidate_panel.render(candidates, self.app.settings.timezone if candidates
                                    else "UTC")
        if not render_only:
            self.set_stage("candidates")
            self.render_status()
            self.candidate_list.setCurrentRow(0)

    def show_transaction(self, txn: Transaction | None, verdict: Verdict) -> None:
        self.shown.txn, self.shown.verdict = txn, verdict
        self.set_stage("transaction")
        self.render_status()
        self.focus_lookup()

    def render_transaction(self) -> None:
        verdict, lookup = self.shown.verdict, self.shown.lookup
        if verdict is None or self.app is None:
            return
        self.transaction_panel.render(
            self.shown.txn, verdict, searched=lookup.result.number if lookup else "",
            tz=self.app.settings.timezone,
            void_window_hours=self.app.settings.rules.void_window_hours,
            deciding=self.stage == "transaction")

    def refuse(self, raw: str, reason: str) -> None:
        """A scan that is not looked up: the entry stays visible, with the reason."""
        from posrev.domain.numbers import normalise

        shown = normalise(raw)
        if len(shown) > 48:
            shown = shown[:45] + "…"
        self.set_error(self.tr("Not looked up: “%1”. %2").replace("%1", shown)
                       .replace("%2", reason))
        self.render_status()
        self.focus_lookup()

    def set_error(self, text: str) -> None:
        """One status at a time: an error replaces the status line ("Ready." is not shown
        next to it) until the next lookup or the next step clears it."""
        self.error_line.setText(text)
        self.error_line.setVisible(bool(text))
        self.status_line.setVisible(not text)

    def _say(self, text: str) -> None:
        self.status_line.setText(text)
        self.focus_lookup()

    def error_text(self, exc: BaseException) -> str:
        return self.session.error_text(exc)

    def note_gateway_error(self, exc: BaseException) -> None:
        from posrev.gateway.client import NotSent, RateLimited, UnknownOutcome, WrongCredentials

        if isinstance(exc, NotSent):
            self.set_connection("unreachable")
        elif isinstance(exc, WrongCredentials):
            self.set_connection("rejected")
        elif isinstance(exc, UnknownOutcome | RateLimited):
            self.set_connection("unclear")

    def set_connection(self, state: str) -> None:
        if state != self.connection:
            self.connection = state
            self._render_connection()

    # -- voiding --------------------------------------------------------------------------------
    def void_clicked(self) -> None:
        self.voids.begin(force=False)

    def force_void_clicked(self) -> None:
        self.voids.begin(force=True)

    def begin_void(self, force: bool = False) -> None:
        self.voids.begin(force)

    def stop_waiting(self) -> None:
        self.voids.stop_waiting()

    def render_progress(self) -> None:
        if self.stage == "voiding":
            self.progress_panel.render(self.shown.kind, self.voids.stopping)

    def show_outcome(self, op: Operation) -> None:
        self.shown.op = op
        self.set_stage("outcome")
        self._render_outcome()
        self.render_status()
        self.outcome_shown.emit(op)
        self.focus_lookup()

    def update_outcome(self, op: Operation) -> None:
        """The operation shown changed: the panel follows ("Not confirmed yet" → "Voided")."""
        self.shown.op = op
        self._render_outcome()
        self.outcome_shown.emit(op)

    def _render_outcome(self) -> None:
        if self.stage == "outcome" and self.shown.op is not None:
            self.outcome_panel.render(self.shown.op)

    # -- pending, background --------------------------------------------------------------------
    def refresh_pending(self) -> None:
        """Recount the pending voids now (the core's change event does it by itself)."""
        self.watcher.count()

    def _pending_counted(self, count: int) -> None:
        notice = self.app.journal_notice if self.app is not None else None
        if notice:
            self.journal_banner.setText(notice)
            self.journal_banner.show()
        self.pending_count = count
        self._render_pending_button()

    def _announce(self, op: Operation) -> None:
        self.background_notice.announce(op)
        self.background_outcome.emit(op)

    def dismiss_notice(self) -> None:
        self.background_notice.dismiss()
        self.focus_lookup()

    def open_pending(self) -> None:
        if self.app is not None:
            from posrev.gui.pending import PendingWindow

            self.session.show_window("pending", lambda: PendingWindow(self.session))

    def open_journal(self) -> None:
        if self.app is not None:
            from posrev.gui.journal_view import JournalWindow

            self.session.show_window("journal", lambda: JournalWindow(self.session))

    def open_settings(self) -> None:
        if self.app is not None:
            from posrev.gui.settings import open_settings

            open_settings(self.session)

    # -- cashier, language, slip ----------------------------------------------------------------
    def sign_in(self, then: Callable[[], None] | None = None) -> None:
        self.session.sign_in(then if callable(then) else None)

    def _cashier_changed(self, _cashier: str) -> None:
        self._render_cashier()
        self.render_status()

    def _language_chosen(self, index: int) -> None:
        self.set_language(self.language_combo.itemData(index))

    def set_language(self, code: str, save: bool = True) -> None:
        self.session.set_language(code, save)

    def print_slip(self) -> None:
        if self.shown.op is not None:
            from posrev.gui.slip import print_slip

            print_slip(self.session, self.shown.op)

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
        if self.app is not None and not self.app.demo:
            from posrev.gui.setup import check_first_run

            check_first_run(self.session)

    def _setup_checked(self, has_credentials: bool, has_supervisors: bool) -> None:
        self.run_setup_button.setVisible(self.app is not None and not self.app.demo
                                         and not (has_credentials and has_supervisors))
        self.setup_missing = (has_credentials, has_supervisors)
        self.run_setup_button.setToolTip(texts.missing_words(has_credentials, has_supervisors))

    def run_setup(self) -> None:
        """"Set up this terminal": whatever is still missing (credentials, supervisor)."""
        from posrev.gui.setup import run_setup

        run_setup(self.session)

    def reopen(self, demo: bool | None = None) -> None:
        """Re-open the core with the saved settings (after setup or a settings change), or
        in demo mode; the window stays, its contents start afresh."""
        from dataclasses import replace

        old = self.session.core
        options = old.options if demo is None else replace(old.options, demo=demo)
        self.session.stop_listening()
        self.new_lookup()
        self.set_stage("lookup")
        self.status_line.setText(self.tr("Reconnecting…"))

        def work(_task: Task) -> App:
            from posrev.app import App

            old.close()
            return App.open(options)

        self.tasks.run(work, on_success=self._reopened, on_failure=self._reopen_failed,
                       name="reopen")

    def _reopened(self, app: App) -> None:
        self.session.close_windows(delete=True)
        self.connection = "unknown"
        self._language_option = None  # the saved setting now decides
        self.attach(app)
        self.focus_lookup()

    def _reopen_failed(self, exc: BaseException) -> None:
        self.set_stage("idle")
        self.set_error(self.tr("posrev could not reconnect: %1 Close and start it again.")
                       .replace("%1", str(exc)))
        self.lookup_input.setEnabled(False)

    # -- closing --------------------------------------------------------------------------------
    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop every worker and close the core; safe to call twice."""
        session = self.session
        if session.closed:
            return
        session.closed = True
        # A Python event filter must not outlive this window's Python side: Qt would call it
        # while the widgets are being destroyed (a crash when the garbage collector does it).
        self.removeEventFilter(self)
        self._tick.stop()
        if self._complete:
            self.watcher.stop()
        session.stop_listening()
        session.close_windows()
        self.tasks.cancel_all()
        if self.app is not None:
            self.app.stop_background()
        self.tasks.shutdown(wait=True)
        if self.app is not None:
            self.app.close()
