"""What the commands of the command line share: output, input, opening the core, asking a
supervisor, driving an operation, the exit codes (the commands: posrev/cli/__init__.py)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import threading
from typing import Any, TextIO

from posrev import __version__
from posrev.domain.identifiers import check_identifier, clean_text, escape_controls
from posrev.errors import InputError, PosrevError, SupervisorError
from posrev.model.approval import Action
from posrev.options import UsageError, app_options

EXIT_DONE, EXIT_NOT_DONE, EXIT_USAGE, EXIT_NOT_FINAL, EXIT_ENV, EXIT_SUPERVISOR = range(6)
OUTCOME_EXIT = {"voided": 0, "refunded": 0, "refund_required": 1, "failed": 1,
                "needs_manual": 1, "handed_over": 1, "not_eligible": 1, "pending": 3,
                "unknown": 3, "needs_supervisor": 5}


def say(stream: TextIO, text: str) -> None:
    """Text for a terminal: control characters in anything it carries (a journaled cashier,
    a gateway message) are shown as escapes. On stderr it is always one line (an error is
    one sentence); on stdout only the line breaks posrev writes itself are kept."""
    one_line = stream is sys.stderr
    stream.write(escape_controls(text.rstrip("\n"), keep_newlines=not one_line) + "\n")
    stream.flush()


def check_inputs(args: argparse.Namespace) -> None:
    """Identifiers typed on the command line follow the one rule of the core (exit 2);
    free text is cleaned, not refused."""
    for attr, what in (("cashier", "cashier ID"), ("supervisor", "supervisor ID"),
                       ("approver", "supervisor ID")):
        value = getattr(args, attr, None)
        if value is not None:
            setattr(args, attr, check_identifier(value, what))
    if getattr(args, "command", None) == "supervisor" and args.id is not None:
        args.id = check_identifier(args.id, "supervisor ID")
    for attr in ("reason", "name"):
        if isinstance(getattr(args, attr, None), str):
            setattr(args, attr, clean_text(getattr(args, attr)))
    if getattr(args, "pin_stdin", None) is False and getattr(args, "supervisor", None) \
            and not sys.stdin.isatty():
        # A command that offers --pin-stdin never reads standard input unasked: it may be a
        # script's own data. On a terminal the PIN is asked for without echo.
        raise UsageError("With --supervisor, add --pin-stdin to pipe the supervisor's PIN in "
                         "(or run in a terminal to be asked for it).")


def open_app(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from posrev.app import App

    app = App.open(app_options(args))
    if app.journal_notice is not None:  # a damaged journal was set aside: say it loudly
        say(sys.stderr, f"posrev: warning: {app.journal_notice}")
    return app


def number_arg(args: argparse.Namespace) -> tuple[str, str]:
    return (args.syssn, "syssn") if args.syssn is not None else (args.out_trade_no,
                                                                 "out_trade_no")


def read_line(prompt: str, secret: bool = True) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt) if secret else input(prompt)
    line = sys.stdin.readline()
    if not line:
        raise InputError(f"Expected {prompt.strip(': ').lower()} on standard input.")
    return line.rstrip("\r\n")


def one_payment(app: Any, raw: str, mode: str, verb: str) -> tuple[Any, int | None]:
    """Look ``raw`` up for ``void``/``refund``: the lookup, or the exit code when it cannot
    go on (the lookup failed, or several payments match and the cashier must pick one)."""
    try:
        found = app.lookup(raw, mode)
    except PosrevError as exc:
        say(sys.stderr, f"posrev: {exc}")
        return None, lookup_error_code(exc)
    if found.candidates:
        say(sys.stderr, f"posrev: {len(found.candidates)} payments match {raw}; {verb} one "
                        "by its QFPay number: " + ", ".join(c.syssn for c in found.candidates))
        return found, EXIT_USAGE
    return found, None


def lookup_error_code(exc: PosrevError) -> int:
    # A lookup changes nothing; any gateway trouble is an environment problem for it.
    from posrev.gateway.client import GatewayError

    return EXIT_ENV if isinstance(exc, GatewayError) else exc.exit_code


# -- commands -----------------------------------------------------------------------------------


def progress_printer() -> Any:
    """One line per state change on stderr, with the next check's time (local, with zone)."""
    from datetime import datetime, timedelta

    last: list[tuple[str, int]] = []

    def show(p: Any) -> None:
        key = (p.state, p.attempt)
        if last and last[-1] == key:
            return
        last.append(key)
        now = datetime.now().astimezone()
        line = f"posrev: {now:%H:%M:%S} {p.state} (check {p.attempt}, {p.elapsed:.0f} s): " \
               f"{p.message}"
        if p.next_check_in:
            at = now + timedelta(seconds=p.next_check_in)
            line += f" Next check at {at:%H:%M:%S %Z} (in {p.next_check_in:.0f} s)."
        say(sys.stderr, line)
    return show


