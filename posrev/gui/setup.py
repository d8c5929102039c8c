"""First-run setup (docs/GUI.md, "First run: setup"): environment, credentials with a
connection test that tells a wrong key from a dead network, the terminal's udid, and the
first supervisor. Until it is done the cashier can try demo mode instead.

Secrets go to the OS keyring through the core (``CredentialStore.save``) on a worker; the
wizard never writes them anywhere else and never shows them again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from posrev.gateway.environments import ENVIRONMENTS, REGIONS, base_url_for
from posrev.gui import texts
from posrev.gui.dialogs import choice, form_layout
from posrev.gui.i18n import LANGUAGES
from posrev.gui.parts import label as named_label
from posrev.gui.qt import (
    QCheckBox,
    QComboBox,
    QEvent,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRegularExpression,
    QRegularExpressionValidator,
    QVBoxLayout,
    QWizard,
    QWizardPage,
    Signal,
    translate,
)
from posrev.gui.style import STYLESHEET
from posrev.messages import Text

if TYPE_CHECKING:
    from posrev.gui.session import Session

keyring_words = texts.keyring_words  # where the window imports it from
# Test results that leave the credentials untested: going on needs "continue anyway".
CONNECTION_FAILED = ("unreachable", "unknown", "tls")

CHECK_COLOURS = {"ok": "#1b5e20", "wrong_credentials": "#b71c1c", "unreachable": "#e65100",
                 "tls": "#b71c1c",
                 "unknown": "#e65100", "busy": "#37474f"}


def environment_url(env: str, region: str, base_url: str) -> str:
    """The gateway URL the wizard's choices give (validated by the core)."""
    from posrev.gateway.environments import check_base_url

    return check_base_url(base_url) if base_url.strip() else base_url_for(env, region)


def env_name(env: str) -> str:
    from posrev.gui.qt import translate

    return {"sandbox": translate("Setup", "Sandbox (QFPay's shared test system)"),
            "test": translate("Setup", "Test (real gateway, test money)"),
            "live": translate("Setup", "Live (real money)")}[env]


def secret_words(exc: BaseException) -> str:
    """A malformed app code or client key, from the core's code (the secret never shown)."""
    from posrev.gui.qt import translate

    code, params = getattr(exc, "code", ""), getattr(exc, "params", {}) or {}
    what = translate("Setup", "The app code") if params.get("what") == "app code" \
        else translate("Setup", "The client key")
    if code == "secret_length":
        return translate("Setup", "%1 must be %2 to %3 characters; you entered %4.") \
            .replace("%1", what).replace("%2", str(params.get("min"))) \
            .replace("%3", str(params.get("max"))).replace("%4", str(params.get("length")))
    if code == "secret_character":
        return translate("Setup", "%1 may contain only letters, digits and ASCII punctuation, "
                                  "without spaces; character %2 is not allowed.") \
            .replace("%1", what).replace("%2", str(params.get("position")))
    return str(exc)


def check_first_run(session: Session) -> None:
    """After the core opened: offer "Set up this terminal" while credentials or a supervisor
    are missing; with no credentials at all, open the wizard at once."""
    app = session.core

    def checked(found: tuple[bool, bool]) -> None:
        has_credentials, has_supervisors = found
        session.setup_checked.emit(has_credentials, has_supervisors)
        if not has_credentials and not has_supervisors:
            open_wizard(session, need_credentials=True, need_supervisor=True)

    session.tasks.run(lambda _t: (app.has_credentials(), app.has_supervisors()),
                      on_success=checked, name="first-run")


def run_setup(session: Session) -> None:
    """Whatever the terminal still lacks: the whole wizard on a fresh terminal; the first
    supervisor alone when the credentials are stored; Settings (a supervisor approves) when
    a supervisor exists but the credentials do not."""
    app = session.app
    if app is None or app.demo:
        return

    def checked(found: tuple[bool, bool]) -> None:
        has_credentials, has_supervisors = found
        session.setup_checked.emit(has_credentials, has_supervisors)
        if not has_supervisors:
            open_wizard(session, need_credentials=not has_credentials, need_supervisor=True)
        elif not has_credentials:
            session.open_settings()
        else:
            session.say(translate("Setup", "This terminal is set up."))

    session.tasks.run(lambda _t: (app.has_credentials(), app.has_supervisors()),
                      on_success=checked, on_failure=session.show_error, name="setup-check")


