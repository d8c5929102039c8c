"""The PySide6 cashier window (SPEC §2, §8): a thin driver of ``posrev.app.App``.

    create_main_window(["--base-url", URL, "--cashier", "C001"])  # a QApplication must exist
    main(argv) -> int                                              # the whole GUI program

Only this package imports Qt, and within it only ``posrev.gui.qt`` (and the selftest's
``qt_selftest``). Importing ``posrev.gui`` itself loads no Qt: the CLI can import ``main``
for free.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from posrev.errors import InputError, PosrevError

if TYPE_CHECKING:
    from posrev.gui.main_window import MainWindow

__all__ = ["create_main_window", "main", "parse_options"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[no-untyped-def]  # noqa: ANN201
        raise InputError(f"{message[:1].upper()}{message[1:]}.")


def parse_options(argv: Sequence[str]) -> argparse.Namespace:
    """The global options of SPEC §7 and those of ``posrev gui``, in any order."""
    p = _Parser(prog="posrev gui", add_help=False)
    p.add_argument("--demo", action="store_true")
    p.add_argument("--base-url")
    p.add_argument("--env", choices=("sandbox", "test", "live"))
    p.add_argument("--profile", default="default")
    p.add_argument("--config")
    p.add_argument("--cashier", default="")
    p.add_argument("--language", choices=("en", "zh_HK", "zh_CN"))
    args, rest = p.parse_known_args([a for a in argv if a != "gui"])
    unknown = [a for a in rest if not a.startswith("-platform")]
    if unknown:
        raise InputError(f"Unknown option {unknown[0]} for the cashier window.")
    return args


def create_main_window(argv: Sequence[str] = ()) -> MainWindow:
    """Build the cashier window from command-line options, without showing it or starting
    the event loop. Raises PosrevError (bad options, bad config, journal) in one sentence."""
    from posrev.app import DEMO_CASHIER, App, AppOptions
    from posrev.gui.i18n import Languages
    from posrev.gui.main_window import MainWindow
    from posrev.gui.qt import QApplication

    qapp = QApplication.instance()
    if qapp is None:
        raise RuntimeError("create_main_window needs a QApplication")
    args = parse_options(list(argv))
    app = App.open(AppOptions(demo=args.demo, base_url=args.base_url, env=args.env,
                              profile=args.profile, config=args.config))
    try:
        languages = Languages.for_app(qapp)
        languages.apply(args.language or app.settings.language)
        cashier = args.cashier or (DEMO_CASHIER if app.demo else "")
        return MainWindow(app, cashier=cashier, languages=languages)
    except BaseException:
        app.close()
        raise


def main(argv: Sequence[str] | None = None) -> int:
    """Run the cashier window until it is closed; every worker is stopped on the way out."""
    import signal

    from posrev.gui.qt import QApplication, QMessageBox, QTimer

    argv = list(sys.argv[1:] if argv is None else argv)
    qapp = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "posrev"])
    qapp.setApplicationName("posrev")
    qapp.setApplicationDisplayName("posrev")
    try:
        window = create_main_window(argv)
    except PosrevError as exc:
        print(f"posrev: {exc}", file=sys.stderr)
        if qapp.platformName() != "offscreen":
            QMessageBox.critical(None, "posrev", str(exc))
        return exc.exit_code
    # Ctrl+C in the terminal closes the window like the close button does; the timer lets
    # Python run its signal handler while Qt's loop is in C++.
    signal.signal(signal.SIGINT, lambda *_: window.close())
    wake = QTimer()
    wake.start(500)
    wake.timeout.connect(lambda: None)
    window.show()
    try:
        return qapp.exec()
    finally:
        window.shutdown()
