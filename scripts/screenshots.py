"""Render every screen of the cashier window offscreen into docs/screenshots/<lang>/.

    python scripts/screenshots.py [--out docs/screenshots] [--lang en --lang zh_HK]

Runs the real window in demo mode (embedded simulator, demo orders) in a throw-away
POSREV_HOME, walks the cashier flow, and grabs each window and dialog as a PNG. Nothing real
is contacted and no secret is shown (demo credentials are never displayed).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZE = (1024, 768)  # a common POS screen
# The offscreen screen is 800 × 600 unless told otherwise: give it the POS screen's size, so
# windows that fit themselves to the screen (Pending, Journal) look as they will.
SCREEN = {"screens": [{"name": "POS", "x": 0, "y": 0, "width": SIZE[0], "height": SIZE[1],
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


def offscreen_platform() -> str:
    import json

    fd, path = tempfile.mkstemp(prefix="posrev-screen-", suffix=".json")
    with os.fdopen(fd, "w") as fh:
        json.dump(SCREEN, fh)
    return f"offscreen:configfile={path}"


os.environ["QT_QPA_PLATFORM"] = offscreen_platform()
SUPERVISOR, PIN = "S001", "246810"


def pump(until: Callable[[], bool] | None = None, timeout: float = 30.0) -> None:
    """Run the event loop until ``until()`` holds (or for a moment when None)."""
    from posrev.gui.qt import QApplication

    app = QApplication.instance()
    end = time.monotonic() + (timeout if until else 0.15)
    while time.monotonic() < end:
        app.processEvents()
        if until is not None and until():
            break
        time.sleep(0.01)
    else:
        if until is not None:
            raise TimeoutError("the screen did not reach the expected state")
    for _ in range(3):
        app.processEvents()


class Shooter:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.count = 0
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.png"):
            old.unlink()

    def shot(self, widget, name: str) -> None:  # type: ignore[no-untyped-def]
        pump()
        self.count += 1
        path = self.out / f"{self.count:02d}-{name}.png"
        widget.grab().save(str(path))
        print(path)


def scan(window, number: str) -> None:  # type: ignore[no-untyped-def]
    window.new_lookup()
    window.lookup_input.setText(number)
    window.lookup_button.click()
    pump(lambda: window.stage in ("transaction", "candidates"))


def dialog(window, name: str):  # type: ignore[no-untyped-def]
    pump(lambda: window.dialogs.find(name) is not None and window.dialogs.find(name).isVisible())
    return window.dialogs.find(name)


def prepare_home(home: Path) -> None:
    """A fixed terminal ID, a supervisor, and a void that needs a supervisor's resolution."""
    from posrev.app import App, AppOptions

    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[terminal]\nudid = "STORE-12-TILL-3"\n'
                                      'store_name = "Harbour Tea House, Central"\n',
                                      encoding="utf-8")
    with App.open(AppOptions(demo=True)) as app:
        app.supervisors.add_first(SUPERVISOR, "Sam Supervisor", PIN)
        from posrev.simulator.demo import DEMO_ORDERS, demo_syssn

        index = next(i for i, d in enumerate(DEMO_ORDERS, 1) if d.name == "DEMO-LOST")
        op = app.journal.create(orig_syssn=demo_syssn(index), out_trade_no="DEMO-LOST",
                                action="reversal", txamt=2600, txcurrcd="HKD",
                                txdtm="2026-11-26 10:00:00", pay_type="800108",
                                udid=app.udid, cashier="C001")
        app.journal.transition(op, event="demo.manual", state="needs_manual", sends=3,
                               message="Not confirmed after 3 sends; a supervisor must "
                                       "resolve it.")


