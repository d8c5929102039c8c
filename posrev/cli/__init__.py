"""The command line (DESIGN.md §7, a stable contract): a thin driver of ``posrev.app.App``.

Exit codes: 0 done; 1 final but not done; 2 bad input or usage; 3 not final yet (journaled,
will resume); 4 environment (credentials, config, gateway unreachable before anything was
sent); 5 supervisor approval required or refused. Errors are one sentence on stderr.

One module per group of commands, each with ``add_parsers(sub, number)`` and ``COMMANDS``
(name -> handler): ``payments`` (lookup, void, pending, journal), ``refund``, ``admin``
(credentials, supervisor, diagnose) and ``posrev.fleet.cli`` (fleet). A new command goes
into its group's module; a new group is one line in ``GROUPS`` of ``registry.py``. The global
options are ``posrev.options`` (shared with the window); ``common`` holds what the commands
share.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from posrev import __version__
from posrev.domain.identifiers import check_profile
from posrev.errors import InputError, PosrevError
from posrev.options import (
    VALUED_GLOBALS,
    UsageError,
    add_global_options,
    global_argv,
    redact_argv,
    refuse_pin_options,
)


def groups() -> tuple[ModuleType, ...]:
    """The command groups (posrev/cli/registry.py), imported now."""
    from posrev.cli.registry import load

    return load()
# These parse their own options (everything after the command word is theirs).
PASSTHROUGH = ("simulator", "selftest")


def _known_words(parser: argparse.ArgumentParser) -> set[str]:
    words: set[str] = set()
    for action in parser._actions:  # argparse keeps no public list of its actions
        words.update(action.option_strings)
        if action.choices:
            words.update(str(c) for c in action.choices)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                words |= _known_words(sub)
    return words


class _Parser(argparse.ArgumentParser):
    argv: Sequence[str] = ()  # what main() is parsing, for redact_argv

    def error(self, message: str) -> NoReturn:  # one sentence, exit 2
        message = redact_argv(message, _Parser.argv, _known_words(build_parser()))
        raise UsageError(f"{message[:1].upper()}{message[1:]} (see 'posrev --help').")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="posrev", description="Void unfinished QR-wallet payments (QFPay).")
    p.add_argument("--version", action="version", version=f"posrev {__version__}")
    add_global_options(p)
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    g = sub.add_parser("gui", help="open the cashier window (the default)")
    g.add_argument("--cashier", metavar="ID", help="sign this cashier in")

    def number(sp: argparse.ArgumentParser) -> None:
        m = sp.add_mutually_exclusive_group(required=True)
        m.add_argument("--syssn", metavar="S", help="QFPay transaction number")
        m.add_argument("--out-trade-no", metavar="O", help="merchant order number")

    for group in groups():
        group.add_parsers(sub, number)
    sub.add_parser("simulator", help="run the QFPay gateway simulator", add_help=False)
    sub.add_parser("selftest", help="check this installation", add_help=False)
    return p


def _opens_the_window(argv: list[str]) -> bool:
    """``posrev`` alone, or ``posrev [global options] gui [its options]``: the cashier
    window, which parses these options itself (no need to build every command's parser
    first: the window is ready to scan sooner)."""
    if any(word in ("-h", "--help", "--version") for word in argv):
        return False
    words: list[str] = []
    valued = (*VALUED_GLOBALS, "--cashier", "--language")
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in valued:
            skip = True
        elif not word.startswith("-"):
            words.append(word)
    return words in ([], ["gui"])


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commanded = False  # a command (not the window) is running: posrev.cli.common is loaded
    try:
        if _opens_the_window(argv):
            from posrev.gui import main as gui_main
            from posrev.gui import parse_options

            try:
                options = parse_options(argv)
            except InputError:
                pass  # the full parser below says what is wrong, as for any command
            else:
                return int(gui_main(argv, options=options))
        # What the commands share loads here, not before the window paints.
        from posrev.cli import common

        common.DRIVEN.clear()
        commanded = True
        parser = build_parser()
        own: list[str] = []
        for i, word in enumerate(argv):
            if word in PASSTHROUGH and not (i and argv[i - 1] in VALUED_GLOBALS):
                argv, own = argv[:i + 1], argv[i + 1:]
                break
        refuse_pin_options(argv)
        _Parser.argv = tuple(argv)
        args = parser.parse_args(argv)
        check_profile(args.profile)  # before any path is built from it
        common.check_inputs(args)
        command = args.command or "gui"
        if command == "gui":
            from posrev.gui import main as gui_main

            return int(gui_main(global_argv(args) + (
                ["--cashier", args.cashier] if getattr(args, "cashier", None) else [])))
        if command == "simulator":
            from posrev.simulator.cli import main as sim_main

            return int(sim_main(own))
        if command == "selftest":
            from posrev.selftest import main as selftest_main

            return int(selftest_main(own))
        handler = next(group.COMMANDS[command] for group in groups()
                       if command in group.COMMANDS)
        return handler(args)
    except BaseException as exc:  # noqa: BLE001 - never a traceback on the console
        from posrev.cli import common

        return _failed(exc, common, driven=commanded and bool(common.DRIVEN))


def _failed(exc: BaseException, common: ModuleType, *, driven: bool) -> int:
    """One sentence on stderr and the exit code for what stopped ``main``; ``driven``: a
    void or refund was driven before it (its outcome is journaled, exit 3)."""
    say = common.say
    if isinstance(exc, PosrevError):
        say(sys.stderr, f"posrev: {exc}")
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        say(sys.stderr, "posrev: interrupted.")
        return int(common.EXIT_NOT_FINAL)
    if isinstance(exc, BrokenPipeError):
        return int(common.EXIT_DONE)
    if isinstance(exc, OSError):
        say(sys.stderr, f"posrev: {exc.strerror or exc}"
                        + (f": {exc.filename}" if getattr(exc, "filename", None) else "")
                        + (common.STILL_JOURNALED if driven else "."))
        return int(common.EXIT_NOT_FINAL if driven else common.EXIT_ENV)
    if not isinstance(exc, Exception):  # SystemExit and the like go on
        raise exc
    where = common.log_crash(exc)
    if driven:
        say(sys.stderr, f"posrev: internal error ({type(exc).__name__})"
                        f"{common.STILL_JOURNALED} Details: {where}")
        return int(common.EXIT_NOT_FINAL)
    say(sys.stderr, f"posrev: internal error ({type(exc).__name__}); every void is "
                    "journaled before it is sent, and 'posrev pending' lists any that is "
                    f"unfinished. Details: {where}")
    return int(common.EXIT_ENV)