def open_wizard(session: Session, *, need_credentials: bool, need_supervisor: bool) -> None:
    if session.dialogs.find("setupWizard") is not None:
        return
    wizard = SetupWizard(session, need_supervisor=need_supervisor,
                         need_credentials=need_credentials)
    wizard.completed.connect(session.finish_setup)  # both exist now: reconnect
    session.dialogs.open(wizard, on_reject=session.return_focus)


class _Page(QWizardPage):
    """A page of the wizard: its objectName, a wrapped introduction at the top."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.page_layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.page_layout.addWidget(self.intro)


class EnvironmentPage(_Page):
    demo_requested = Signal()

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__("envPage")
        s = wizard.session.core.settings
        layout = self.page_layout
        form = form_layout()
        self.env = choice("wizardEnvCombo", ((env_name(e), e) for e in ENVIRONMENTS), s.env)
        self.region = choice("wizardRegionCombo", ((r.upper(), r) for r in REGIONS), s.region)
        self.base_url = QLineEdit(s.base_url)
        self.base_url.setObjectName("wizardBaseUrl")
        self.base_url.setPlaceholderText("https://…")
        self.env_label, self.region_label, self.url_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.env_label, self.env)
        form.addRow(self.region_label, self.region)
        form.addRow(self.url_label, self.base_url)
        layout.addLayout(form)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.demo_hint = QLabel()
        self.demo_hint.setWordWrap(True)
        row.addWidget(self.demo_hint, 1)
        self.demo_button = QPushButton()
        self.demo_button.setObjectName("wizardDemoButton")
        self.demo_button.clicked.connect(self.demo_requested)
        row.addWidget(self.demo_button)
        layout.addLayout(row)
        self.registerField("env", self.env, "currentData")
        self.registerField("region", self.region, "currentData")
        self.registerField("base_url", self.base_url)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to posrev"))
        self.setSubTitle(self.tr("Step 1 of 4: which QFPay gateway does this terminal use?"))
        self.intro.setText(self.tr("posrev voids unfinished Alipay and WeChat Pay payments "
                                   "through QFPay. Your QFPay account manager tells you the "
                                   "environment and region."))
        self.env_label.setText(self.tr("&Environment"))
        self.env_label.setBuddy(self.env)
        self.region_label.setText(self.tr("&Region"))
        self.region_label.setBuddy(self.region)
        self.url_label.setText(self.tr("Gateway &URL (optional)"))
        self.url_label.setBuddy(self.base_url)
        self.demo_hint.setText(self.tr("No credentials yet? Try posrev with a simulated "
                                       "gateway and demo orders."))
        self.demo_button.setText(self.tr("Try &demo mode"))

    def url(self) -> str:
        return environment_url(self.env.currentData(), self.region.currentData(),
                               self.base_url.text())

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        from posrev.errors import PosrevError
        from posrev.gui.i18n import current_language

        try:
            self.url()
        except PosrevError as exc:
            # The core says why in English (no code): as it is in English; otherwise a
            # sentence in the wizard's language, the core's words in the tooltip for IT.
            english = current_language() == "en"
            self.intro.setText(str(exc) if english else self.tr(
                "This gateway URL cannot be used. Check it, or leave it empty to use the "
                "environment and region chosen above."))
            self.intro.setToolTip("" if english else str(exc))
            self.intro.setStyleSheet("color: #b71c1c;")
            return False
        return True


class CredentialsPage(_Page):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__("credentialsPage")
        self.wizard_ = wizard
        self.result_kind = ""
        layout = self.page_layout
        form = form_layout()
        self.app_code = QLineEdit()
        self.app_code.setObjectName("wizardAppCode")
        self.app_code.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)  # masked once typed
        self.client_key = QLineEdit()
        self.client_key.setObjectName("wizardClientKey")
        self.client_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.mchid = QLineEdit(wizard.session.core.settings.mchid)
        self.mchid.setObjectName("wizardMchid")
        self.mchid.setMaxLength(16)
        self.app_label, self.key_label, self.mchid_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.app_label, self.app_code)
        form.addRow(self.key_label, self.client_key)
        form.addRow(self.mchid_label, self.mchid)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.test_button = QPushButton()
        self.test_button.setObjectName("wizardTestButton")
        self.test_button.clicked.connect(self.test_connection)
        row.addWidget(self.test_button)
        self.result = named_label("wizardTestResult")
        row.addWidget(self.result, 1)
        layout.addLayout(row)
        self.continue_anyway = QCheckBox()
        self.continue_anyway.setObjectName("wizardContinueAnyway")
        self.continue_anyway.hide()
        self.continue_anyway.toggled.connect(self.completeChanged)
        layout.addWidget(self.continue_anyway)
        self.keyring_status = named_label("wizardKeyringStatus")
        layout.addWidget(self.keyring_status)
        layout.addStretch(1)
        # Not registered as mandatory fields: QWizard would also wipe them on Back.
        self.keyring_problem: str | None = None  # None while unchecked, "" when usable
        self._tested_url = ""
        self._advance_when_ok = False
        for edit in (self.app_code, self.client_key, self.mchid):
            edit.textChanged.connect(self._forget_result)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Credentials"))
        self.setSubTitle(self.tr("Step 2 of 4: the app code and client key QFPay gave you. "
                                 "They are kept in the system's keyring only."))
        self.intro.setText(self.tr("Next tests the connection first: it tells a wrong key from "
                                   "a network problem."))
        self.app_label.setText(self.tr("&App code"))
        self.app_label.setBuddy(self.app_code)
        self.key_label.setText(self.tr("&Client key"))
        self.key_label.setBuddy(self.client_key)
        self.mchid_label.setText(self.tr("&Merchant ID (mchid, optional)"))
        self.mchid_label.setBuddy(self.mchid)
        self.test_button.setText(self.tr("&Test connection"))
        self.continue_anyway.setText(self.tr("Continue without a working connection: the "
                                             "credentials are saved untested, and voids fail "
                                             "until the gateway answers."))
        if self.keyring_problem is not None:
            self._render_keyring()

    # -- the keyring, checked as the page opens ----------------------------------------------
    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        if self.result_kind and self._tested_url != self._current_url():
            self._forget_result()  # another gateway was chosen since: test it again
        if self.keyring_problem == "":
            return  # usable a moment ago (Back, then Next again)
        self.keyring_problem = None
        self.keyring_status.setText(self.tr("Checking the system's keyring…"))
        self.keyring_status.setStyleSheet(f"color: {CHECK_COLOURS['busy']};")
        store = self.wizard_.session.core.credential_store()

        def work(_task: Any) -> str:
            from posrev.errors import CredentialsError

            try:
                store.check_keyring()
            except CredentialsError as exc:
                return exc.code or "unavailable"
            return ""

        self.wizard_.session.tasks.run(work, on_success=self._keyring_checked,
                                    on_failure=lambda _e: self._keyring_checked("unavailable"),
                                    name="keyring-check")

    def _keyring_checked(self, problem: str) -> None:
        self.keyring_problem = problem
        self._render_keyring()
        self.completeChanged.emit()

    def _render_keyring(self) -> None:
        problem = self.keyring_problem
        if not problem:
            self.keyring_status.setText(self.tr("The system's keyring is ready to keep the "
                                                "credentials."))
            self.keyring_status.setStyleSheet(f"color: {CHECK_COLOURS['ok']};")
            return
        words = keyring_words(problem) + " " + self.tr("Press Back, then Next, to check "
                                                       "again.")
        self.keyring_status.setText(words)
        self.keyring_status.setStyleSheet(f"color: {CHECK_COLOURS['wrong_credentials']}; "
                                          "font-weight: 600;")

    def cleanupPage(self) -> None:  # noqa: N802 - Qt's name
        """Back keeps what was typed (QWizard's default would clear the fields)."""

    def _current_url(self) -> str:
        from posrev.errors import PosrevError

        try:
            return self.wizard_.environment().url()
        except PosrevError:
            return ""

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return (self.keyring_problem == "" and bool(self.app_code.text().strip())
                and bool(self.client_key.text().strip()))

    def _forget_result(self) -> None:
        self.result_kind = ""
        self.result.setText("")
        self._advance_when_ok = False
        self.continue_anyway.setChecked(False)
        self.continue_anyway.hide()
        self.completeChanged.emit()

    def test_connection(self) -> None:
        from posrev.credentials import validate_secret
        from posrev.errors import PosrevError

        app = self.wizard_.session.core
        try:
            url = self.wizard_.environment().url()
            app_code = validate_secret("app code", self.app_code.text())
            client_key = validate_secret("client key", self.client_key.text())
        except PosrevError as exc:
            self._show("wrong_credentials", secret_words(exc))
            return
        mchid = self.mchid.text().strip() or None

        def work(_task: Any) -> Any:
            gateway = app.probe_gateway(url, app_code, client_key, mchid)
            try:
                return app.check_connection(gateway)
            finally:
                gateway.close_session()

        self.test_button.setEnabled(False)
        self._show("busy", self.tr("Testing…"))
        self._tested_url = url
        self.wizard_.session.tasks.run(work, on_success=self._tested,
                                    on_failure=lambda e: self._tested_error(e), name="check")

    def _tested(self, result: Any) -> None:
        self.test_button.setEnabled(True)
        advance, self._advance_when_ok = self._advance_when_ok, False
        words = {
            "ok": self.tr("Connected: the gateway accepted the credentials."),
            "wrong_credentials": self.tr("The gateway rejected the credentials: the app code "
                                         "or client key is wrong, or belongs to another "
                                         "environment or region."),
            "unreachable": self.tr("The gateway could not be reached: check the network. The "
                                   "credentials were not tested."),
            "unknown": self.tr("The gateway answered unclearly; try again."),
            # The core names the TLS failure (untrusted, expired, not TLS…).
            "tls": texts.render(Text("credentials.tls", {"reason": result.reason}))
            if result.reason is not None else result.message,
        }
        # The core's findings name the gateway's shape (signatures, close, proxy, routing).
        # They name configuration keys and stay in English: inline in English, a tooltip
        # for IT in the other languages, so the result itself reads in the wizard's language.
        said = words.get(result.kind, result.message)
        english = self.wizard_.session.languages.current == "en"
        self._show(result.kind, f"{said} {result.shape}".strip() if english else said)
        self.result.setToolTip("" if english else
                               f"{result.message} {result.shape}".strip())
        if advance and result.kind == "ok" and self.wizard_.currentPage() is self:
            self.wizard_.next()

    def _tested_error(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self._advance_when_ok = False
        self._show("unknown", self.tr("The connection could not be tested (%1); try again.")
                   .replace("%1", type(exc).__name__))

    def _show(self, kind: str, text: str) -> None:
        self.result_kind = "" if kind == "busy" else kind
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {CHECK_COLOURS[kind]}; font-weight: 600;")
        failed = kind in CONNECTION_FAILED
        self.continue_anyway.setVisible(failed)
        if not failed:
            self.continue_anyway.setChecked(False)

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        """Next tests the connection first when it was not tested; it goes on by itself
        when the gateway accepts the credentials. A refused key is never stored; an
        untested one only when the cashier ticks "continue without a working connection"."""
        if self.result_kind == "ok":
            return True
        if self.result_kind in CONNECTION_FAILED:
            if self.continue_anyway.isChecked():
                return True
            self.continue_anyway.setFocus()
            return False
        if self.result_kind == "":
            self._advance_when_ok = True  # goes on by itself once the gateway accepts them
            if self.test_button.isEnabled():  # else a test is already running
                self.test_connection()
        return False


class TerminalPage(_Page):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__("terminalPage")
        layout = self.page_layout
        form = form_layout()
        self.udid = QLineEdit(wizard.session.core.udid)
        self.udid.setObjectName("wizardUdid")
        self.udid.setMaxLength(40)
        self.udid.setValidator(QRegularExpressionValidator(QRegularExpression(r"[!-~]{1,40}"),
                                                           self.udid))
        self.language = QComboBox()
        self.language.setObjectName("wizardLanguage")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(
            wizard.session.languages.current)))
        self.store = QLineEdit(wizard.session.core.settings.store_name)
        self.store.setObjectName("wizardStoreName")
        self.store.setMaxLength(60)
        self.udid_label, self.language_label, self.store_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.udid_label, self.udid)
        form.addRow(self.store_label, self.store)
        form.addRow(self.language_label, self.language)
        layout.addLayout(form)
        layout.addStretch(1)
        # Not a mandatory field: QWizard counts a mandatory field as filled only once it
        # differs from its first value, and the generated udid is valid as it is.
        self.registerField("udid", self.udid)
        self.registerField("language", self.language, "currentData")
        self.udid.textChanged.connect(self.completeChanged)
        self.retranslate()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return bool(self.udid.text().strip()) and self.udid.hasAcceptableInput()

    def cleanupPage(self) -> None:  # noqa: N802 - Qt's name
        """Back keeps what was typed."""

    def retranslate(self) -> None:
        self.setTitle(self.tr("This terminal"))
        self.setSubTitle(self.tr("Step 3 of 4: the terminal's ID (udid) is sent with every "
                                 "void; keep the generated one unless IT gave you one."))
        self.intro.setText(self.tr("Only a supervisor can change these later, in Settings."))
        self.udid_label.setText(self.tr("Terminal &ID (udid)"))
        self.udid_label.setBuddy(self.udid)
        self.language_label.setText(self.tr("&Language"))
        self.language_label.setBuddy(self.language)
        self.store_label.setText(self.tr("&Store name (on the slip, optional)"))
        self.store_label.setBuddy(self.store)


