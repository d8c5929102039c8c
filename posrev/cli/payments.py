"""``posrev lookup``, ``void``, ``pending`` and ``journal``: a payment and its voids."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from posrev.cli.common import (
    EXIT_DONE,
    EXIT_ENV,
    EXIT_NOT_DONE,
    EXIT_NOT_FINAL,
    EXIT_USAGE,
    OUTCOME_EXIT,
    drive,
    finish_operation,
    log_crash,
    lookup_error_code,
    not_recorded,
    number_arg,
    one_line,
    one_payment,
    open_app,
    read_line,
    say,
)
from posrev.errors import PosrevError, SupervisorError
from posrev.options import UsageError


def add_parsers(sub: Any, number: Any) -> None:
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

    pe = sub.add_parser("pending", help="list (and resume) unfinished voids")
    pe.add_argument("--resume", action="store_true")
    pe.add_argument("--json", action="store_true")

    j = sub.add_parser("journal", help="list past voids; export CSV")
    j.add_argument("--since", metavar="YYYY-MM-DD")
    j.add_argument("--csv", metavar="FILE")
    j.add_argument("--json", action="store_true")


def cmd_lookup(args: argparse.Namespace) -> int:
    raw, mode = number_arg(args)
    with open_app(args) as app:
        try:
            found = app.lookup(raw, mode)
        except PosrevError as exc:
            say(sys.stderr, f"posrev: {exc}")
            return lookup_error_code(exc)
    if args.json:
        say(sys.stdout, json.dumps(found.to_json(), ensure_ascii=False))
    else:
        _print_lookup(found, app.settings.timezone)
    return EXIT_DONE if found.result.found else EXIT_NOT_DONE


def _print_lookup(found: Any, tz: str) -> None:
    from posrev.money import format_amount

    def line(_stream: TextIO, text: str) -> None:  # the gateway's fields, one line each
        say(sys.stdout, one_line(text))

    out = sys.stdout
    txn = found.transaction
    if found.candidates:
        line(out, f"{len(found.candidates)} payments match {found.result.number}:")
        for c in found.candidates:
            line(out, f"  {c.syssn}  {format_amount(c.txamt, c.txcurrcd)}  pay type {c.pay_type}"
                     f"  respcd {c.respcd}  {c.sysdtm}")
        line(out, "Look one up by its QFPay number (--syssn) to void it.")
        return
    if txn is None:
        line(out, found.verdict.message)
        return
    line(out, f"Amount:        {format_amount(txn.txamt, txn.txcurrcd)}")
    line(out, f"QFPay number:  {txn.syssn}")
    line(out, f"Order number:  {txn.out_trade_no or '-'}")
    line(out, f"Pay type:      {txn.pay_type}   status {txn.respcd}   cancel {txn.cancel}")
    line(out, f"Time:          {txn.sysdtm} ({tz}, the gateway's zone)")
    line(out, f"Verdict:       {found.verdict.code} -> {found.verdict.action}")
    line(out, found.verdict.message)


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
    return finish_operation(args, data, f"void_syssn {data['void_syssn'] or '-'}")


def cmd_void(args: argparse.Namespace) -> int:
    from posrev.app import NotEligible
    from posrev.domain.void import OutcomeNotRecorded

    raw, mode = number_arg(args)
    if args.pin_stdin and not args.supervisor:
        raise UsageError("--pin-stdin needs --supervisor ID.")
    with open_app(args) as app:
        found, refused = one_payment(app, raw, mode, "void")
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
                pin = read_line("Supervisor PIN: ")
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
            say(sys.stderr, f"posrev: a void of {txn.syssn} is already under way "
                            f"(operation {op.op_id}); resuming it.")
        try:
            op = drive(app, op, resume=live is not None, no_wait=args.no_wait)
        except OutcomeNotRecorded as exc:  # the journal refused a step: say what is known
            return _finish_void(args, not_recorded(exc, exc.operation.to_json()))
        data = op.to_json()
        data["sends"] = op.sends
        return _finish_void(args, data)


def cmd_pending(args: argparse.Namespace) -> int:
    with open_app(args) as app:
        ops = app.pending_operations()
        if not args.resume:
            if args.json:
                say(sys.stdout, json.dumps([o.to_listing() for o in ops], ensure_ascii=False))
            elif not ops:
                say(sys.stdout, "Nothing is pending.")
            else:
                for o in ops:
                    say(sys.stdout, _op_line(o))
            return EXIT_DONE
        results, worst = [], EXIT_DONE
        for o in ops:
            try:
                done = drive(app, o, resume=True)
            except PosrevError as exc:
                say(sys.stderr, f"posrev: {o.op_id[:8]}: {exc}")
                worst = max(worst, exc.exit_code)
                continue
            except Exception as exc:  # noqa: BLE001 - one operation never stops the others
                where = log_crash(exc)
                say(sys.stderr, f"posrev: {o.op_id[:8]}: internal error "
                                f"({type(exc).__name__}); it stays journaled and will be "
                                f"resumed. Details: {where}")
                worst = max(worst, EXIT_NOT_FINAL)
                continue
            results.append(done.to_listing())
            worst = max(worst, OUTCOME_EXIT[done.outcome])
        if worst in (EXIT_USAGE, EXIT_ENV):
            return worst  # stdout stays empty (DESIGN.md §7); each reason is on stderr
        if args.json:
            say(sys.stdout, json.dumps(results, ensure_ascii=False))
        else:
            for r in results:
                say(sys.stdout, one_line(f"{r['outcome']}: {r['kind']} {r['orig_syssn']} "
                                           f"{r['message']}"))
            if not results:
                say(sys.stdout, "Nothing is pending.")
        return worst


def _op_line(o: Any) -> str:
    from posrev.money import format_amount

    return one_line(f"{o.created_at:%Y-%m-%d %H:%M:%S}Z  {o.op_id[:8]}  {o.outcome:<15} "
                    f"{o.kind:<6} {o.action:<8} {format_amount(o.txamt, o.txcurrcd):>14}  "
                    f"{o.orig_syssn}  {o.cashier}  {o.message}")


def cmd_journal(args: argparse.Namespace) -> int:
    from posrev.app import since_date

    with open_app(args) as app:
        since = since_date(args.since, app.settings.timezone) if args.since else None
        if args.csv:
            count = app.export_csv(args.csv, since=since)
            say(sys.stderr, f"posrev: wrote {count} operations to {args.csv}")
            return EXIT_DONE
        total = app.count_operations(since=since)
        ops = app.operations(0, 1000, since=since)
        if args.json:
            say(sys.stdout, json.dumps([{**o.to_listing(), "created_at": o.created_at.isoformat(),
                                          "cashier": o.cashier, "approver": o.approver,
                                          "udid": o.udid} for o in ops], ensure_ascii=False))
        else:
            for o in ops:
                say(sys.stdout, _op_line(o))
            if total > len(ops):
                say(sys.stdout, f"... and {total - len(ops)} older; use --csv FILE for all.")
            if not ops:
                say(sys.stdout, "The journal has no operations yet.")
        return EXIT_DONE


COMMANDS = {"lookup": cmd_lookup, "void": cmd_void, "pending": cmd_pending,
            "journal": cmd_journal}