def finish_operation(args: argparse.Namespace, data: dict, numbers: str) -> int:
    """Print a void's or a refund's outcome (``numbers``: what the gateway numbered it) and
    return its exit code."""
    code = OUTCOME_EXIT[data["outcome"]]
    if data["outcome"] == "failed" and data.get("sends") == 0:
        code = EXIT_ENV  # nothing reached the gateway: unreachable, or credentials refused
    data.pop("sends", None)
    if code in (EXIT_USAGE, EXIT_ENV):
        say(sys.stderr, f"posrev: {data['message']}")
        return code
    if args.json:
        say(sys.stdout, json.dumps(data, ensure_ascii=False))
    else:
        say(sys.stdout, one_line(f"{data['outcome']}: {data['message']}"))
        if data.get("operation_id"):
            say(sys.stdout, f"operation {data['operation_id']}  orig_syssn {data['orig_syssn']}"
                            f"  {numbers}")
    return code


# Operations this command has driven: once one has, a request may have left, so an
# unexpected error can no longer be an environment error "before anything was sent" (exit 4):
# it is exit 3, and the journaled operation is resumed (DESIGN.md §2).
DRIVEN: list[str] = []


def not_recorded(exc: Any, data: dict) -> dict:
    """The JSON of an operation whose last step the journal refused (``OutcomeNotRecorded``):
    what is known, and that its outcome is not."""
    data.update(outcome="unknown" if exc.operation.sends else "pending", message=str(exc))
    return data


def drive(app: Any, op: Any, *, resume: bool, no_wait: bool = False) -> Any:
    DRIVEN.append(op.op_id)
    stop = threading.Event()
    budget = 0.0 if no_wait else None
    try:
        return app.drive(op.op_id, on_progress=progress_printer(), cancel=stop,
                         budget=budget, resume=resume)
    except KeyboardInterrupt:
        stop.set()
        say(sys.stderr, f"posrev: interrupted; the {op.kind} is journaled and will be "
                        "resumed.")
        return app.operation(op.op_id)


def one_line(text: str) -> str:
    """One record, one line: a line break inside a field is shown as an escape."""
    return escape_controls(text, keep_newlines=False)


def ask_approval(app: Any, approver: str | None, *, requester: str, action: Action,
                 target: str, reason: str) -> Any:
    if not approver:
        raise SupervisorError("A supervisor must approve this: add --supervisor ID "
                              "(or --approver ID).")
    pin = read_line(f"PIN of supervisor {approver}: ")
    return app.approve(action, target, approver, pin, requester=requester,
                       reason=reason or action)


def credentials_approval(app: Any, args: argparse.Namespace, reason: str) -> Any:
    """Once the terminal has a supervisor, a change of a secret is approved by one (the
    rule is the core's: ``App.change_credentials``); None before that."""
    if not app.has_supervisors():
        return None
    return ask_approval(app, args.supervisor, requester="it-admin", action=Action.CREDENTIALS,
                        target=app.profile, reason=reason)


STILL_JOURNALED = ("; the operation is journaled and its outcome is not known yet: "
                    "'posrev pending --resume' (or the window) finishes it.")


def log_crash(exc: BaseException) -> str:
    """Write the traceback to the log folder (tracebacks hold no secrets: they are never
    put in exception messages), and say where."""
    import traceback
    from datetime import UTC, datetime

    from posrev.config import resolve_paths

    try:
        log_dir = resolve_paths().log_dir
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / "crash.log"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now(UTC).isoformat()} posrev {__version__}\n")
            fh.write("".join(traceback.format_exception(exc)))
        return str(path)
    except OSError:
        return "(the log folder is not writable)"