class SupervisorPage(_Page):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__("supervisorPage")
        layout = self.page_layout
        form = form_layout()
        pin_re = QRegularExpression(r"[0-9]{0,12}")
        self.sup_id = QLineEdit()
        self.sup_id.setObjectName("wizardSupervisorId")
        self.sup_id.setMaxLength(32)
        self.name = QLineEdit()
        self.name.setObjectName("wizardSupervisorName")
        self.name.setMaxLength(64)
        self.pin = QLineEdit()
        self.pin.setObjectName("wizardSupervisorPin")
        self.pin2 = QLineEdit()
        self.pin2.setObjectName("wizardSupervisorPin2")
        for edit in (self.pin, self.pin2):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(12)
            edit.setValidator(QRegularExpressionValidator(pin_re, edit))
        self.labels = [QLabel() for _ in range(4)]
        for label, edit in zip(self.labels, (self.sup_id, self.name, self.pin, self.pin2),
                               strict=True):
            form.addRow(label, edit)
            label.setBuddy(edit)
        layout.addLayout(form)
        self.error = named_label("wizardSupervisorError")
        self.error.setStyleSheet("color: #b71c1c; font-weight: 600;")
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.registerField("sup_id*", self.sup_id)
        self.registerField("sup_name*", self.name)
        self.registerField("sup_pin*", self.pin)
        self.registerField("sup_pin2*", self.pin2)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("First supervisor"))
        if getattr(self, "_only", False):
            self.setSubTitle(self.tr("The credentials are set; this terminal still needs its "
                                     "first supervisor, who approves risky voids and changes "
                                     "settings with a PIN of 6 to 12 digits."))
        else:
            self.setSubTitle(self.tr("Step 4 of 4: a supervisor approves risky voids and "
                                     "changes settings with a PIN of 6 to 12 digits."))
        self.intro.setText(self.tr("Adding more supervisors later needs this supervisor's "
                                   "approval."))
        for label, text in zip(self.labels, (self.tr("Supervisor &ID"), self.tr("&Name"),
                                             self.tr("&PIN"), self.tr("PIN &again")),
                               strict=True):
            label.setText(text)

    def only_step(self) -> None:
        """The wizard has this page alone: the credentials are already stored."""
        self._only = True
        self.retranslate()

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        if self.pin.text() != self.pin2.text():
            self.error.setText(self.tr("The two PINs are not the same."))
            self.pin2.clear()
            self.pin2.setFocus()
            return False
        if not 6 <= len(self.pin.text()) <= 12:
            self.error.setText(self.tr("The PIN must have 6 to 12 digits."))
            self.pin.setFocus()
            return False
        self.error.setText("")
        return True


