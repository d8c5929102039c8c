"""The setup wizard's connection test says what ``posrev credentials check`` says: the
gateway's shape, or the TLS failure, named by the core."""

from __future__ import annotations

from guihelp import child, click, dialog
from tls_support import make_cert

from posrev.gui.qt import QLabel, QPushButton, QWizard
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY, Simulator


def _test_connection(qtbot, window):
    wizard = dialog(qtbot, window, "setupWizard")
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage().objectName() == "credentialsPage"
    qtbot.keyClicks(child(wizard, "wizardAppCode"), DEMO_APP_CODE)
    qtbot.keyClicks(child(wizard, "wizardClientKey"), DEMO_CLIENT_KEY)
    result = child(wizard, "wizardTestResult", QLabel)
    click(qtbot, child(wizard, "wizardTestButton", QPushButton))
    qtbot.waitUntil(lambda: result.text() and result.text() != "Testing…", timeout=10_000)
    return result.text()


def test_the_wizard_names_the_signature_method_and_close(qtbot, open_window, simulator,
                                                         gui_home, memory_keyring):
    simulator.set_shape(response_signature="fields")
    window = open_window("--base-url", simulator.base_url)
    text = _test_connection(qtbot, window)
    assert text.startswith("Connected")
    assert "signed (MD5 over the sorted answer fields)" in text
    assert "Proxy: none (direct connection)." in text
    assert "Close: not used yet; GET first, then POST if GET is refused." in text


def test_the_wizard_names_an_untrusted_certificate(qtbot, open_window, gui_home,
                                                   memory_keyring, tmp_path):
    certs = make_cert(tmp_path / "certs")
    sim = Simulator()
    sim.start(tls=(certs.cert, certs.key))
    try:
        window = open_window("--base-url", sim.base_url)
        text = _test_connection(qtbot, window)
        assert "the gateway's certificate is not trusted by this PC" in text
        assert "credentials were not tested" in text
        assert sim.requests == []
    finally:
        sim.stop()
