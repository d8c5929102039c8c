"""What the windows opened from the cashier window share: the core (``app``), the task
executor, the dialog service, the signed-in cashier, supervisor approvals, the one error
sentence, and the core's "operation changed" event delivered on the GUI thread.

The pending list, the journal, settings, setup, the slip, the refund row and the fleet
window get a :class:`Session`, never the cashier window: they ask it for what they need, and
the cashier window listens to its signals (an error to show, the setup button, a reconnect).
So no child window imports ``main_window`` and a new screen needs only this module.

Its sentences keep the translation context "MainWindow": they are the cashier window's own
and were translated there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from posrev.errors import CredentialsError, InputError, PosrevError, SupervisorError
from posrev.gui import texts
from posrev.gui.dialog_service import DialogService
from posrev.gui.i18n import Languages
from posrev.gui.qt import QApplication, QObject, QWidget, Signal, translate
from posrev.gui.tasks import Bridge, Task, TaskManager

if TYPE_CHECKING:  # the core is imported when it is opened, after the first paint
    from posrev.app import App, AppOptions

log = logging.getLogger(__name__)

# Pending and Journal fit a 1024 × 768 screen (with its taskbar) and open centred on the
# cashier window.
WINDOW_SIZE = (980, 640)


class Session(QObject):
    """One per cashier window; its ``app`` is None until the core is open."""

    # The core's one "operation changed" event (any thread, any process sharing the
    # journal), delivered on the GUI thread: the window, the pending list and the count
    # follow it; nothing is refreshed by hand.
    operation_changed = Signal(str)  # op_id
    error_said = Signal(str)  # one sentence for the cashier window's error line
    status_said = Signal(str)  # one sentence for its status line
    focus_returned = Signal()  # a dialog or window closed: the lookup input takes the keys
    cashier_changed = Signal(str)
    setup_checked = Signal(bool, bool)  # (has credentials, has a supervisor)
    setup_needed = Signal()  # "Set up this terminal" is the way forward
    setup_requested = Signal()  # run whatever setup is missing
    settings_requested = Signal()
    core_opened = Signal(object)  # App: opened, or re-opened with new settings
    reopening = Signal()  # the core closes and opens again (after setup or settings)
    reopen_failed = Signal(object)  # BaseException

    def __init__(self, window: QWidget, *, cashier: str = "",
                 dialogs: DialogService | None = None,
                 languages: Languages | None = None) -> None:
        super().__init__(window)
        self.window = window  # the parent of dialogs and child windows
        self.app: App | None = None
        self.cashier = cashier.strip()
        self.tasks = TaskManager(window)
        self.dialogs = dialogs or DialogService()
        self.languages = languages or Languages.for_app(QApplication.instance())
        self.windows: dict[str, QWidget] = {}
        self.closed = False
        self._bridge: Bridge | None = None
        self._unsubscribe: Callable[[], None] | None = None

    @property
    def core(self) -> App:
        """The core, for code that runs only once it is open."""
        assert self.app is not None, "the core is not open yet"
        return self.app

    # -- the core's change event ------------------------------------------------------------
    def listen(self, app: App) -> None:
        self.stop_listening()
        self.app = app
        self._bridge = Bridge(self.operation_changed.emit, self)
        self._unsubscribe = app.subscribe(self._bridge)

    def stop_listening(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._bridge is not None:
            # No reference cycle left through the bridge: the window is freed when its
            # owner lets go of it, not by the garbage collector at some later moment.
            self._bridge.close()
            self._bridge = None

    # -- what child windows ask -------------------------------------------------------------
    @property
    def requester(self) -> str:
        """Who asks for an approval: the signed-in cashier, else the terminal itself."""
        return self.cashier or "terminal"

    def return_focus(self) -> None:
        self.focus_returned.emit()

    def say(self, text: str) -> None:
        self.status_said.emit(text)

    def show_error(self, exc: BaseException) -> None:
        self.error_said.emit(self.error_text(exc))

    def open_settings(self) -> None:
        self.settings_requested.emit()

    def run_setup(self) -> None:
        self.setup_requested.emit()

    # -- the core's life -----------------------------------------------------------------
    def open_core(self, options: AppOptions,
                  on_failure: Callable[[BaseException], None] | None = None, *,
                  language: str | None = None) -> None:
        """Open the core on a worker (imports, journal, config); ``core_opened`` follows.
        ``language``: the one the window was started in (``--language``), which wins over
        the terminal's setting, also when saying why the core did not open."""

        def work(_task: Task) -> App:
            from posrev.app import App

            try:
                return App.open(options)
            except PosrevError as exc:
                exc.language = App.terminal_language(options)  # type: ignore[attr-defined]
                raise

        def failed(exc: BaseException) -> None:
            # Why the core did not open is said in the terminal's language, which its
            # settings name, unless the window was started in another.
            setting = getattr(exc, "language", None)
            if not language and setting and setting != self.languages.current:
                self.languages.apply(setting)
            if on_failure is not None:
                on_failure(exc)
            else:
                log.error("the core did not open: %s", exc)

        self.tasks.run(work, on_success=self.core_opened.emit, on_failure=failed,
                       name="open-core")

    def start(self, app: App, *, language: str | None = None) -> None:
        """Work with ``app``: in ``language`` (else the terminal's), its change event here,
        its background resumer running."""
        lang = language or app.settings.language
        if lang != self.languages.current:
            self.set_language(lang, save=False)
        if app.demo and not self.cashier:
            from posrev.app import DEMO_CASHIER

            self.cashier = DEMO_CASHIER
        self.listen(app)
        app.start_background()

    def reopen(self, demo: bool | None = None) -> None:
        """Re-open the core with the saved settings (after setup or a settings change), or
        in demo mode (``demo`` True); the child windows close."""
        old = self.core
        options = old.options if demo is None else old.options._replace(demo=demo)
        self.stop_listening()
        self.reopening.emit()

        def work(_task: Task) -> App:
            from posrev.app import App

            old.close()
            return App.open(options)

        self.tasks.run(work, on_success=self._reopened, on_failure=self.reopen_failed.emit,
                       name="reopen")

    def _reopened(self, app: App) -> None:
        self.close_windows(delete=True)
        self.core_opened.emit(app)

    def shutdown(self) -> None:
        """Stop every worker and close the core; safe to call twice."""
        if self.closed:
            return
        self.closed = True
        self.stop_listening()
        self.close_windows()
        self.tasks.cancel_all()
        if self.app is not None:
            self.app.stop_background()
        self.tasks.shutdown(wait=True)
        if self.app is not None:
            self.app.close()

    def finish_setup(self) -> None:
        """Setup saved the credentials and the first supervisor: reconnect with them."""
        self.setup_checked.emit(True, True)
        self.reopen()

    def error_text(self, exc: BaseException) -> str:
        """One sentence for the cashier; the core's own sentence where it is specific."""
        from posrev.gateway.client import NotSent, RateLimited, UnknownOutcome, WrongCredentials

        if isinstance(exc, NotSent):
            return translate("MainWindow", "The gateway could not be reached; nothing was "
                                           "sent. Check the network cable or Wi-Fi, then try "
                                           "again.")
        if isinstance(exc, WrongCredentials):
            return translate("MainWindow", "The gateway rejected this terminal's credentials. "
                                           "Call a supervisor or IT.")
        if isinstance(exc, RateLimited):
            return translate("MainWindow", "The gateway is busy; try again in a minute.")
        if isinstance(exc, UnknownOutcome):
            return translate("MainWindow", "The gateway did not answer clearly; try again.")
        if isinstance(exc, CredentialsError):
            if texts.is_keyring_failure(exc):  # the keyring failed: say how, in words
                return texts.keyring_words(exc.code)  # type: ignore[attr-defined]
            self.setup_needed.emit()
            return translate("MainWindow", "No QFPay credentials are set on this terminal "
                                           "yet. Press “Set up this terminal”.")
        code = getattr(exc, "code", None)
        if isinstance(exc, InputError):
            return translate("MainWindow", "That number cannot be looked up: %1").replace(
                "%1", texts.number_problem(code) if code else str(exc))
        if isinstance(exc, PosrevError):
            return texts.error_words(exc)  # the core's code in words, else its sentence
        log.error("unexpected error", exc_info=exc)
        return translate("MainWindow", "Something unexpected went wrong (%1). Try again; if "
                                       "it repeats, call IT.").replace("%1", type(exc).__name__)

    def ask_supervisor(self, summary: str, approve: Callable[[str, str, str], Any],
                       on_approved: Callable[[Any], None], parent: QWidget | None = None,
                       reasons: list[str] | None = None) -> None:
        """The supervisor approval dialog; ``approve(id, pin, reason)`` runs on a worker and
        its result goes to ``on_approved``. With no supervisor on this terminal yet (demo
        mode, an unattended install), the first one is created first, as setup would."""
        app = self.core
        owner = parent or self.window

        def open_approval() -> None:
            from posrev.gui.dialogs import SupervisorDialog
            from posrev.supervisors import REASONS

            dialog = SupervisorDialog(owner, tasks=self.tasks, summary=summary,
                                      reasons=reasons or REASONS, approve=approve)
            dialog.approved.connect(on_approved)
            self.dialogs.open(dialog, on_reject=self.return_focus)

        def checked(has_supervisors: bool) -> None:
            if has_supervisors:
                open_approval()
            elif app.demo:
                self._first_supervisor(owner, then=open_approval)
            else:
                # Outside the demo a cashier must not be able to create the supervisor who
                # then approves their own void: IT adds supervisors (setup, or
                # 'posrev supervisor add').
                self.setup_needed.emit()
                self.show_error(SupervisorError(translate(
                    "MainWindow", "No supervisor is set up on this terminal yet, so this "
                                  "cannot be approved. Press “Set up this terminal” to add "
                                  "the first one.")))

        self.tasks.run(lambda _t: app.has_supervisors(), on_success=checked,
                       on_failure=self.show_error, name="has-supervisors")

    def _first_supervisor(self, parent: QWidget, then: Callable[[], None]) -> None:
        from posrev.gui.dialogs import NewSupervisorDialog

        dialog = NewSupervisorDialog(parent, translate(
            "MainWindow", "No supervisor is set up on this terminal yet. A supervisor (not "
                          "the cashier) creates the first one now; adding more later needs a "
                          "supervisor's approval."))
        app, actor = self.core, self.requester

        def add() -> None:
            sup_id, name, pin = dialog.values()
            self.tasks.run(lambda _t: app.add_supervisor(sup_id, name, pin, None,
                                                         requester=actor),
                           on_success=lambda _r: then(), on_failure=self.show_error,
                           name="first-supervisor")

        self.dialogs.open(dialog, on_accept=add, on_reject=self.return_focus)

    def sign_in(self, then: Callable[[], None] | None = None) -> None:
        from posrev.gui.dialogs import SignInDialog

        dialog = SignInDialog(self.window, self.cashier)

        def accepted() -> None:
            self.cashier = dialog.cashier
            self.cashier_changed.emit(self.cashier)
            self.return_focus()
            if callable(then):  # a button's clicked(bool) passes False
                then()

        self.dialogs.open(dialog, on_accept=accepted, on_reject=self.return_focus)

    def set_language(self, code: str, save: bool = True) -> None:
        if not self.languages.apply(code):
            self.error_said.emit(translate("MainWindow", "That language is not available on "
                                                         "this terminal."))
            return
        if save and self.app is not None:
            from posrev.config import save_user_settings

            paths = self.app.paths
            self.tasks.run(lambda _t: save_user_settings(paths, {"terminal": {"language": code}}),
                           on_failure=lambda exc: log.warning("language not saved: %s", exc),
                           name="save-language")

    # -- child windows ----------------------------------------------------------------------
    def show_window(self, key: str, make: Callable[[], QWidget]) -> QWidget:
        """The one window of its kind (made on first use), shown, raised and refreshed."""
        window = self.windows.get(key)
        if window is None:
            window = make()
            self.windows[key] = window
        window.show()
        if QApplication.platformName() != "offscreen":  # it cannot raise, and says so
            window.raise_()
        window.activateWindow()
        refresh = getattr(window, "refresh", None)
        if callable(refresh):
            refresh()
        return window

    def close_windows(self, *, delete: bool = False) -> None:
        for window in self.windows.values():
            window.close()
            if delete:
                window.deleteLater()
        if delete:
            self.windows.clear()

    def place_window(self, window: QWidget) -> None:
        """Size ``window`` to fit the screen and centre it on the cashier window."""
        screen = self.window.screen().availableGeometry() \
            if self.window.screen() is not None else None
        width, height = WINDOW_SIZE
        if screen is not None and screen.width() > 0:
            width, height = min(width, screen.width() - 20), min(height, screen.height() - 40)
        window.resize(width, height)
        self.centre(window)

    def centre(self, window: QWidget) -> None:
        """Centre ``window`` on the cashier window, kept inside the screen."""
        main = self.window
        screen = main.screen().availableGeometry() if main.screen() is not None else None
        width, height = window.width(), window.height()
        centre = main.frameGeometry().center()
        x, y = centre.x() - width // 2, centre.y() - height // 2
        if screen is not None and screen.width() > 0:
            x = max(screen.left(), min(x, screen.right() - width))
            y = max(screen.top(), min(y, screen.bottom() - height))
        window.move(x, y)
