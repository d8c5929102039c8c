"""The command line (DESIGN.md §7, a stable contract): a thin driver of ``posrev.app.App``.

Exit codes: 0 done; 1 final but not done; 2 bad input or usage; 3 not final yet (journaled,
will resume); 4 environment (credentials, config, gateway unreachable before anything was
sent); 5 supervisor approval required or refused. Errors are one sentence on stderr.
"""

from __future__ import annotations

import argparse
import getpass
import json
import re
import sys
import threading
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from posrev import __version__
from posrev.domain.identifiers import check_identifier, check_profile, clean_text, escape_controls
from posrev.errors import InputError, PosrevError, SupervisorError
from posrev.gateway.environments import ENVIRONMENTS
from posrev.model.approval import Action

EXIT_DONE, EXIT_NOT_DONE, EXIT_USAGE, EXIT_NOT_FINAL, EXIT_ENV, EXIT_SUPERVISOR = range(6)
OUTCOME_EXIT = {"voided": 0, "refunded": 0, "refund_required": 1, "failed": 1,
                "needs_manual": 1, "handed_over": 1, "not_eligible": 1, "pending": 3,
                "unknown": 3, "needs_supervisor": 5}


class UsageError(InputError):
    pass


PIN_ON_COMMAND_LINE = ("A PIN is never given on the command line (shell history and the "
                       "process list would keep it): pipe it in on standard input (with "
                       "--pin-stdin where the command has it), or run in a terminal to be "
                       "asked for it.")
_OPTION_WORD = re.compile(r"--?[A-Za-z][A-Za-z0-9-]*")
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
        names = [w.split("=", 1)[0] for w in argv if w.split("=", 1)[0] not in known
                 and _OPTION_WORD.fullmatch(w.split("=", 1)[0])
                 and w.split("=", 1)[0] in message]
        values = len(message[len("unrecognized arguments: "):].split()) - len(names)
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
    p.add_argument("--demo", action="store_true",
                   help="use the embedded simulator with demo orders and credentials")
    p.add_argument("--base-url", metavar="URL", help="gateway base URL (https, or loopback http)")
    p.add_argument("--env", metavar="NAME", choices=ENVIRONMENTS,
                   help="gateway environment: sandbox, test or live")
    p.add_argument("--profile", metavar="NAME", default="default",
                   help="credentials/journal profile")
    p.add_argument("--config", metavar="FILE", help="user config file to use")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    g = sub.add_parser("gui", help="open the cashier window (the default)")
    g.add_argument("--cashier", metavar="ID", help="sign this cashier in")

    def number(sp: argparse.ArgumentParser) -> None:
        m = sp.add_mutually_exclusive_group(required=True)
        m.add_argument("--syssn", metavar="S", help="QFPay transaction number")
        m.add_argument("--out-trade-no", metavar="O", help="merchant order number")

    lk = sub.add_parser("lookup", help="look a transaction up and say what can be done")
    number(lk)
    lk.add_argument("--json", action="store_true", help="print one JSON object")

    v = sub.add_parser("void", help="void an unfinished payment (reversal or close)")
    number(v)
    v.add_argument("--cashier", metavar="ID", required=True, help="the cashier voiding it")
    v.add_argument("--supervisor", metavar="ID",
                   help="approving supervisor, when the verdict needs one")
    v.add_argument("--pin-stdin", action="store_true", help="read the supervisor PIN from stdin")
    v.add_argument("--reason", metavar="TEXT", default="",
                   help="why (required with --supervisor)")
    v.add_argument("--force", action="store_true", help="void a failed payment (supervisor)")
    v.add_argument("--no-wait", action="store_true", help="send and return; do not poll")
    v.add_argument("--json", action="store_true", help="print one JSON object")

    from posrev.cli_refund import add_parser as add_refund_parser

    add_refund_parser(sub, number)

    pe = sub.add_parser("pending", help="list (and resume) unfinished voids")
    pe.add_argument("--resume", action="store_true")
    pe.add_argument("--json", action="store_true")

    j = sub.add_parser("journal", help="list past voids; export CSV")
    j.add_argument("--since", metavar="YYYY-MM-DD")
    j.add_argument("--csv", metavar="FILE")
    j.add_argument("--json", action="store_true")

    c = sub.add_parser("credentials", help="app code and client key in the OS keyring")
    c.add_argument("action", choices=("set", "check", "show", "delete", "set-proxy"),
                   help="set-proxy: the HTTP proxy's user and password (empty user removes)")
    c.add_argument("--supervisor", metavar="ID",
                   help="approving supervisor (needed once supervisors exist)")

    d = sub.add_parser("diagnose", help="write a diagnostics bundle for support (no secrets)")
    d.add_argument("--out", metavar="FILE.zip", required=True, help="the zip file to write")
    d.add_argument("--last", metavar="N", type=int, default=50,
                   help="how many recent gateway exchanges and voids to include (50)")
    d.add_argument("--no-check", action="store_true",
                   help="do not run the connection test (nothing is sent)")

    s = sub.add_parser("supervisor", help="supervisor accounts")
    s.add_argument("action", choices=("add", "disable", "list"))
    s.add_argument("id", nargs="?")
    s.add_argument("--name", default="")
    s.add_argument("--approver", metavar="ID", help="another supervisor who approves")
    s.add_argument("--reason", default="")
    s.add_argument("--json", action="store_true")

    from posrev.fleet.cli import add_parser as add_fleet_parser

    add_fleet_parser(sub)
    c.add_argument("--fleet", action="store_true",
                   help="the fleet database password instead (set, show, delete)")

    # These two parse their own options (everything after the command word is theirs).
    sub.add_parser("simulator", help="run the QFPay gateway simulator", add_help=False)

    sub.add_parser("selftest", help="check this installation", add_help=False)
    return p