class SetupWizard(QWizard):
    """Saves everything on Finish, on a worker; stays open with the reason if that fails."""

    completed = Signal()

    def __init__(self, session: Session, *, need_supervisor: bool,
                 need_credentials: bool = True) -> None:
        super().__init__(session.window)
        self.setObjectName("setupWizard")
        self.session = session
        self.setStyleSheet(STYLESHEET)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        # With credentials already stored (the command line, a cancelled supervisor step)
        # only the first supervisor is missing: changing the rest would need one.
        self.env_page = EnvironmentPage(self) if need_credentials else None
        self.credentials_page = CredentialsPage(self) if need_credentials else None
        self.terminal_page = TerminalPage(self) if need_credentials else None
        self.supervisor_page = SupervisorPage(self) if need_supervisor else None
        for page in (self.env_page, self.credentials_page, self.terminal_page,
                     self.supervisor_page):
            if page is not None:
                self.addPage(page)
        if self.env_page is not None:
            self.env_page.demo_requested.connect(self._demo)
        if self.supervisor_page is not None and not need_credentials:
            self.supervisor_page.only_step()
        self._saving = False
        self.setWindowTitle(self.tr("Set up posrev"))
        self.resize(680, 560)

    def environment(self) -> EnvironmentPage:
        """The environment page (there whenever the credentials page is)."""
        assert self.env_page is not None
        return self.env_page

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.tr("Set up posrev"))
            for page_id in self.pageIds():
                page = self.page(page_id)
                if hasattr(page, "retranslate"):
                    page.retranslate()
        super().changeEvent(event)

    def _demo(self) -> None:
        self.reject()
        self.session.reopen(demo=True)  # called, not connected: no lambda cycle on the signal

    def accept(self) -> None:
        if self._saving or not self.validateCurrentPage():
            return
        app = self.session.core
        env_page, cred, term = self.env_page, self.credentials_page, self.terminal_page
        updates: dict[str, dict[str, object]] | None = None
        app_code = client_key = ""
        if env_page is not None and cred is not None and term is not None:
            updates = {"gateway": {"env": env_page.env.currentData(),
                                   "region": env_page.region.currentData(),
                                   "base_url": env_page.base_url.text().strip(),
                                   "mchid": cred.mchid.text().strip()},
                       "terminal": {"udid": term.udid.text().strip(),
                                    "store_name": term.store.text().strip(),
                                    "language": term.language.currentData()}}
            app_code, client_key = cred.app_code.text(), cred.client_key.text()
        sup = self.supervisor_page
        first = (sup.sup_id.text().strip(), sup.name.text().strip(), sup.pin.text()) \
            if sup is not None else None

        def work(_task: Any) -> None:
            # First run: the core allows it without approval only while there are neither
            # credentials nor supervisors; the first supervisor is created last.
            if updates is not None:
                app.apply_settings(updates, app_code=app_code, client_key=client_key)
            if first is not None and not app.has_supervisors():
                app.add_supervisor(*first, None)

        self._saving = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.session.tasks.run(work, on_success=lambda _r: self._saved(),
                            on_failure=self._save_failed, name="setup")

    def _saved(self) -> None:
        self._saving = False
        self.completed.emit()
        super().accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        page = self.currentPage()
        target = getattr(page, "error", None) or getattr(page, "intro", None)
        if isinstance(target, QLabel):
            target.setText(texts.error_words(exc) if texts.is_keyring_failure(exc)
                           else secret_words(exc))
            target.setStyleSheet("color: #b71c1c; font-weight: 600;")
