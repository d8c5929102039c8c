"""Settings, behind a supervisor's approval (docs/GUI.md): gateway, terminal udid, language,
credentials (blank keeps the stored ones), and adding a supervisor (its own approval).

The approval is consumed by the core right before the change is written, on a worker; the
file is then read back by the core's own parser, and restored if it does not pass."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from posrev.gateway.environments import ENVIRONMENTS, REGIONS
from posrev.gateway.signing import SIGN_TYPES
from posrev.gui import texts
from posrev.gui.dialogs import (
    NewSupervisorDialog,
    action_buttons,
    choice,
    dialog_layout,
    form_layout,
)
from posrev.gui.i18n import LANGUAGES
from posrev.gui.qt import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRegularExpression,
    QRegularExpressionValidator,
    translate,
)
from posrev.gui.setup import env_name
from posrev.gui.style import STYLESHEET
from posrev.model.approval import Action

if TYPE_CHECKING:
    from posrev.gui.session import Session


def _settings_reasons() -> list[str]:
    from posrev.supervisors import SETTINGS_REASONS

    return SETTINGS_REASONS


def open_settings(session: Session) -> None:
    """Ask a supervisor first; the settings dialog opens on approval. With no supervisor on
    the terminal yet (outside the demo), setup opens instead: it creates the first one."""
    app = session.core
    requester = session.requester

    def approve(sup_id: str, pin: str, reason: str) -> Any:
        return app.approve(Action.SETTINGS, app.profile, sup_id, pin, requester=requester,
                           reason=reason)

    def checked(has_supervisors: bool) -> None:
        if not has_supervisors and not app.demo:
            session.run_setup()
            return
        session.ask_supervisor(translate("Settings", "Changing the settings needs a "
                                                     "supervisor."),
                               approve, lambda approval: session.dialogs.open(
                                   SettingsDialog(session, approval, requester),
                                   on_reject=session.return_focus),
                               reasons=_settings_reasons())

    session.tasks.run(lambda _t: app.has_supervisors(), on_success=checked,
                      on_failure=session.show_error, name="settings-check")


class SettingsDialog(QDialog):
    def __init__(self, session: Session, approval: Any, requester: str) -> None:
        super().__init__(session.window)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setStyleSheet(STYLESHEET)
        self.session = session
        self._approval = approval
        self._requester = requester
        app = session.core
        s = app.settings
        layout = dialog_layout(self)
        # What is really used, in the badge's own words (demo mode: the simulator, whatever
        # the gateway settings below say).
        self.in_use = QLabel(self.tr("Gateway in use: %1").replace(
            "%1", texts.environment_words(app.env_label, s.gateway_url())))
        self.in_use.setObjectName("settingsInUse")
        self.in_use.setWordWrap(True)
        self.in_use.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.in_use)
        form = form_layout()
        self.env = choice("settingsEnv", ((env_name(e), e) for e in ENVIRONMENTS), s.env)
        self.region = choice("settingsRegion", ((r.upper(), r) for r in REGIONS), s.region)
        self.base_url = QLineEdit(s.base_url)
        self.base_url.setObjectName("settingsBaseUrl")
        self.sign_type = choice("settingsSignType", ((n.upper(), n) for n in SIGN_TYPES),
                                s.sign_type)
        self.mchid = QLineEdit(s.mchid)
        self.mchid.setObjectName("settingsMchid")
        self.mchid.setMaxLength(16)
        self.udid = QLineEdit(app.udid)
        self.udid.setObjectName("settingsUdid")
        self.udid.setMaxLength(40)
        self.udid.setValidator(QRegularExpressionValidator(QRegularExpression(r"[!-~]{1,40}"),
                                                           self.udid))
        self.store = QLineEdit(s.store_name)
        self.store.setObjectName("settingsStoreName")
        self.store.setMaxLength(60)
        self.language = QComboBox()
        self.language.setObjectName("settingsLanguage")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(session.languages.current)))
        self.app_code = QLineEdit()
        self.app_code.setObjectName("settingsAppCode")
        self.app_code.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.app_code.setPlaceholderText(self.tr("unchanged"))
        self.client_key = QLineEdit()
        self.client_key.setObjectName("settingsClientKey")
        self.client_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.client_key.setPlaceholderText(self.tr("unchanged"))
        rows = [(self.tr("Environment"), self.env), (self.tr("Region"), self.region),
                (self.tr("Gateway URL (optional)"), self.base_url),
                (self.tr("Signature"), self.sign_type), (self.tr("Merchant ID (mchid)"),
                                                          self.mchid),
                (self.tr("Terminal ID (udid)"), self.udid),
                (self.tr("Store name (on the slip)"), self.store),
                (self.tr("Language"), self.language),
                (self.tr("New app code"), self.app_code),
                (self.tr("New client key"), self.client_key)]
        for text, widget in rows:
            form.addRow(text, widget)
        self._demo = app.demo
        if self._demo:
            # The demo always uses its simulator: these settings are for the real terminal
            # and are kept as they are (saving here changes only the terminal's rows).
            self.env.insertItem(0, self.tr("Demo (simulated gateway; nothing is real)"), "")
            self.env.setCurrentIndex(0)
            for widget in (self.env, self.region, self.base_url, self.sign_type, self.mchid,
                           self.app_code, self.client_key):
                widget.setEnabled(False)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.add_supervisor_button = QPushButton(self.tr("Add a supervisor…"))
        self.add_supervisor_button.setObjectName("addSupervisorButton")
        # Not a default button: once it had the focus, Enter in any field below would open
        # "Add a supervisor" instead of saving.
        self.add_supervisor_button.setAutoDefault(False)
        self.add_supervisor_button.clicked.connect(self._add_supervisor)
        row.addWidget(self.add_supervisor_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel(self.tr("Gateway, terminal and credential changes apply when "
                                      "you save; the window reconnects."))
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons, self.save_button = action_buttons(self, self.tr("Save"),
                                                   "settingsSaveButton", self.save)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _fail(self, text: str) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(text)
        self.message.setStyleSheet("color: #b71c1c; font-weight: 600;")

    def save(self) -> None:
        session, app = self.session, self.session.core
        updates = {"gateway": {"env": self.env.currentData(), "region": self.region.currentData(),
                               "base_url": self.base_url.text().strip(),
                               "sign_type": self.sign_type.currentData(),
                               "mchid": self.mchid.text().strip()},
                   "terminal": {"udid": self.udid.text().strip(),
                                "store_name": self.store.text().strip(),
                                "language": self.language.currentData()}}
        if self._demo:
            del updates["gateway"]  # not used in the demo; kept for the real terminal
        app_code, client_key = self.app_code.text(), self.client_key.text()
        if bool(app_code.strip()) != bool(client_key.strip()):
            self._fail(self.tr("Enter both the app code and the client key, or neither."))
            return
        approval, requester = self._approval, self._requester

        def work(_task: Any) -> None:
            # The core consumes the approval and checks the whole file before keeping it.
            app.apply_settings(updates, approval=approval, requester=requester,
                               app_code=app_code, client_key=client_key)

        self.save_button.setEnabled(False)
        session.tasks.run(work, on_success=lambda _r: self._saved(), on_failure=lambda e:
                          self._fail(texts.error_words(e)), name="settings")

    def _saved(self) -> None:
        self.session.set_language(self.language.currentData(), save=False)
        self.accept()
        self.session.reopen()

    def _add_supervisor(self) -> None:
        dialog = NewSupervisorDialog(self)
        self.session.dialogs.open(dialog, on_accept=lambda: self._approve_new(dialog.values()))

    def _approve_new(self, values: tuple[str, str, str]) -> None:
        sup_id, name, pin = values
        app, requester = self.session.core, self._requester

        def approve(approver: str, approver_pin: str, reason: str) -> Any:
            approval = app.approve(Action.ADD_SUPERVISOR, sup_id, approver, approver_pin,
                                   requester=requester, reason=reason)
            app.add_supervisor(sup_id, name, pin, approval)
            return sup_id

        summary = self.tr("Adding supervisor %1 needs another supervisor's approval.") \
            .replace("%1", sup_id)
        self.session.ask_supervisor(summary, approve, lambda sid: self.message.setText(
            self.tr("Supervisor %1 added.").replace("%1", sid)), parent=self,
            reasons=_settings_reasons())