# -- helpers ------------------------------------------------------------------------------------
def _say(stream: TextIO, text: str) -> None:
    """Text for a terminal: control characters in anything it carries (a journaled cashier,
    a gateway message) are shown as escapes. On stderr it is always one line (an error is
    one sentence); on stdout only the line breaks posrev writes itself are kept."""
    one_line = stream is sys.stderr
    stream.write(escape_controls(text.rstrip("\n"), keep_newlines=not one_line) + "\n")
    stream.flush()


def _check_inputs(args: argparse.Namespace) -> None:
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


def _open_app(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from posrev.app import App, AppOptions

    app = App.open(AppOptions(demo=args.demo, base_url=args.base_url, env=args.env,
                              profile=args.profile, config=args.config))
    if app.journal_notice is not None:  # a damaged journal was set aside: say it loudly
        _say(sys.stderr, f"posrev: warning: {app.journal_notice}")
    return app


def _number(args: argparse.Namespace) -> tuple[str, str]:
    return (args.syssn, "syssn") if args.syssn is not None else (args.out_trade_no,
                                                                 "out_trade_no")


def _read_line(prompt: str, secret: bool = True) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt) if secret else input(prompt)
    line = sys.stdin.readline()
    if not line:
        raise InputError(f"Expected {prompt.strip(': ').lower()} on standard input.")
    return line.rstrip("\r\n")


def _one_payment(app: Any, raw: str, mode: str, verb: str) -> tuple[Any, int | None]:
    """Look ``raw`` up for ``void``/``refund``: the lookup, or the exit code when it cannot
    go on (the lookup failed, or several payments match and the cashier must pick one)."""
    try:
        found = app.lookup(raw, mode)
    except PosrevError as exc:
        _say(sys.stderr, f"posrev: {exc}")
        return None, _lookup_error_code(exc)
    if found.candidates:
        _say(sys.stderr, f"posrev: {len(found.candidates)} payments match {raw}; {verb} one "
                         "by its QFPay number: " + ", ".join(c.syssn for c in found.candidates))
        return found, EXIT_USAGE
    return found, None


def _lookup_error_code(exc: PosrevError) -> int:
    # A lookup changes nothing; any gateway trouble is an environment problem for it.
    from posrev.gateway.client import GatewayError

    return EXIT_ENV if isinstance(exc, GatewayError) else exc.exit_code


# -- commands -----------------------------------------------------------------------------------
def cmd_lookup(args: argparse.Namespace) -> int:
    raw, mode = _number(args)
    with _open_app(args) as app:
        try:
            found = app.lookup(raw, mode)
        except PosrevError as exc:
            _say(sys.stderr, f"posrev: {exc}")
            return _lookup_error_code(exc)
    if args.json:
        _say(sys.stdout, json.dumps(found.to_json(), ensure_ascii=False))
    else:
        _print_lookup(found, app.settings.timezone)
    return EXIT_DONE if found.result.found else EXIT_NOT_DONE