def cashier_screens(lang: str, shooter: Shooter) -> None:
    from posrev.gui import create_main_window
    from posrev.gui.qt import QPushButton

    window = create_main_window(["--demo", "--cashier", "C001", "--language", lang])
    window.resize(*SIZE)
    window.show()
    pump(lambda: window.isVisible())
    shoot = shooter.shot
    shoot(window, "ready")

    scan(window, "DEMO-REVERSE")
    shoot(window, "reversible")
    window.void_button.click()
    shoot(dialog(window, "confirmVoidDialog"), "confirm-dialog")
    dialog(window, "confirmVoidDialog").findChild(QPushButton, "confirmButton").click()
    pump(lambda: window.stage == "outcome")
    shoot(window, "outcome-voided")
    window.print_button.click()
    slip = dialog(window, "printSlipDialog")
    shoot(slip, "print-slip-dialog")
    slip.reject()

    scan(window, "DEMO-CLOSE")
    shoot(window, "closable")
    scan(window, "DEMO-BIG")
    shoot(window, "needs-supervisor")
    window.void_button.click()
    sup = dialog(window, "supervisorDialog")
    sup.id_input.setText(SUPERVISOR)
    sup.reason_input.setCurrentIndex(0)
    shoot(sup, "supervisor-dialog")
    sup.reason_input.showPopup()  # the reason list: rows sized for a finger
    pump(lambda: sup.reason_input.view().isVisible())
    shoot(sup.reason_input.view().window(), "supervisor-reasons-list")
    sup.reason_input.hidePopup()
    sup.pin_input.setText("111111")
    sup.submit()
    pump(lambda: sup.ok_button.isEnabled())
    shoot(sup, "supervisor-wrong-pin")
    sup.reject()

    for number, name in (("DEMO-PAID", "paid-refund-required"),
                         ("DEMO-VOIDED", "already-voided"), ("DEMO-FAILED", "failed-payment"),
                         ("DEMO-OTHERWALLET", "unsupported-wallet"), ("DEMO-OLD", "too-old"),
                         ("NO-SUCH-ORDER", "not-found")):
        scan(window, number)
        shoot(window, name)
    scan(window, "DEMO-TWICE")
    shoot(window, "several-payments")

    scan(window, "DEMO-PAYS")
    window.void_button.click()
    dialog(window, "confirmVoidDialog").accept()
    pump(lambda: window.stage == "outcome")
    shoot(window, "outcome-refund")
    refund_screens(window, shooter)

    scan(window, "DEMO-SLOW")
    window.void_button.click()
    dialog(window, "confirmVoidDialog").accept()
    pump(lambda: any(words in window.progress_label.text()
                     for words in ("next check in", "秒後", "秒后")))  # en, zh_HK, zh_CN
    shoot(window, "progress-polling")
    window.stop_button.click()
    pump(lambda: window.stage == "outcome")
    shoot(window, "outcome-not-confirmed")
    # The cashier moves on; the background check settles DEMO-SLOW a little later.
    scan(window, "DEMO-PAID")
    pump(lambda: window.background_notice.isVisible(), timeout=90)
    shoot(window, "background-notice")
    window.background_notice.close_button.click()

    window.new_lookup()
    window.lookup_input.setText("ABC DEF")
    window.lookup_button.click()
    pump(lambda: window.error_line.isVisible())
    shoot(window, "bad-number")

    window.pending_button.click()
    pending = window.child_window("pending")
    pump(lambda: pending.model.rowCount() >= 1)
    shoot(pending, "pending-list")
    for row in range(pending.model.rowCount()):
        if pending.model.operation(row).state == "needs_manual":
            pending.table.selectRow(row)
    pending.resolve()
    resolve = dialog(window, "resolveDialog")
    resolve.note_input.setPlainText("The merchant portal shows the order closed.")
    shoot(resolve, "resolve-dialog")
    resolve.reject()
    pending.close()

    window.journal_button.click()
    journal = window.child_window("journal")
    pump(lambda: journal.model.rowCount() >= 3)
    shoot(journal, "journal")
    journal.table.selectRow(0)
    journal.show_details()
    details = dialog(window, "operationDetailsDialog")
    pump(lambda: "Loading" not in details.text.toPlainText()
         and "載入" not in details.text.toPlainText())
    shoot(details, "operation-details")
    details.reject()
    journal.close()
    shoot_slip(window, shooter)

    from posrev.gui.settings import SettingsDialog

    approval = window.app.supervisors.approve(SUPERVISOR, PIN, requester="C001",
                                              action="settings", target=window.app.profile,
                                              reason="Other")
    settings = SettingsDialog(window.session, approval, "C001")
    window.dialogs.open(settings)
    shoot(dialog(window, "settingsDialog"), "settings")
    settings.reject()
    window.cashier_button.click()
    shoot(dialog(window, "signInDialog"), "sign-in")
    window.dialogs.find("signInDialog").reject()
    pump()
    window.close()
    window.shutdown()


def refund_screens(window, shooter: Shooter) -> None:  # type: ignore[no-untyped-def]
    """The refund flow: a refundable payment, then DEMO-RACE (the customer pays while the
    reversal is sent) from the void's outcome to "Refunded", and the refund slip."""
    from posrev.gui.qt import QPushButton

    shoot = shooter.shot
    scan(window, "DEMO-REFUND-ME")
    shoot(window, "refundable")
    scan(window, "DEMO-RACE")
    window.void_button.click()
    dialog(window, "confirmVoidDialog").accept()
    button = window.refund_actions.button
    pump(lambda: window.stage == "outcome" and button.isVisible() and button.isEnabled())
    shoot(window, "race-lost-refund-offered")
    button.click()
    sup = dialog(window, "supervisorDialog")
    sup.id_input.setText(SUPERVISOR)
    sup.pin_input.setText(PIN)
    sup.reason_input.setCurrentIndex(0)
    shoot(sup, "refund-supervisor-dialog")
    sup.submit()
    confirm = dialog(window, "confirmRefundDialog")
    shoot(confirm, "confirm-refund-dialog")
    confirm.findChild(QPushButton, "confirmButton").click()
    pump(lambda: window.stage == "outcome" and window.operation is not None
         and window.operation.kind == "refund" and window.operation.is_final)
    shoot(window, "outcome-refunded")
    shoot_slip(window, shooter, outcome="refunded", name="refund-slip")


