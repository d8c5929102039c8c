"""``posrev refund``: refund a completed payment, with a supervisor's approval.

    posrev refund (--syssn S | --out-trade-no O) --cashier ID --supervisor ID --pin-stdin
                  --reason TEXT [--amount MINOR] [--no-wait] [--json]

Exit codes as ``void``: 0 refunded; 1 final but not done (not eligible, failed,
needs_manual); 2 bad input; 3 not final yet (journaled, will resume); 4 environment
(credentials, gateway unreachable before anything was sent); 5 approval required or refused.
``--json`` prints the ``void --json`` object (``void_syssn`` is the refund's syssn) plus
``kind``, ``refund_out_trade_no``, ``refund_syssn`` and ``orig_txamt``; ``txamt`` is the
refund's amount. On exit 2 or 4 stdout stays empty.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from posrev.cli.common import (
    EXIT_USAGE,
    drive,
    finish_operation,
    not_recorded,
    number_arg,
    one_payment,
    open_app,
    read_line,
    say,
)
from posrev.errors import InputError, SupervisorError
from posrev.options import UsageError


def add_parsers(sub: Any, number: Any) -> None:
    r = sub.add_parser("refund", help="refund a completed payment (a supervisor approves)")
    number(r)
    r.add_argument("--cashier", metavar="ID", required=True, help="the cashier refunding it")
    r.add_argument("--supervisor", metavar="ID", help="approving supervisor (every refund)")
    r.add_argument("--pin-stdin", action="store_true", help="read the supervisor PIN from stdin")
    r.add_argument("--reason", metavar="TEXT", default="", help="why (required)")
    r.add_argument("--amount", metavar="MINOR",
                   help="amount in minor units (cents); default: all that is left")
    r.add_argument("--no-wait", action="store_true", help="send and return; do not poll")
    r.add_argument("--json", action="store_true", help="print one JSON object")


def _refund_json(outcome: str, txn: Any, message: str, amount: int = 0) -> dict[str, Any]:
    return {"outcome": outcome, "action": "refund", "operation_id": None,
            "orig_syssn": txn.syssn if txn else "",
            "out_trade_no": txn.out_trade_no if txn else "", "void_syssn": "",
            "txamt": amount, "txcurrcd": txn.txcurrcd if txn else "", "respcd": "",
            "message": message, "kind": "refund", "refund_out_trade_no": "",
            "refund_syssn": "", "orig_txamt": txn.txamt if txn else 0}


def _finish(args: argparse.Namespace, data: dict[str, Any]) -> int:
    return finish_operation(args, data, f"refund_out_trade_no {data['refund_out_trade_no']}"
                                        f"  refund_syssn {data['refund_syssn'] or '-'}")


def _amount(text: str | None) -> int | None:
    if text is None:
        return None
    if not text.strip().isdigit():
        raise UsageError(f"--amount takes whole minor units (e.g. 2500 for 25.00), not {text!r}.")
    return int(text)


def cmd_refund(args: argparse.Namespace) -> int:
    from posrev.domain.void import OutcomeNotRecorded
    from posrev.refunds import RefundNotEligible, VoidUnresolved, check_refund_amount

    raw, mode = number_arg(args)
    amount = _amount(args.amount)
    if args.pin_stdin and not args.supervisor:
        raise UsageError("--pin-stdin needs --supervisor ID.")
    with open_app(args) as app:
        found, refused = one_payment(app, raw, mode, "refund")
        if refused is not None:
            return refused
        txn = found.transaction
        live = app.live_operation(txn.syssn, "refund") if txn else None
        if live is not None:
            # A retried 'posrev refund' after exit 3 resumes and reports our own refund.
            say(sys.stderr, f"posrev: a refund of {txn.syssn} is already under way "
                            f"(operation {live.op_id}); resuming it.")
            return _drive_and_finish(args, app, live, resume=True)
        verdict = found.refund
        if txn is None or verdict is None or not verdict.can_refund:
            message = verdict.message if verdict is not None else found.verdict.message
            return _finish(args, _refund_json("not_eligible", txn, message, amount or 0))
        amount = verdict.refundable_amount if amount is None else amount
        try:
            check_refund_amount(amount, verdict)
        except InputError as exc:
            say(sys.stderr, f"posrev: {exc}")
            return EXIT_USAGE
        if not args.supervisor:
            return _finish(args, _refund_json(
                "needs_supervisor", txn, "Every refund needs a supervisor's approval: use "
                "--supervisor ID --pin-stdin --reason TEXT.", amount))
        if not args.reason.strip():
            raise UsageError("A refund needs --reason TEXT (it is kept in the journal).")
        pin = read_line("Supervisor PIN: ")
        try:
            op = app.approve_and_refund(txn, args.supervisor, pin, cashier=args.cashier,
                                        reason=args.reason, amount=amount, verdict=verdict)
        except SupervisorError as exc:
            return _finish(args, _refund_json("needs_supervisor", txn, str(exc), amount))
        except RefundNotEligible as exc:
            return _finish(args, _refund_json("not_eligible", txn, str(exc), amount))
        except VoidUnresolved as exc:  # a void of it is still live: exit 3, nothing sent
            return _finish(args, _refund_json("pending", txn, str(exc), amount))
        try:
            return _drive_and_finish(args, app, op, resume=False)
        except OutcomeNotRecorded as exc:
            return _finish(args, not_recorded(exc, exc.operation.refund_json()))


def _drive_and_finish(args: argparse.Namespace, app: Any, op: Any, *, resume: bool) -> int:
    op = drive(app, op, resume=resume, no_wait=args.no_wait)
    data = op.refund_json()
    data["sends"] = op.sends
    return _finish(args, data)


COMMANDS = {"refund": cmd_refund}