def _print_lookup(found: Any, tz: str) -> None:
    from posrev.money import format_amount

    def say(_stream: TextIO, text: str) -> None:  # the gateway's fields, one line each
        _say(sys.stdout, _one_line(text))

    out = sys.stdout
    txn = found.transaction
    if found.candidates:
        say(out, f"{len(found.candidates)} payments match {found.result.number}:")
        for c in found.candidates:
            say(out, f"  {c.syssn}  {format_amount(c.txamt, c.txcurrcd)}  pay type {c.pay_type}"
                     f"  respcd {c.respcd}  {c.sysdtm}")
        say(out, "Look one up by its QFPay number (--syssn) to void it.")
        return
    if txn is None:
        say(out, found.verdict.message)
        return
    say(out, f"Amount:        {format_amount(txn.txamt, txn.txcurrcd)}")
    say(out, f"QFPay number:  {txn.syssn}")
    say(out, f"Order number:  {txn.out_trade_no or '-'}")
    say(out, f"Pay type:      {txn.pay_type}   status {txn.respcd}   cancel {txn.cancel}")
    say(out, f"Time:          {txn.sysdtm} ({tz}, the gateway's zone)")
    say(out, f"Verdict:       {found.verdict.code} -> {found.verdict.action}")
    say(out, found.verdict.message)


def _progress_printer() -> Any:
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
        _say(sys.stderr, line)
    return show


def _void_json(outcome: str, action: str, txn: Any, message: str, op: Any = None) -> dict:
    if op is not None:
        data = op.to_json()
        data["outcome"] = outcome
        return data
    return {"outcome": outcome, "action": action, "operation_id": None,
            "orig_syssn": txn.syssn if txn else "", "out_trade_no": txn.out_trade_no if txn
            else "", "void_syssn": "", "txamt": txn.txamt if txn else 0,
            "txcurrcd": txn.txcurrcd if txn else "", "respcd": "", "message": message}


def _finish_void(args: argparse.Namespace, data: dict) -> int:
    return _finish_operation(args, data, f"void_syssn {data['void_syssn'] or '-'}")


def _finish_operation(args: argparse.Namespace, data: dict, numbers: str) -> int:
    """Print a void's or a refund's outcome (``numbers``: what the gateway numbered it) and
    return its exit code."""
    code = OUTCOME_EXIT[data["outcome"]]
    if data["outcome"] == "failed" and data.get("sends") == 0:
        code = EXIT_ENV  # nothing reached the gateway: unreachable, or credentials refused
    data.pop("sends", None)
    if code in (EXIT_USAGE, EXIT_ENV):
        _say(sys.stderr, f"posrev: {data['message']}")
        return code
    if args.json:
        _say(sys.stdout, json.dumps(data, ensure_ascii=False))
    else:
        _say(sys.stdout, _one_line(f"{data['outcome']}: {data['message']}"))
        if data.get("operation_id"):
            _say(sys.stdout, f"operation {data['operation_id']}  orig_syssn {data['orig_syssn']}"
                             f"  {numbers}")
    return code


def cmd_void(args: argparse.Namespace) -> int:
    from posrev.app import NotEligible
    from posrev.domain.void import OutcomeNotRecorded

    raw, mode = _number(args)
    if args.pin_stdin and not args.supervisor:
        raise UsageError("--pin-stdin needs --supervisor ID.")
    with _open_app(args) as app:
        found, refused = _one_payment(app, raw, mode, "void")
        if refused is not None:
            return refused
        txn = found.transaction
        # (A refund of it under way is not resumed by 'void'.)
        live = app.live_operation(txn.syssn, "void") if txn else None
        verdict = app.verdict_for(txn, force=args.force) if txn else found.verdict
        if live is None and (txn is None or not verdict.can_void):
            # (A live void of ours is resumed whatever the payment now shows: a retried
            # 'posrev void' after exit 3 must report our own void's outcome.)
            outcome = "refund_required" if verdict.action == "refund" else "not_eligible"
            return _finish_void(args, _void_json(outcome, verdict.action, txn, verdict.message))
        supervised = verdict.needs_supervisor and live is None
        if supervised and not args.supervisor:
            return _finish_void(args, _void_json(
                "needs_supervisor", verdict.action, txn, verdict.message +
                " Use --supervisor ID --pin-stdin --reason TEXT."))
        try:
            if supervised:
                pin = _read_line("Supervisor PIN: ")
                op = app.approve_and_void(txn, args.supervisor, pin, cashier=args.cashier,
                                          reason=args.reason, force=args.force,
                                          verdict=verdict)
            else:
                op = app.start_void(txn, cashier=args.cashier, force=args.force,
                                    reason=args.reason, verdict=verdict)
        except NotEligible as exc:
            return _finish_void(args, _void_json("not_eligible", "none", txn, str(exc)))
        except SupervisorError as exc:
            return _finish_void(args, _void_json("needs_supervisor", verdict.action, txn,
                                                 str(exc)))
        if live is not None:
            _say(sys.stderr, f"posrev: a void of {txn.syssn} is already under way "
                             f"(operation {op.op_id}); resuming it.")
        try:
            op = _drive(app, op, resume=live is not None, no_wait=args.no_wait)
        except OutcomeNotRecorded as exc:  # the journal refused a step: say what is known
            data = exc.operation.to_json()
            data.update(outcome="unknown" if exc.operation.sends else "pending",
                        message=str(exc))
            return _finish_void(args, data)
        data = op.to_json()
        data["sends"] = op.sends
        return _finish_void(args, data)


