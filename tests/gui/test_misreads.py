"""What a hurried cashier misreads: colours that mean one thing, one status at a time, words
that fit the payment on screen, a countdown that reads as one, and a badge that tells the
truth."""

from __future__ import annotations

from guihelp import (
    SUPERVISOR_PIN,
    approve,
    child,
    click,
    confirm,
    dialog,
    look_up,
    scan,
    wait_outcome,
)

from posrev.gui import style
from posrev.gui.qt import QComboBox, QFrame, QLabel, QListWidget, QProgressBar, QWidget

VOIDED = "Voided — the customer will not be charged"
GREENS = {c.lower() for c in style.TONE["done"]} | {"#2e7d32", "#1b5e20", "#e8f5e9"}


def _greens(css: str) -> set[str]:
    return {c for c in GREENS if c in css.lower()}


def test_green_is_only_for_done_and_the_outcome_is_a_large_banner(qtbot, window):
    look_up(qtbot, window, "DEMO-REVERSE")
    assert _greens(window.verdict_label.styleSheet()) == set()  # can be reversed: blue
    for number in ("DEMO-VOIDED", "DEMO-FAILED", "DEMO-BIG"):
        look_up(qtbot, window, number)
        assert _greens(window.verdict_label.styleSheet()) == set(), number
    look_up(qtbot, window, "DEMO-REVERSE")
    click(qtbot, window.void_button)
    confirm(qtbot, window)
    wait_outcome(qtbot, window, VOIDED)
    banner = window.findChild(QFrame, "outcomeBanner")
    assert _greens(banner.styleSheet())  # done: green
    headline = window.findChild(QLabel, "outcomeLabel")
    assert headline.font().pointSize() >= window.amount_label.font().pointSize()
    icon = window.findChild(QLabel, "outcomeIcon")
    assert icon.isVisible() and not icon.pixmap().isNull()
    panel = window.findChild(QWidget, "outcomePanel")
    assert banner.width() >= panel.width() - 40  # full width of its panel
    image = banner.grab().toImage()  # the icon really is drawn green
    centre = icon.geometry().center()
    assert image.pixelColor(centre.x(), centre.y() + 22).name() == style.TONE["done"][2]


def test_one_status_at_a_time(qtbot, window, simulator):
    assert window.status_line.text() == "Ready." and window.status_line.isVisible()
    simulator.stop()
    scan(qtbot, window, "DEMO-REVERSE")
    qtbot.waitUntil(window.error_line.isVisible, timeout=20_000)
    assert "could not be reached" in window.error_line.text()
    assert not window.status_line.isVisible()  # no "Ready." next to the error


def test_not_found_says_so_where_the_amount_goes(qtbot, window):
    look_up(qtbot, window, "NO-SUCH-ORDER-42")
    assert window.amount_label.text() == "No payment found"


def test_the_time_is_called_paid_only_for_a_paid_payment(qtbot, window):
    look_up(qtbot, window, "DEMO-REVERSE")
    assert window.time_label.text().startswith("Started at ")
    look_up(qtbot, window, "DEMO-PAID")
    assert window.time_label.text().startswith("Paid at ")


def test_the_picker_names_each_payments_wallet(qtbot, window):
    look_up(qtbot, window, "DEMO-TWICE")
    rows = window.findChild(QListWidget, "candidateList")
    assert rows.count() == 2
    for i in range(rows.count()):
        assert "Alipay, customer's code scanned" in rows.item(i).text()


def test_forcing_a_void_of_a_failed_payment_asks_a_question_that_fits(qtbot, window,
                                                                      supervisor):
    look_up(qtbot, window, "DEMO-FAILED")
    click(qtbot, window.force_button)
    approve(qtbot, window, supervisor, SUPERVISOR_PIN)
    d = dialog(qtbot, window, "confirmVoidDialog")
    assert d.windowTitle() == "Void this failed payment?"
    texts = " ".join(label.text() for label in d.findChildren(QLabel))
    assert "Void this failed payment?" in texts
    assert "unfinished" not in texts


def test_the_wait_is_a_countdown_said_once(qtbot, window, simulator):
    order = simulator.create_order(pay_type="800108", txamt=3300, respcd="1143")
    simulator.set_scenario(order["syssn"], in_progress_polls=2)
    look_up(qtbot, window, order["syssn"])
    click(qtbot, window.void_button)
    confirm(qtbot, window)
    qtbot.waitUntil(lambda: "next check in" in window.progress_label.text(), timeout=10_000)
    bar = window.findChild(QProgressBar, "progressBar")
    assert bar.maximum() > 0  # determinate: not a busy bar that reads as 100 %
    assert bar.isVisible() and bar.width() < window.progress_panel.width() // 2
    first = bar.value()
    assert 0 < first <= bar.maximum()
    qtbot.waitUntil(lambda: 0 < bar.value() < first or not bar.isVisible(), timeout=5_000)
    words = " ".join([window.status_line.text(), window.progress_label.text(),
                      window.progress_detail.text()])
    assert words.count("processing") == 1
    assert "stays usable" not in words
    wait_outcome(qtbot, window, VOIDED)


def _settings(qtbot, window):  # type: ignore[no-untyped-def]
    from posrev.gui.settings import SettingsDialog

    approval = window.app.supervisors.approve("S001", SUPERVISOR_PIN, requester="C001",
                                              action="settings", target=window.app.profile,
                                              reason="Other")
    d = SettingsDialog(window.session, approval, "C001")
    window.dialogs.open(d)
    return dialog(qtbot, window, "settingsDialog")


def test_demo_mode_says_demo_in_the_badge_and_in_settings(qtbot, open_window, credentials):
    window = open_window("--demo", "--cashier", "C001")
    window.app.supervisors.add_first("S001", "Sam", SUPERVISOR_PIN)
    assert window.env_badge.text() == "DEMO"
    d = _settings(qtbot, window)
    assert child(d, "settingsInUse", QLabel).text().startswith("Gateway in use: Demo:")
    env = child(d, "settingsEnv", QComboBox)
    assert env.currentText().startswith("Demo") and not env.isEnabled()
    d.reject()


def test_the_simulator_outside_the_demo_is_not_called_demo(qtbot, window, supervisor):
    assert window.env_badge.text() == "SIMULATOR"
    assert "Simulator at http://127.0.0.1:" in window.env_badge.toolTip()
    d = _settings(qtbot, window)
    assert child(d, "settingsInUse", QLabel).text().startswith(
        "Gateway in use: Simulator at http://127.0.0.1:")
    d.reject()
