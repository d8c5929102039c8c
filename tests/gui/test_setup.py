"""First-run setup: finishable with its defaults, never a dead end (docs/GUI.md, "First run")."""

from __future__ import annotations

import socket

import keyring.errors
import pytest
from guihelp import (
    CASHIER,
    SUPERVISOR,
    SUPERVISOR_PIN,
    child,
    click,
    confirm,
    dialog,
    look_up,
    wait_outcome,
)
from keyring_fixtures import FailingKeyring

from posrev.app import App, AppOptions
from posrev.gui.qt import QCheckBox, QLabel, QLineEdit, QPushButton, Qt, QWizard
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY

VOIDED = "Voided — the customer will not be charged"


def _next(wizard):  # type: ignore[no-untyped-def]
    return wizard.button(QWizard.WizardButton.NextButton)


def _type_credentials(qtbot, wizard, app_code=DEMO_APP_CODE, client_key=DEMO_CLIENT_KEY):  # type: ignore[no-untyped-def]
    qtbot.keyClicks(child(wizard, "wizardAppCode"), app_code)
    qtbot.keyClicks(child(wizard, "wizardClientKey"), client_key)


def _on_page(qtbot, wizard, name: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: wizard.currentPage().objectName() == name, timeout=10_000)


def _fill_supervisor(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(child(wizard, "wizardSupervisorId"), SUPERVISOR)
    qtbot.keyClicks(child(wizard, "wizardSupervisorName"), "Sam Supervisor")
    qtbot.keyClicks(child(wizard, "wizardSupervisorPin"), SUPERVISOR_PIN)
    qtbot.keyClicks(child(wizard, "wizardSupervisorPin2"), SUPERVISOR_PIN)


def _next_enabled(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: _next(wizard).isEnabled(), timeout=10_000)


def _next_on_every_default_then_void(qtbot, open_window, simulator, *argv: str):  # type: ignore[no-untyped-def]
    window = open_window("--base-url", simulator.base_url, *argv)
    wizard = dialog(qtbot, window, "setupWizard")
    assert child(wizard, "wizardBaseUrl", QLineEdit).text() == simulator.base_url
    click(qtbot, _next(wizard))

    _on_page(qtbot, wizard, "credentialsPage")
    _type_credentials(qtbot, wizard)  # nothing to default: QFPay gives them
    _next_enabled(qtbot, wizard)
    assert "keyring is ready" in child(wizard, "wizardKeyringStatus", QLabel).text()
    click(qtbot, _next(wizard))  # Next tests the connection, then goes on by itself

    _on_page(qtbot, wizard, "terminalPage")
    generated = child(wizard, "wizardUdid", QLineEdit).text()
    assert generated == window.app.udid
    assert _next(wizard).isEnabled()  # the generated udid is valid as shown
    click(qtbot, _next(wizard))

    _on_page(qtbot, wizard, "supervisorPage")
    _fill_supervisor(qtbot, wizard)
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))

    qtbot.waitUntil(lambda: window.dialogs.find("setupWizard") is None, timeout=10_000)
    qtbot.waitUntil(lambda: window.stage == "idle" and window.app.has_credentials(),
                    timeout=10_000)
    assert f'udid = "{generated}"' in window.app.paths.config_file.read_text()
    assert DEMO_CLIENT_KEY not in window.app.paths.config_file.read_text()
    assert window.app.supervisors.has_supervisors()
    qtbot.waitUntil(lambda: not window.run_setup_button.isVisible())
    # A working terminal: sign in, look an order up, void it.
    order = simulator.create_order(pay_type="800108", txamt=700, respcd="1143")
    look_up(qtbot, window, order["syssn"])
    click(qtbot, window.void_button)
    d = dialog(qtbot, window, "signInDialog")
    qtbot.keyClicks(child(d, "cashierIdInput"), CASHIER)
    qtbot.keyClick(child(d, "cashierIdInput"), Qt.Key.Key_Return)
    confirm(qtbot, window)
    wait_outcome(qtbot, window, VOIDED)
    assert simulator.voids_applied(order["syssn"]) == 1
    return window