# Operations this command has driven: once one has, a request may have left, so an
# unexpected error can no longer be an environment error "before anything was sent" (exit 4):
# it is exit 3, and the journaled operation is resumed (DESIGN.md §2).
_DRIVEN: list[str] = []


def _drive(app: Any, op: Any, *, resume: bool, no_wait: bool = False) -> Any:
    _DRIVEN.append(op.op_id)
    stop = threading.Event()
    budget = 0.0 if no_wait else None
    try:
        return app.drive(op.op_id, on_progress=_progress_printer(), cancel=stop,
                         budget=budget, resume=resume)
    except KeyboardInterrupt:
        stop.set()
        _say(sys.stderr, f"posrev: interrupted; the {op.kind} is journaled and will be "
                         "resumed.")
        return app.operation(op.op_id)


def cmd_pending(args: argparse.Namespace) -> int:
    with _open_app(args) as app:
        ops = app.pending_operations()
        if not args.resume:
            if args.json:
                _say(sys.stdout, json.dumps([o.to_listing() for o in ops], ensure_ascii=False))
            elif not ops:
                _say(sys.stdout, "Nothing is pending.")
            else:
                for o in ops:
                    _say(sys.stdout, _op_line(o))
            return EXIT_DONE
        results, worst = [], EXIT_DONE
        for o in ops:
            try:
                done = _drive(app, o, resume=True)
            except PosrevError as exc:
                _say(sys.stderr, f"posrev: {o.op_id[:8]}: {exc}")
                worst = max(worst, exc.exit_code)
                continue
            except Exception as exc:  # noqa: BLE001 - one operation never stops the others
                where = _log_crash(exc)
                _say(sys.stderr, f"posrev: {o.op_id[:8]}: internal error "
                                 f"({type(exc).__name__}); it stays journaled and will be "
                                 f"resumed. Details: {where}")
                worst = max(worst, EXIT_NOT_FINAL)
                continue
            results.append(done.to_listing())
            worst = max(worst, OUTCOME_EXIT[done.outcome])
        if worst in (EXIT_USAGE, EXIT_ENV):
            return worst  # stdout stays empty (DESIGN.md §7); each reason is on stderr
        if args.json:
            _say(sys.stdout, json.dumps(results, ensure_ascii=False))
        else:
            for r in results:
                _say(sys.stdout, _one_line(f"{r['outcome']}: {r['kind']} {r['orig_syssn']} "
                                           f"{r['message']}"))
            if not results:
                _say(sys.stdout, "Nothing is pending.")
        return worst


def _op_line(o: Any) -> str:
    from posrev.money import format_amount

    return _one_line(f"{o.created_at:%Y-%m-%d %H:%M:%S}Z  {o.op_id[:8]}  {o.outcome:<15} "
                     f"{o.kind:<6} {o.action:<8} {format_amount(o.txamt, o.txcurrcd):>14}  "
                     f"{o.orig_syssn}  {o.cashier}  {o.message}")


def _one_line(text: str) -> str:
    """One record, one line: a line break inside a field is shown as an escape."""
    return escape_controls(text, keep_newlines=False)