def shoot_slip(window, shooter: Shooter, outcome: str = "voided",  # type: ignore[no-untyped-def]
               name: str = "void-slip") -> None:
    """The slip of the last operation with ``outcome``, drawn as it prints (A6 width)."""
    from datetime import datetime

    from posrev.gui.qt import QColor, QImage, QPainter
    from posrev.gui.slip import paint_slip, slip_html, watermark_text

    ops = window.app.journal.operations(0, 50, outcome=outcome)
    if not ops:
        return
    app = window.app
    html = slip_html(ops[0], terminal=app.udid, tz=app.settings.timezone,
                     printed_at=datetime.now().astimezone(), env=app.env_label,
                     store=app.settings.store_name)
    width, height = 420, 592  # A6 at 100 dpi; a second page, if any, below the first
    image = QImage(width, 2 * height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    pages = paint_slip(painter, width, height, html, watermark_text(app.env_label),
                       new_page=lambda: painter.translate(0, height))
    painter.end()
    image = image.copy(0, 0, width, pages * height)
    shooter.count += 1
    path = shooter.out / f"{shooter.count:02d}-{name}.png"
    image.save(str(path))
    print(path)


def setup_screens(lang: str, shooter: Shooter, base_url: str) -> None:
    """The first-run wizard on a fresh terminal (its own empty POSREV_HOME)."""
    from posrev.gui import create_main_window
    from posrev.gui.qt import QWizard
    from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY

    window = create_main_window(["--base-url", base_url, "--language", lang,
                                 "--profile", "screenshots"])
    window.resize(*SIZE)
    window.show()
    wizard = dialog(window, "setupWizard")
    shooter.shot(wizard, "setup-1-environment")
    wizard.next()
    page = wizard.credentials_page
    pump(lambda: page.keyring_problem is not None)
    page.app_code.setText(DEMO_APP_CODE)
    page.client_key.setText(DEMO_CLIENT_KEY)
    page.test_connection()
    pump(lambda: page.result_kind != "")
    page.test_button.setFocus()  # the app code is masked once the field loses focus
    shooter.shot(wizard, "setup-2-credentials")
    wizard.next()
    pump(lambda: wizard.currentPage() is wizard.terminal_page)
    shooter.shot(wizard, "setup-3-terminal")
    wizard.next()
    sup = wizard.supervisor_page
    if sup is not None:
        sup.sup_id.setText("S900")
        sup.name.setText("Pat Lee")
        shooter.shot(wizard, "setup-4-supervisor")
    # A gateway that cannot be reached: Next needs an explicit "continue anyway".
    wizard.back()
    wizard.back()
    pump(lambda: wizard.currentPage() is page)
    wizard.back()
    wizard.env_page.base_url.setText("http://127.0.0.1:9")
    wizard.next()
    pump(lambda: wizard.currentPage() is page)
    page.test_connection()
    pump(lambda: page.result_kind != "", timeout=60)
    shooter.shot(wizard, "setup-connection-failed")
    wizard.button(QWizard.WizardButton.CancelButton).click()
    pump(lambda: window.run_setup_button.isVisible())
    shooter.shot(window, "setup-cancelled-run-setup")
    window.close()
    window.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--lang", action="append", choices=("en", "zh_HK", "zh_CN"))
    args = parser.parse_args(argv)
    langs = args.lang or ["en", "zh_HK"]
    for name in ("POSREV_APP_CODE", "POSREV_CLIENT_KEY", "POSREV_MCHID"):
        os.environ.pop(name, None)
    from posrev.gui.qt import QApplication
    from posrev.simulator import Simulator

    app = QApplication([sys.argv[0], "-platform", os.environ["QT_QPA_PLATFORM"]])
    app.setApplicationName("posrev")
    for lang in langs:
        # A fresh home per language: the demo orders start unvoided each time.
        with tempfile.TemporaryDirectory(prefix="posrev-shots-") as tmp:
            os.environ["POSREV_HOME"] = tmp
            prepare_home(Path(tmp))
            shooter = Shooter(Path(args.out) / lang)
            cashier_screens(lang, shooter)
        with tempfile.TemporaryDirectory(prefix="posrev-setup-") as tmp:
            os.environ["POSREV_HOME"] = tmp  # a fresh terminal: no credentials, no supervisor
            sim = Simulator(seed=0)
            try:
                setup_screens(lang, shooter, sim.start())
            finally:
                sim.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