def test_next_on_every_default_finishes_setup_and_the_terminal_voids(
        qtbot, open_window, simulator, gui_home, memory_keyring):
    _next_on_every_default_then_void(qtbot, open_window, simulator)
    assert memory_keyring.get_password("posrev/default", "client_key") == DEMO_CLIENT_KEY


def test_next_on_every_default_with_the_real_secret_service(qtbot, open_window, simulator,
                                                            gui_home):
    """The same, with the secrets in the session's real Secret Service (a throw-away
    profile, emptied after), as tests/test_keyring_real.py does."""
    import uuid

    from keyring_fixtures import secret_service_reason as _secret_service_reason

    from posrev.credentials import Credentials, CredentialStore

    reason = _secret_service_reason()
    if reason:
        pytest.skip(reason)
    profile = f"test-{uuid.uuid4().hex[:12]}"
    store = CredentialStore(profile, env={})
    try:
        _next_on_every_default_then_void(qtbot, open_window, simulator, "--profile", profile)
        assert store.load() == Credentials(DEMO_APP_CODE, DEMO_CLIENT_KEY, "",
                                           source="keyring")
    finally:
        store.delete()


def test_back_then_next_keeps_the_credentials(qtbot, open_window, simulator, gui_home,
                                              memory_keyring):
    window = open_window("--base-url", simulator.base_url)
    wizard = dialog(qtbot, window, "setupWizard")
    click(qtbot, _next(wizard))
    _on_page(qtbot, wizard, "credentialsPage")
    _type_credentials(qtbot, wizard)
    click(qtbot, wizard.button(QWizard.WizardButton.BackButton))
    _on_page(qtbot, wizard, "envPage")
    click(qtbot, _next(wizard))
    _on_page(qtbot, wizard, "credentialsPage")
    assert child(wizard, "wizardAppCode", QLineEdit).text() == DEMO_APP_CODE
    assert child(wizard, "wizardClientKey", QLineEdit).text() == DEMO_CLIENT_KEY
    _next_enabled(qtbot, wizard)
    click(qtbot, _next(wizard))
    _on_page(qtbot, wizard, "terminalPage")
    udid = child(wizard, "wizardUdid", QLineEdit)
    udid.clear()
    qtbot.keyClicks(udid, "TILL-4")
    click(qtbot, wizard.button(QWizard.WizardButton.BackButton))
    _on_page(qtbot, wizard, "credentialsPage")
    click(qtbot, _next(wizard))
    _on_page(qtbot, wizard, "terminalPage")
    assert udid.text() == "TILL-4"


def test_a_locked_keyring_is_said_on_the_credentials_page(qtbot, open_window, simulator,
                                                          gui_home, use_keyring):
    use_keyring(FailingKeyring(keyring.errors.KeyringLocked("locked")))
    window = open_window("--base-url", simulator.base_url)
    wizard = dialog(qtbot, window, "setupWizard")
    click(qtbot, _next(wizard))
    _on_page(qtbot, wizard, "credentialsPage")
    status = child(wizard, "wizardKeyringStatus", QLabel)
    qtbot.waitUntil(lambda: "locked" in status.text(), timeout=10_000)
    assert status.text().startswith("The system's keyring is locked")
    _type_credentials(qtbot, wizard)
    assert not _next(wizard).isEnabled()  # nowhere to keep them: setup cannot go on


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_next_after_a_failed_connection_test_needs_an_explicit_acknowledgement(
        qtbot, open_window, simulator, gui_home, memory_keyring):
    window = open_window("--base-url", simulator.base_url)
    wizard = dialog(qtbot, window, "setupWizard")
    url = child(wizard, "wizardBaseUrl", QLineEdit)
    url.clear()
    qtbot.keyClicks(url, f"http://127.0.0.1:{_closed_port()}")
    click(qtbot, _next(wizard))
    _on_page(qtbot, wizard, "credentialsPage")
    _type_credentials(qtbot, wizard)
    _next_enabled(qtbot, wizard)
    click(qtbot, _next(wizard))  # tests first
    result = child(wizard, "wizardTestResult", QLabel)
    qtbot.waitUntil(lambda: "could not be reached" in result.text(), timeout=15_000)
    anyway = child(wizard, "wizardContinueAnyway", QCheckBox)
    assert anyway.isVisible() and not anyway.isChecked()
    assert "without a working connection" in anyway.text()
    click(qtbot, _next(wizard))
    assert wizard.currentPage().objectName() == "credentialsPage"  # not without saying so
    anyway.setChecked(True)
    click(qtbot, _next(wizard))
    _on_page(qtbot, wizard, "terminalPage")