def cmd_journal(args: argparse.Namespace) -> int:
    from posrev.app import since_date

    with _open_app(args) as app:
        since = since_date(args.since, app.settings.timezone) if args.since else None
        if args.csv:
            count = app.export_csv(args.csv, since=since)
            _say(sys.stderr, f"posrev: wrote {count} operations to {args.csv}")
            return EXIT_DONE
        total = app.count_operations(since=since)
        ops = app.operations(0, 1000, since=since)
        if args.json:
            _say(sys.stdout, json.dumps([{**o.to_listing(), "created_at": o.created_at.isoformat(),
                                          "cashier": o.cashier, "approver": o.approver,
                                          "udid": o.udid} for o in ops], ensure_ascii=False))
        else:
            for o in ops:
                _say(sys.stdout, _op_line(o))
            if total > len(ops):
                _say(sys.stdout, f"... and {total - len(ops)} older; use --csv FILE for all.")
            if not ops:
                _say(sys.stdout, "The journal has no operations yet.")
        return EXIT_DONE


def _approval(app: Any, approver: str | None, *, requester: str, action: Action, target: str,
              reason: str) -> Any:
    if not approver:
        raise SupervisorError("A supervisor must approve this: add --supervisor ID "
                              "(or --approver ID).")
    pin = _read_line(f"PIN of supervisor {approver}: ")
    return app.approve(action, target, approver, pin, requester=requester,
                       reason=reason or action)


def _credentials_approval(app: Any, args: argparse.Namespace, reason: str) -> Any:
    """Once the terminal has a supervisor, a change of a secret is approved by one (the
    rule is the core's: ``App.change_credentials``); None before that."""
    if not app.has_supervisors():
        return None
    return _approval(app, args.supervisor, requester="it-admin", action=Action.CREDENTIALS,
                     target=app.profile, reason=reason)


def cmd_credentials(args: argparse.Namespace) -> int:
    from posrev.credentials import mask

    if getattr(args, "fleet", False):  # the fleet database's password (posrev/fleet/cli.py)
        from posrev.fleet.cli import cmd_fleet_credentials

        return cmd_fleet_credentials(args)
    with _open_app(args) as app:
        if args.action == "show":
            creds = app.credentials()
            _say(sys.stdout, f"profile:    {app.profile}\nsource:     {creds.source}\n"
                             f"app code:   {mask(creds.app_code)}\n"
                             f"client key: {mask(creds.client_key)}\n"
                             f"mchid:      {creds.mchid or app.settings.mchid or '-'}\n"
                             f"gateway:    {app.settings.gateway_url()} ({app.env_label})")
            return EXIT_DONE
        if args.action == "check":
            result = app.check_connection()
            _say(sys.stdout if result.ok else sys.stderr, ("" if result.ok else "posrev: ")
                 + result.text)
            return EXIT_DONE if result.ok else EXIT_ENV
        approval = _credentials_approval(app, args, f"credentials {args.action}")
        if args.action == "set-proxy":
            user = _read_line("Proxy user: ", secret=False).strip()
            password = _read_line("Proxy password: ") if user else ""
            app.change_proxy_credentials(user, password, approval=approval,
                                         requester="it-admin")
            _say(sys.stdout, f"Proxy credentials of profile '{app.profile}' "
                             + ("saved in the keyring." if user else "removed."))
            return EXIT_DONE
        if args.action == "delete":
            app.delete_credentials(approval=approval, requester="it-admin")
            _say(sys.stdout, f"Credentials of profile '{app.profile}' deleted.")
            return EXIT_DONE
        app_code = _read_line("App code: ").strip()
        client_key = _read_line("Client key: ").strip()
        creds = app.change_credentials(app_code, client_key, approval=approval,
                                       requester="it-admin")
        _say(sys.stdout, f"Saved for profile '{app.profile}': app code {mask(creds.app_code)}, "
                         f"client key {mask(creds.client_key)}. Run 'posrev credentials check'.")
        return EXIT_DONE


def cmd_supervisor(args: argparse.Namespace) -> int:
    with _open_app(args) as app:
        if args.action == "list":
            rows = app.list_supervisors()
            if args.json:
                _say(sys.stdout, json.dumps([{"id": r.sup_id, "name": r.name,
                                              "disabled": r.disabled,
                                              "locked_until": r.locked_until.isoformat()
                                              if r.locked_until else None} for r in rows]))
            for r in rows if not args.json else []:
                _say(sys.stdout, f"{r.sup_id:<12} {r.name:<24} {_sup_status(r)}")
            if not rows and not args.json:
                _say(sys.stdout, "No supervisors yet; add the first with "
                                 "'posrev supervisor add ID --name NAME'.")
            return EXIT_DONE
        if not args.id:
            raise UsageError(f"'posrev supervisor {args.action}' needs a supervisor ID.")
        if args.action == "add":
            pin = _read_line(f"New PIN for {args.id}: ")
            approval = None  # the first supervisor is added without one
            if app.has_supervisors():
                approval = _approval(app, args.approver, requester="it-admin",
                                     action=Action.ADD_SUPERVISOR, target=args.id,
                                     reason=args.reason)
            app.add_supervisor(args.id, args.name or args.id, pin, approval)
            _say(sys.stdout, f"Supervisor {args.id} added.")
            return EXIT_DONE
        approval = _approval(app, args.approver, requester="it-admin",
                             action=Action.DISABLE_SUPERVISOR, target=args.id,
                             reason=args.reason)
        app.disable_supervisor(args.id, approval)
        _say(sys.stdout, f"Supervisor {args.id} disabled.")
        return EXIT_DONE


