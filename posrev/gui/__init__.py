"""The PySide6 cashier window (DESIGN.md §8, §7): a thin driver of ``posrev.app.App``.

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
from posrev.locales import LANGUAGES
from posrev.options import add_global_options, app_options, redact_argv, refuse_pin_options

if TYPE_CHECKING:
    from posrev.gui.main_window import MainWindow

__all__ = ["create_main_window", "main", "parse_options"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[no-untyped-def]  # noqa: ANN201
        raise InputError(f"{message[:1].upper()}{message[1:]}.")


def parse_options(argv: Sequence[str]) -> argparse.Namespace:
    """The global options of DESIGN.md §7 and those of ``posrev gui``, in any order."""
    p = _Parser(prog="posrev gui", add_help=False)
    add_global_options(p)  # the command line's own (posrev/options.py)
    p.add_argument("--cashier", default="")
    p.add_argument("--language", choices=LANGUAGES)
    refuse_pin_options(argv)
    args, unknown = p.parse_known_args([a for a in argv if a != "gui"])
    if unknown:
        name = unknown[0].split("=", 1)[0]
        shown = redact_argv(name, unknown, set()) if not name.startswith("-") else name
        raise InputError(f"Unknown option {shown} for the cashier window.")
    from posrev.domain.identifiers import check_profile

    check_profile(args.profile)  # before any path is built from it
    if args.cashier:
        from posrev.domain.identifiers import check_identifier

        args.cashier = check_identifier(args.cashier, "cashier ID")
    return args


def create_main_window(argv: Sequence[str] = ()) -> MainWindow:
    """Build the cashier window from command-line options, with the core open, without
    showing it or starting the event loop. Raises PosrevError (bad options, bad config,
    journal) in one sentence."""
    from posrev.app import App
    from posrev.gui.i18n import Languages
    from posrev.gui.main_window import MainWindow
    from posrev.gui.qt import QApplication

    qapp = QApplication.instance()
    if qapp is None:
        raise RuntimeError("create_main_window needs a QApplication")
    args = parse_options(list(argv))
    app = App.open(app_options(args))
    try:
        return MainWindow(app, cashier=args.cashier, language=args.language,
                          languages=Languages.for_app(qapp))
    except BaseException:
        app.close()
        raise


def _no_display() -> bool:
    """On Linux and BSD with no X11/Wayland display and no platform chosen, Qt would abort
    with a core dump; say it in one sentence instead."""
    import os

    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return False
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None, *,
         options: argparse.Namespace | None = None) -> int:
    """Run the cashier window until it is closed; every worker is stopped on the way out.

    The window paints first and the core (HTTP client, journal, settings) opens right after
    on a worker, so the cashier sees the window at once; a scan made meanwhile is looked up
    as soon as the core is there."""
    import signal

    from posrev.gui.i18n import Languages
    from posrev.gui.main_window import MainWindow
    from posrev.gui.qt import QApplication, QTimer

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = options if options is not None else parse_options(argv)
    except PosrevError as exc:
        print(f"posrev: {exc}", file=sys.stderr)
        return exc.exit_code
    if QApplication.instance() is None and _no_display():
        print("posrev: there is no display to open the window on (set DISPLAY, or use the "
              "command line: 'posrev --help').", file=sys.stderr)
        return 4
    qapp = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "posrev"])
    qapp.setApplicationName("posrev")
    qapp.setApplicationDisplayName("posrev")
    languages = Languages.for_app(qapp)
    if args.language:
        languages.apply(args.language)
    window = MainWindow(None, cashier=args.cashier, language=args.language,
                        languages=languages)
    status = {"code": 0}

    def cannot_start(exc: BaseException) -> None:
        # A bad config file, a journal that cannot be opened: say so, then exit like the CLI.
        status["code"] = exc.exit_code if isinstance(exc, PosrevError) else 1
        print(f"posrev: {exc}", file=sys.stderr)
        if qapp.platformName() == "offscreen":
            window.close()
            return
        from posrev.gui import texts
        from posrev.gui.qt import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, "posrev", texts.error_words(exc),
                          QMessageBox.StandardButton.Close, window)
        box.finished.connect(lambda _r: window.close())
        box.open()

    # Ctrl+C in the terminal closes the window like the close button does; the timer lets
    # Python run its signal handler while Qt's loop is in C++.
    signal.signal(signal.SIGINT, lambda *_: window.close())
    wake = QTimer()
    wake.start(500)
    wake.timeout.connect(lambda: None)
    window.after_first_paint(lambda: window.open_core(app_options(args),
                                                       on_failure=cannot_start))
    window.show()
    try:
        code = qapp.exec()
    finally:
        window.shutdown()
    return status["code"] or code