def test_cancelled_setup_is_offered_again_from_the_window(qtbot, open_window, simulator,
                                                          gui_home, memory_keyring):
    window = open_window("--base-url", simulator.base_url)
    wizard = dialog(qtbot, window, "setupWizard")
    wizard.reject()
    qtbot.waitUntil(lambda: window.dialogs.find("setupWizard") is None)
    button = child(window, "runSetupButton", QPushButton)
    assert button.isVisible() and button.text() == "Set up this terminal"
    assert button.toolTip() == "This terminal has no QFPay credentials and no supervisor yet."
    # Settings does not refuse for want of a supervisor: it offers setup.
    click(qtbot, window.settings_button)
    wizard = dialog(qtbot, window, "setupWizard")
    assert wizard.currentPage().objectName() == "envPage"
    wizard.reject()
    qtbot.waitUntil(lambda: window.dialogs.find("setupWizard") is None)
    click(qtbot, button)
    wizard = dialog(qtbot, window, "setupWizard")
    click(qtbot, _next(wizard))
    _on_page(qtbot, wizard, "credentialsPage")
    _type_credentials(qtbot, wizard)
    _next_enabled(qtbot, wizard)
    click(qtbot, _next(wizard))
    _on_page(qtbot, wizard, "terminalPage")
    click(qtbot, _next(wizard))
    _fill_supervisor(qtbot, wizard)
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: window.dialogs.find("setupWizard") is None, timeout=10_000)
    qtbot.waitUntil(lambda: window.stage == "idle" and window.app.has_credentials()
                    and not button.isVisible(), timeout=10_000)


def test_with_credentials_but_no_supervisor_settings_offers_to_create_one(
        qtbot, open_window, simulator, credentials, demo_orders):
    window = open_window("--base-url", simulator.base_url, "--cashier", CASHIER)
    qtbot.waitUntil(lambda: window.run_setup_button.isVisible(), timeout=10_000)
    assert window.dialogs.find("setupWizard") is None  # credentials exist: not forced
    click(qtbot, window.settings_button)
    wizard = dialog(qtbot, window, "setupWizard")
    assert wizard.currentPage().objectName() == "supervisorPage"
    _fill_supervisor(qtbot, wizard)
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: window.dialogs.find("setupWizard") is None, timeout=10_000)
    qtbot.waitUntil(lambda: window.stage == "idle" and not window.run_setup_button.isVisible(),
                    timeout=10_000)
    with App.open(AppOptions(base_url=simulator.base_url)) as app:
        assert app.supervisors.has_supervisors()


def test_a_malformed_key_is_said_in_the_wizards_language(qtbot, open_window, simulator,
                                                         gui_home, memory_keyring):
    window = open_window("--base-url", simulator.base_url, "--language", "zh_HK")
    wizard = dialog(qtbot, window, "setupWizard")
    click(qtbot, _next(wizard))
    _on_page(qtbot, wizard, "credentialsPage")
    _type_credentials(qtbot, wizard, client_key="12345")
    click(qtbot, child(wizard, "wizardTestButton", QPushButton))
    result = child(wizard, "wizardTestResult", QLabel)
    assert result.text() == "Client key 必須有 16 至 64 個字元；你輸入了 5 個。"
    assert "12345" not in result.text()