def _sup_status(r: Any) -> str:
    """active / disabled, and a lock with its end in this PC's time and zone."""
    status = "disabled" if r.disabled else "active"
    if r.locked_until is not None:
        until = r.locked_until.astimezone()
        status += f", locked until {until:%Y-%m-%d %H:%M:%S} {until.tzname()} (UTC{until:%z})"
    return status


def cmd_diagnose(args: argparse.Namespace) -> int:
    from posrev.diagnose import build

    if not 1 <= args.last <= 10000:
        raise UsageError("--last must be between 1 and 10000.")
    with _open_app(args) as app:
        bundle = build(app, args.out, last=args.last, connection_test=not args.no_check)
    _say(sys.stdout, f"Wrote {bundle.path} ({bundle.exchanges} gateway exchanges). "
                     f"{bundle.connection}")
    return EXIT_DONE


def cmd_fleet(args: argparse.Namespace) -> int:
    from posrev.fleet.cli import run

    return run(args)


PASSTHROUGH = ("simulator", "selftest")
VALUED_GLOBALS = ("--base-url", "--env", "--profile", "--config")


def _global_argv(args: argparse.Namespace) -> list[str]:
    out = ["--demo"] if args.demo else []
    for flag, value in (("--base-url", args.base_url), ("--env", args.env),
                        ("--config", args.config)):
        if value:
            out += [flag, value]
    if args.profile != "default":
        out += ["--profile", args.profile]
    return out


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
    _DRIVEN.clear()
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
        _check_inputs(args)
        command = args.command or "gui"
        if command == "gui":
            from posrev.gui import main as gui_main

            return int(gui_main(_global_argv(args) + (
                ["--cashier", args.cashier] if getattr(args, "cashier", None) else [])))
        if command == "simulator":
            from posrev.simulator.cli import main as sim_main

            return int(sim_main(own))
        if command == "selftest":
            from posrev.selftest import main as selftest_main

            return int(selftest_main(own))
        from posrev.cli_refund import cmd_refund

        handler = {"lookup": cmd_lookup, "void": cmd_void, "refund": cmd_refund,
                   "pending": cmd_pending, "journal": cmd_journal, "credentials": cmd_credentials,
                   "supervisor": cmd_supervisor, "diagnose": cmd_diagnose,
                   "fleet": cmd_fleet}[command]
        return handler(args)
    except PosrevError as exc:
        _say(sys.stderr, f"posrev: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        _say(sys.stderr, "posrev: interrupted.")
        return EXIT_NOT_FINAL
    except BrokenPipeError:
        return EXIT_DONE
    except OSError as exc:
        _say(sys.stderr, f"posrev: {exc.strerror or exc}"
                         + (f": {exc.filename}" if getattr(exc, "filename", None) else "")
                         + (_STILL_JOURNALED if _DRIVEN else "."))
        return EXIT_NOT_FINAL if _DRIVEN else EXIT_ENV
    except Exception as exc:  # noqa: BLE001 - never a traceback on the console
        where = _log_crash(exc)
        if _DRIVEN:
            _say(sys.stderr, f"posrev: internal error ({type(exc).__name__})"
                             f"{_STILL_JOURNALED} Details: {where}")
            return EXIT_NOT_FINAL
        _say(sys.stderr, f"posrev: internal error ({type(exc).__name__}); every void is "
                         "journaled before it is sent, and 'posrev pending' lists any that is "
                         f"unfinished. Details: {where}")
        return EXIT_ENV


_STILL_JOURNALED = ("; the operation is journaled and its outcome is not known yet: "
                    "'posrev pending --resume' (or the window) finishes it.")


def _log_crash(exc: BaseException) -> str:
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


