"""The cashier window: its layout and its stage machine (``stage``: idle → lookup →
(candidates) → transaction → voiding → outcome → idle), driving ``posrev.app.App``. Beside
it: its parts (``panels``), the flows (``lookup_flow``, ``void_flow``, ``refund``), what the
core's change event brings (``background``), the screens it opens (``screens``) and what
they all share (``session``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from posrev.gui import parts, style
from posrev.gui.dialog_service import DialogService
from posrev.gui.i18n import Languages
from posrev.gui.lookup_flow import LookupFlow
from posrev.gui.qt import QEvent, QMainWindow, QTimer, QVBoxLayout, QWidget, Signal
from posrev.gui.screens import Screens
from posrev.gui.session import Session
from posrev.gui.shown import Shown, status_words
from posrev.gui.tasks import TaskManager, collect_garbage_on_gui_thread

if TYPE_CHECKING:
    from posrev.app import App, AppOptions, Operation
    from posrev.model.transaction import Transaction
    from posrev.model.verdict import Verdict



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
        self.session = s = Session(self, cashier=cashier, dialogs=dialogs, languages=languages)
        self.screens = Screens(s)
        self.operation_changed = s.operation_changed
        self._language_option = language  # --language wins over the terminal's setting
        self.stage = "idle"
        self.shown = Shown()
        self._complete = False  # the panels below the input are built (_build_rest)
        self._initialised = False
        self._first_show = True
        self._first_paint: parts.FirstPaint | None = None
        self._build()
        self.setStyleSheet(style.STYLESHEET)
        self.resize(1024, 720)
        self.setMinimumSize(800, 600)
        for signal, slot in ((s.error_said, self.set_error), (s.status_said, self._say),
                             (s.focus_returned, self.focus_lookup),
                             (s.cashier_changed, self._cashier_changed),
                             (s.setup_checked, self._setup_checked),
                             (s.setup_needed, self.nav.run_setup_button.show),
                             (s.core_opened, self.attach), (s.reopening, self._reopening),
                             (s.reopen_failed, self._reopen_failed)):
            signal.connect(slot)
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

    # -- the core ---------------------------------------------------------------------------
    def open_core(self, options: AppOptions,
                  on_failure: Callable[[BaseException], None] | None = None) -> None:
        """Open the core on a worker (imports, journal, config) and attach it."""
        self._build_rest()
        self.session.open_core(options, on_failure or self._open_failed,
                               language=self._language_option)

    def attach(self, app: App) -> None:
        """Start working with ``app`` (opened, or re-opened): texts, background, counts."""
        self._build_rest()
        self.lookup_bar.lookup_input.setClearButtonEnabled(True)  # an icon: after the paint
        parts.selectable(self.header.terminal_label, self.status_row.error_line,
                   self.transaction_panel.amount_label, self.transaction_panel.numbers_label,
                   self.outcome_panel.outcome_detail)
        self.session.start(app, language=self._language_option)
        self._language_option = None  # from now on (a re-opened core) the setting decides
        self.screens.attach_fleet(self.nav)  # a chain's terminal (posrev/gui/fleet.py)
        self.demo_panel.fill(app.demo)
        self._set_busy_starting(False)
        self.set_stage("idle")
        self.retranslate()
        self.watcher.start(app)
        if not self._first_show:
            self.screens.check_first_run()
        self.core_ready.emit()
        self.lookups.take_queued()  # scanned while the core was opening
        self.focus_lookup()

    def _set_busy_starting(self, starting: bool) -> None:
        self.nav.set_starting(starting)
        self.status_row.set_busy(starting)
        if starting and not self.lookups.queued:
            self.status_row.say(self.tr("Starting…"))

    def _open_failed(self, exc: BaseException) -> None:
        self._set_busy_starting(False)
        self.lookup_bar.lookup_button.setEnabled(False)
        self.lookup_bar.lookup_input.setEnabled(False)
        from posrev.gui import texts

        self.set_error(self.tr("posrev cannot start: %1").replace("%1", texts.error_words(exc)))

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        self._root = root = QVBoxLayout(central)
        root.setContentsMargins(16, 12, 16, 12)
        root.setSpacing(10)
        self.header, self.nav = h, n = parts.HeaderBar(), parts.NavBar()
        self.lookup_bar = b = parts.LookupBar()
        self.status_row = parts.StatusRow()
        self.journal_banner = parts.JournalBanner()
        for part in (h, self.journal_banner, n, b, self.status_row):
            root.addWidget(part)
        root.addStretch(1)
        self.setCentralWidget(central)
        self._expose(h, n, b, self.status_row)
        self.lookups = LookupFlow(self, b)
        b.lookup_input.escape_pressed.connect(self._escape)
        # Bound methods, not lambdas capturing self: PySide tracks a bound method's object,
        # while a lambda makes a cycle that can outlive the window (a crash at exit).
        n.pending_button.clicked.connect(self.screens.open_pending)
        n.journal_button.clicked.connect(self.screens.open_journal)
        n.settings_button.clicked.connect(self.screens.open_settings)
        n.run_setup_button.clicked.connect(self.screens.run_setup)
        h.cashier_button.clicked.connect(self.session.sign_in)
        h.language_chosen.connect(self.set_language)

    def _expose(self, *parts: QWidget) -> None:
        for part in parts:
            for name in getattr(part, "NAMES", ()):
                setattr(self, name, getattr(part, name))

    def _build_rest(self) -> None:
        """Everything below the status line, the flows, shortcuts and tab order: right after
        the first paint when the core opens later (the input takes scans meanwhile)."""
        if self._complete:
            return
        self._complete = True
        # Qt classes and modules first used here load here, after the paint.
        from posrev.gui import panels
        from posrev.gui.background import OperationWatcher
        from posrev.gui.qt import QKeySequence, QShortcut
        from posrev.gui.refund import RefundActions
        from posrev.gui.void_flow import VoidFlow

        self.status_row.add_busy_bar()
        self.background_notice, self.candidate_panel = panels.NoticePanel(), \
            panels.CandidatePanel()
        self.transaction_panel, self.progress_panel = t, p = panels.TransactionPanel(), \
            panels.ProgressPanel()
        self.outcome_panel, self.demo_panel = o, d = panels.OutcomePanel(), panels.DemoPanel()
        at = self._root.count() - 1  # before the closing stretch
        for i, panel in enumerate((self.background_notice, self.candidate_panel, t, p, o, d)):
            self._root.insertWidget(at + i, panel, 3 if panel is d else 0)
        self._expose(t, p, o)
        self.candidate_list, self.demo_list = self.candidate_panel.list, d.list
        self.watcher = OperationWatcher(self)
        self.voids = VoidFlow(self, self.watcher)
        self.refund_actions = r = RefundActions(self, self.voids, t.box)
        for signal, slot in ((self.watcher.counted, self._pending_counted),
                             (self.watcher.finished_in_background,
                              self.background_notice.announce),
                             (self.watcher.finished_in_background, self.background_outcome),
                             (self.candidate_panel.chosen, self.lookups.candidate_chosen),
                             (d.chosen, self.lookups.demo_chosen),
                             (o.new_lookup_button.clicked, self.new_lookup),
                             (o.print_button.clicked, self.print_slip),
                             (self.background_notice.close_button.clicked,
                              self.background_notice.dismiss),
                             (self.background_notice.close_button.clicked, self.focus_lookup)):
            signal.connect(slot)
        for key, slot in (("Esc", self._escape), ("F2", self.screens.open_pending),
                          ("F3", self.screens.open_journal), ("F6", self.focus_lookup)):
            QShortcut(QKeySequence(key), self, activated=slot)
        h, n, b = self.header, self.nav, self.lookup_bar
        parts.tab_chain(self, b.lookup_input, b.mode_combo, b.lookup_button,
                         self.candidate_list, t.void_button, t.force_button, r.amount_input,
                         r.button, p.stop_button, o.new_lookup_button, o.print_button, d.list,
                         n.pending_button, n.journal_button, n.settings_button,
                         h.cashier_button, h.language_combo)
        if self._initialised:  # built after the first paint: give the new parts their state
            self.retranslate()
            self.set_stage(self.stage)
            self._set_busy_starting(self.app is None)

    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the window has painted (so work that follows, such as
        opening the core, never delays the first frame)."""
        self._first_paint = parts.FirstPaint(self, callback)

    # -- texts ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Void a QR payment"))  # Qt appends " — posrev"
        self.screens.retranslate()
        self.header.retranslate(self.app, self.cashier, self.languages.current)
        self.nav.retranslate()
        self.lookup_bar.retranslate()
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

    def render_status(self) -> None:
        self.status_row.say(status_words(self.stage, self.shown, self.cashier))

    # -- stages ---------------------------------------------------------------------------------
    def set_stage(self, stage: str) -> None:
        self.stage = stage
        if self._complete:  # else only the input so far: it takes a scan
            self.candidate_panel.setVisible(stage == "candidates")
            self.transaction_panel.setVisible(stage in ("transaction", "voiding", "outcome"))
            self.transaction_panel.set_deciding(stage == "transaction")
            self.progress_panel.setVisible(stage == "voiding")
            self.outcome_panel.setVisible(stage == "outcome")
            self.demo_panel.setVisible(self.app is not None and self.app.demo
                                       and stage in ("idle", "lookup"))
            self.status_row.set_busy(stage == "lookup")
            self.lookup_bar.lookup_button.setEnabled(stage != "voiding")
            self.render_transaction()
        self.stage_changed.emit(stage)

    def focus_lookup(self) -> None:
        if not self.dialogs.opened:
            self.lookup_bar.lookup_input.setFocus()

    def _escape(self) -> None:
        if self.dialogs.opened:
            return
        if self.stage in ("candidates", "transaction", "outcome"):
            self.new_lookup()
        elif self.stage == "idle":
            self.lookup_bar.lookup_input.clear()
            self.focus_lookup()

    def new_lookup(self) -> None:
        """Back to step 2: an empty, focused input."""
        if self.stage == "voiding":
            return
        self.shown.forget()
        self.set_error("")
        self.lookup_bar.lookup_input.clear()
        self.set_stage("idle")
        self.render_status()
        self.focus_lookup()

    def show_candidates(self, render_only: bool = False) -> None:
        lookup = self.shown.lookup
        candidates = lookup.candidates if lookup is not None else ()
        self.candidate_panel.render(candidates, self.app.settings.timezone if candidates
                                    else "UTC")
        if not render_only:
            self.set_stage("candidates")
            self.render_status()
            self.candidate_panel.list.setCurrentRow(0)

    def show_transaction(self, txn: Transaction | None, verdict: Verdict) -> None:
        self.shown.txn, self.shown.verdict = txn, verdict
        self.set_stage("transaction")
        self.render_status()
        self.focus_lookup()

    def render_transaction(self) -> None:
        if self.shown.verdict is not None and self.app is not None:
            self.transaction_panel.render(self.shown, self.app.settings,
                                          deciding=self.stage == "transaction")

    def set_error(self, text: str) -> None:
        self.status_row.set_error(text)

    def _say(self, text: str) -> None:
        self.status_row.say(text)
        self.focus_lookup()

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

    # -- what the core's change event brings, the cashier, the language -----------------------
    def _pending_counted(self, count: int) -> None:
        self.journal_banner.show_notice(self.app)
        self.nav.set_pending(count)

    def print_slip(self) -> None:
        self.screens.print_slip(self.shown.op)

    def _cashier_changed(self, cashier: str) -> None:
        self.header.render_cashier(cashier)
        self.render_status()

    def set_language(self, code: str, save: bool = True) -> None:
        self.session.set_language(code, save)

    # -- first run, reconnecting, closing -------------------------------------------------------
    def showEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            if not self._complete and self._first_paint is None:
                QTimer.singleShot(0, self._build_rest)  # else open_core builds it
            self.focus_lookup()
            self.screens.check_first_run()

    def _setup_checked(self, has_credentials: bool, has_supervisors: bool) -> None:
        self.nav.show_setup(has_credentials, has_supervisors,
                            offered=self.app is not None and not self.app.demo)

    def _reopening(self) -> None:
        self.new_lookup()
        self.set_stage("lookup")
        self.status_row.say(self.tr("Reconnecting…"))
        self.header.connection = "unknown"

    def _reopen_failed(self, exc: BaseException) -> None:
        self.set_stage("idle")
        self.lookup_bar.lookup_input.setEnabled(False)
        self.set_error(self.tr("posrev could not reconnect: %1 Close and start it again.")
                       .replace("%1", str(exc)))

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop every worker and close the core; safe to call twice."""
        if self._first_paint is not None:
            self._first_paint.cancel()
        if self._complete:
            self.watcher.stop()
            self.voids.stop()
        self.session.shutdown()