def test_the_connection_test_reads_in_the_wizards_language(qtbot, open_window, simulator,
                                                           gui_home, memory_keyring):
    window = open_window("--base-url", simulator.base_url, "--language", "zh_HK")
    wizard = dialog(qtbot, window, "setupWizard")
    click(qtbot, _next(wizard))
    _on_page(qtbot, wizard, "credentialsPage")
    _type_credentials(qtbot, wizard)
    click(qtbot, child(wizard, "wizardTestButton", QPushButton))
    result = child(wizard, "wizardTestResult", QLabel)
    qtbot.waitUntil(lambda: result.text().startswith("已連線"), timeout=10_000)
    assert result.text() == "已連線：網關接受了憑證。"
    assert "Proxy:" in result.toolTip()  # the gateway's shape, for IT, names config keys


def test_with_a_supervisor_but_no_credentials_setup_opens_settings(
        qtbot, open_window, simulator, gui_home, memory_keyring):
    with App.open(AppOptions(base_url=simulator.base_url)) as app:
        app.supervisors.add_first(SUPERVISOR, "Sam Supervisor", SUPERVISOR_PIN)
    window = open_window("--base-url", simulator.base_url, "--cashier", CASHIER)
    qtbot.waitUntil(lambda: window.run_setup_button.isVisible(), timeout=10_000)
    assert window.dialogs.find("setupWizard") is None  # changing settings needs approval
    click(qtbot, window.run_setup_button)
    d = dialog(qtbot, window, "supervisorDialog")
    from guihelp import approve

    approve(qtbot, window, SUPERVISOR, SUPERVISOR_PIN, "New or changed QFPay credentials")
    settings = dialog(qtbot, window, "settingsDialog")
    assert d is not settings
    qtbot.keyClicks(child(settings, "settingsAppCode"), DEMO_APP_CODE)
    qtbot.keyClicks(child(settings, "settingsClientKey"), DEMO_CLIENT_KEY)
    click(qtbot, child(settings, "settingsSaveButton", QPushButton))
    qtbot.waitUntil(lambda: window.stage == "idle" and not window.run_setup_button.isVisible()
                    and window.app.has_credentials(), timeout=10_000)


def test_a_new_gateway_chosen_after_a_test_is_tested_again(qtbot, open_window, simulator,
                                                           gui_home, memory_keyring):
    window = open_window("--base-url", simulator.base_url)
    wizard = dialog(qtbot, window, "setupWizard")
    click(qtbot, _next(wizard))
    _on_page(qtbot, wizard, "credentialsPage")
    _type_credentials(qtbot, wizard)
    result = child(wizard, "wizardTestResult", QLabel)
    click(qtbot, child(wizard, "wizardTestButton", QPushButton))
    qtbot.waitUntil(lambda: result.text().startswith("Connected"), timeout=10_000)
    click(qtbot, wizard.button(QWizard.WizardButton.BackButton))
    url = child(wizard, "wizardBaseUrl", QLineEdit)
    url.clear()
    qtbot.keyClicks(url, f"http://127.0.0.1:{_closed_port()}")
    click(qtbot, _next(wizard))
    _on_page(qtbot, wizard, "credentialsPage")
    assert result.text() == ""  # the old "Connected" was for the other gateway
    _next_enabled(qtbot, wizard)
    click(qtbot, _next(wizard))
    qtbot.waitUntil(lambda: "could not be reached" in result.text(), timeout=15_000)
    assert wizard.currentPage().objectName() == "credentialsPage"


def test_a_bad_gateway_url_is_said_in_the_wizards_language(qtbot, open_window, simulator,
                                                           gui_home, memory_keyring):
    window = open_window("--base-url", simulator.base_url, "--language", "zh_HK")
    wizard = dialog(qtbot, window, "setupWizard")
    url = child(wizard, "wizardBaseUrl", QLineEdit)
    url.clear()
    qtbot.keyClicks(url, "http://example.com")  # plain http to a remote host: refused
    click(qtbot, _next(wizard))
    assert wizard.currentPage().objectName() == "envPage"
    intro = wizard.currentPage().intro
    assert intro.text().startswith("這個網關網址不能使用")
    assert "http" in intro.toolTip()  # the core's reason, for IT
