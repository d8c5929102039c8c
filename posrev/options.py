"""The global options, parsed one way for the command line and for the window.

``add_global_options`` puts ``--demo``, ``--base-url``, ``--env``, ``--profile`` and
``--config`` on a parser (posrev/cli/__init__.py, posrev/gui/__init__.py); ``app_options``
turns them into the ``AppOptions`` the core opens with; ``global_argv`` writes them back.
A PIN is never taken from the command line, and what was typed is not printed back.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import NamedTuple

from posrev.errors import InputError
from posrev.gateway.environments import ENVIRONMENTS

# The global options that take a value (a value is never taken for a command word).
VALUED_GLOBALS = ("--base-url", "--env", "--profile", "--config")


class AppOptions(NamedTuple):
    """The global options, as the core (posrev/app.py) opens with them. (A NamedTuple: the
    window parses them before it paints, without loading ``dataclasses``.)"""

    demo: bool = False
    base_url: str | None = None
    env: str | None = None
    profile: str = "default"
    config: str | None = None


class UsageError(InputError):
    """The command line is malformed (exit 2)."""


def add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true",
                        help="use the embedded simulator with demo orders and credentials")
    parser.add_argument("--base-url", metavar="URL",
                        help="gateway base URL (https, or loopback http)")
    parser.add_argument("--env", metavar="NAME", choices=ENVIRONMENTS,
                        help="gateway environment: sandbox, test or live")
    parser.add_argument("--profile", metavar="NAME", default="default",
                        help="credentials/journal profile")
    parser.add_argument("--config", metavar="FILE", help="user config file to use")


def app_options(args: argparse.Namespace) -> AppOptions:
    return AppOptions(demo=args.demo, base_url=args.base_url, env=args.env,
                      profile=args.profile, config=args.config)


def global_argv(args: argparse.Namespace) -> list[str]:
    """The global options of ``args`` as a command line again (for the window)."""
    out = ["--demo"] if args.demo else []
    for flag, value in (("--base-url", args.base_url), ("--env", args.env),
                        ("--config", args.config)):
        if value:
            out += [flag, value]
    if args.profile != "default":
        out += ["--profile", args.profile]
    return out


PIN_ON_COMMAND_LINE = ("A PIN is never given on the command line (shell history and the "
                       "process list would keep it): pipe it in on standard input (with "
                       "--pin-stdin where the command has it), or run in a terminal to be "
                       "asked for it.")
_OPTION_NAME = re.compile(r"--?[A-Za-z][A-Za-z-]*")  # no digit: never a PIN or key
_PLAIN_WORD = re.compile(r"[a-z][a-z-]{0,19}")  # a mistyped command; no digit, so no PIN


def refuse_pin_options(argv: Sequence[str]) -> None:
    """``--pin``, ``--pin=…``, ``--pin-stdin=…`` and their abbreviations are refused with a
    sentence that does not repeat the value."""
    for word in argv:
        if word == "--":
            return
        name = word.split("=", 1)[0]
        if (name.startswith("--pi") and (word != "--pin-stdin" or "=" in word)) \
                or (name.startswith("--pin-stdin") and "=" in word):
            raise UsageError(PIN_ON_COMMAND_LINE)


def redact_argv(message: str, argv: Sequence[str], known: set[str]) -> str:
    """argparse repeats what was typed ("unrecognized arguments: 97531864", "invalid choice:
    '97531864'"); a PIN or a key typed in the wrong place must not be printed back. Option
    names and the parser's own words are kept; every other word typed is replaced by '…'."""
    if message.startswith("unrecognized arguments: "):
        # An option's name is shown (``--pin-stdin`` where a command takes none), never a
        # value, nor what follows an option's "=". A word with a digit is shown only when it
        # is an option of posrev's: ``-p97531864`` is a PIN glued to a letter.
        names, values = [], 0
        for word in message[len("unrecognized arguments: "):].split():
            name, eq, _value = word.partition("=")
            if name in known or _OPTION_NAME.fullmatch(name):
                names.append(f"{name}=…" if eq else name)
            else:
                values += 1
        parts = list(dict.fromkeys(names))
        if values > 0:
            parts.append(f"{values} value{'s' if values > 1 else ''} (not repeated here)")
        return "unrecognized arguments: " + (" and ".join(parts) or "(not repeated here)")
    for word in sorted({w for w in argv if w}, key=len, reverse=True):
        pieces = [word] if "=" not in word else [word, word.split("=", 1)[1]]
        for piece in pieces:
            if not piece or piece in known or _PLAIN_WORD.fullmatch(piece):
                continue
            for shown in {piece, repr(piece)[1:-1]}:
                message = re.sub(rf"(?<![\w-]){re.escape(shown)}(?![\w-])", "…", message)
    return message
