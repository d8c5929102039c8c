"""``posrev fleet …``: init, status, sync, report, pending, takeover (README.md, "Fleet")."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import datetime, timedelta
from typing import Any

from posrev.cli.common import (
    EXIT_DONE,
    EXIT_ENV,
    OUTCOME_EXIT,
    ask_approval,
    credentials_approval,
    drive,
    open_app,
    read_line,
    say,
)
from posrev.fleet import FleetError
from posrev.model.approval import Action
from posrev.options import UsageError


def add_parsers(sub: Any, number: Any) -> None:
    f = sub.add_parser("fleet", help="the chain's fleet database (PostgreSQL)")
    fs = f.add_subparsers(dest="fleet_command", required=True, parser_class=type(f))

    i = fs.add_parser("init", help="create or upgrade the central schema (owner role)")
    i.add_argument("--database-url", metavar="URL",
                   help="connect as this (the owner role) instead of [fleet] database_url")

    st = fs.add_parser("status", help="what is not shipped yet, and whether shipping works")
    st.add_argument("--json", action="store_true")
    st.add_argument("--offline", action="store_true",
                    help="only the local backlog; do not contact the database")

    fs.add_parser("sync", help="ship the backlog now (what a scheduled task runs)")

    r = fs.add_parser("report", help="every void and refund across terminals")
    r.add_argument("--since", metavar="YYYY-MM-DD", help="from this day (gateway's zone)")
    r.add_argument("--until", metavar="YYYY-MM-DD", help="up to (not including) this day")
    r.add_argument("--store", metavar="S", help="one store")
    r.add_argument("--terminal", metavar="UDID", help="one terminal")
    fmt = r.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON array")
    fmt.add_argument("--csv", action="store_true", help="CSV on standard output")

    p = fs.add_parser("pending", help="non-final and needs_manual operations, oldest first")
    p.add_argument("--store", metavar="S")
    p.add_argument("--terminal", metavar="UDID")
    p.add_argument("--json", action="store_true")

    t = fs.add_parser("takeover", help="list, or take over, a dead terminal's live operation")
    t.add_argument("op_id", nargs="?", metavar="OPERATION",
                   help="the operation ID (or its first 8 characters); none: list them")
    t.add_argument("--supervisor", metavar="ID", help="the approving supervisor")
    t.add_argument("--reason", metavar="TEXT", default="")
    t.add_argument("--cashier", metavar="ID",
                   help="who asks for it (the supervisor approves)")
    t.add_argument("--no-wait", action="store_true", help="import it; do not resume now")
    t.add_argument("--json", action="store_true")


def _say(text: str, stream: Any = None) -> None:
    say(stream or sys.stdout, text)


def _link(app: Any) -> Any:
    link = app.fleet()
    if link is None:
        raise FleetError("No fleet database is configured: set [fleet] database_url and "
                         "store_id in the config file (README.md, \"Fleet\").")
    return link


def run(args: argparse.Namespace) -> int:

    with open_app(args) as app:
        command = args.fleet_command
        if command == "init":
            return _init(app, args)
        link = _link(app)
        if command == "status":
            return _status(link, args)
        if command == "sync":
            return _sync(link)
        if command in ("report", "pending"):
            return _views(app, link, args)
        return _takeover(app, link, args)


def _init(app: Any, args: argparse.Namespace) -> int:
    from dataclasses import replace

    from posrev.fleet import schema
    from posrev.fleet.settings import check_fleet_value, connect, fleet_config

    if args.database_url:
        try:
            check_fleet_value("database_url", args.database_url)
        except ValueError as exc:
            raise FleetError(f"--database-url {exc}.") from None
        # The owner role's login is libpq's (PGPASSWORD/PGPASSFILE), never the terminal's
        # password: the keyring is not read.
        config = fleet_config(replace(app.settings, database_url=args.database_url),
                              app.udid, app.profile, use_keyring=False)
    else:
        config = fleet_config(app.settings, app.udid, app.profile)
    if config is None:
        raise FleetError("No fleet database is configured: set [fleet] database_url, or give "
                         "--database-url.")
    conn = connect(config)
    try:
        before, after = schema.init(conn)
    finally:
        conn.close()
    if before == after:
        _say(f"The fleet schema at {config.where} is already at version {after}; "
             "nothing to do.")
    else:
        _say(f"The fleet schema at {config.where} is now at version {after} "
             f"(was {before or 'empty'}).")
    return EXIT_DONE


def _status(link: Any, args: argparse.Namespace) -> int:
    shipper = link.shipper
    backlog = shipper.backlog()
    data: dict[str, Any] = {"database": link.config.where, "store_id": link.config.store_id,
                            "terminal": link.config.udid, "backlog": backlog,
                            "shipped_through": shipper.bookmark(), "reachable": None,
                            "error": ""}
    code = EXIT_DONE
    if not args.offline:
        try:
            shipper.checkin()
            data["reachable"] = True
        except FleetError as exc:
            data["reachable"], data["error"] = False, str(exc)
            code = EXIT_ENV
    if args.json:
        _say(json.dumps(data, ensure_ascii=False))
        return code
    _say(f"Fleet database: {data['database']} (store {data['store_id'] or '-'}, "
         f"terminal {data['terminal']})")
    _say(f"Backlog:        {backlog} event{'s' if backlog != 1 else ''} not shipped yet "
         f"(shipped through event {data['shipped_through']})")
    if data["reachable"] is True:
        _say("Database:       reachable; shipping works.")
    elif data["reachable"] is False:
        _say(f"posrev: {data['error']} Nothing is lost: the journal keeps every event "
             "until it is shipped.", sys.stderr)
    return code


def _sync(link: Any) -> int:
    try:
        shipped = link.sync()
    except FleetError as exc:
        _say(f"posrev: {exc} Nothing is lost: {link.shipper.backlog()} events wait in the "
             "journal; run 'posrev fleet sync' again later.", sys.stderr)
        return EXIT_ENV
    _say(f"Shipped {shipped} event{'s' if shipped != 1 else ''}; backlog "
         f"{link.shipper.backlog()}.")
    return EXIT_DONE


def _views(app: Any, link: Any, args: argparse.Namespace) -> int:
    from posrev.app import since_date
    from posrev.fleet import views
    from posrev.fleet.settings import connect

    conn = connect(link.config)
    try:
        if args.fleet_command == "pending":
            rows = views.pending(conn, store=args.store, terminal=args.terminal)
        else:
            tz = app.settings.timezone
            since = since_date(args.since, tz) if args.since else None
            until = since_date(args.until, tz) if args.until else None
            if since and until and until <= since:
                until = since + timedelta(days=1)
            rows = views.report(conn, since=since, until=until, store=args.store,
                                terminal=args.terminal)
    finally:
        conn.close()
    if args.json:
        _say(json.dumps(rows, ensure_ascii=False, default=_json_default))
        return EXIT_DONE
    if getattr(args, "csv", False):
        from posrev.journal import _csv_safe

        writer = csv.writer(sys.stdout)
        writer.writerow(views.REPORT_COLUMNS)
        for r in rows:
            writer.writerow([_csv_safe(_json_default(r[c]) if isinstance(r[c], datetime)
                                       else r[c]) for c in views.REPORT_COLUMNS])
        return EXIT_DONE
    if not rows:
        _say("Nothing is open across the chain." if args.fleet_command == "pending"
             else "No operations match.")
        return EXIT_DONE
    for r in rows:
        _say(_line(r))
    return EXIT_DONE


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _line(r: dict[str, Any]) -> str:
    from posrev.money import format_amount

    created = r["created_at"].astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
    silent = r.get("terminal_silent_s")
    extra = f"  (terminal silent {silent} s)" if silent is not None and silent >= 60 else ""
    return (f"{created}  {r['store_id']:<8} {r['terminal']:<18} {r['op_id'][:8]}  "
            f"{r['outcome']:<15} {r['action']:<8} "
            f"{format_amount(r['txamt'], r['txcurrcd']):>14}  {r['orig_syssn']}  "
            f"cashier {r['cashier'] or '-'}  approver {r['approver'] or '-'}{extra}")


def _takeover(app: Any, link: Any, args: argparse.Namespace) -> int:
    from posrev.fleet import takeover
    from posrev.fleet.settings import connect

    if not args.op_id:
        conn = connect(link.config)
        try:
            rows = takeover.candidates(conn, link.config)
        finally:
            conn.close()
        if args.json:
            _say(json.dumps(rows, ensure_ascii=False, default=_json_default))
        elif not rows:
            _say(f"No other terminal of store {link.config.store_id} has a live operation.")
        for r in rows if not args.json else []:
            when = "can be taken over" if r["can_take_over"] else \
                f"its terminal is alive (checked in {r['terminal_silent_s']} s ago)"
            _say(f"{_line(r)}  -- {when}")
        return EXIT_DONE
    requester = args.cashier or "it-admin"
    approval = ask_approval(app, args.supervisor, requester=requester,
                            action=Action.FLEET_TAKEOVER, target=args.op_id,
                            reason=args.reason)
    op = app.take_over(args.op_id, approval, requester=requester,
                       reason=args.reason or "take-over")
    _say(f"posrev: operation {op.op_id[:8]} ({op.orig_syssn}) is now this terminal's; "
         + ("it is resumed by 'posrev pending --resume' or the window's background checks, "
            "with an enquiry first." if args.no_wait else "resuming it with an enquiry first."),
         sys.stderr)
    if not args.no_wait:
        op = drive(app, op, resume=True)
    link.nudge()
    try:
        link.sync()
    except FleetError as exc:
        _say(f"posrev: {exc} The result will be shipped later.", sys.stderr)
    if args.json:
        _say(json.dumps(op.to_json(), ensure_ascii=False))
    else:
        _say(f"{op.outcome}: {op.orig_syssn} {op.message}")
    return OUTCOME_EXIT[op.outcome]


def cmd_fleet_credentials(args: argparse.Namespace) -> int:
    """``posrev credentials set|show|delete --fleet``: the fleet password in the keyring."""
    from posrev.fleet.settings import load_password

    with open_app(args) as app:
        if args.action in ("show", "check"):
            # check: the link reads the password once; only a password it did not find is
            # read again, strictly, to tell "not stored" from a keyring that failed.
            link = _link(app) if args.action == "check" else None
            stored = (link is not None and link.config.password is not None) \
                or load_password(app.profile, strict=True) is not None
            _say(f"fleet password: {'stored in the keyring' if stored else 'not in the keyring'}"
                 f" (profile {app.profile}); libpq's PGPASSWORD/PGPASSFILE apply otherwise.")
            if link is not None:
                link.shipper.checkin()
                _say(f"The fleet database at {link.config.where} accepted the login.")
            return EXIT_DONE
        if args.action != "set" and args.action != "delete":
            raise UsageError(f"'credentials {args.action} --fleet' does not exist; the fleet "
                             "password takes set, show, check or delete.")
        approval = credentials_approval(app, args, f"fleet credentials {args.action}")
        if args.action == "delete":
            deleted = app.change_fleet_password(None, approval=approval, requester="it-admin")
            _say("Fleet password deleted." if deleted else "No fleet password was stored.")
            return EXIT_DONE
        password = read_line("Fleet database password: ")
        app.change_fleet_password(password, approval=approval, requester="it-admin")
        _say(f"Fleet database password saved in the keyring for profile '{app.profile}'.")
        return EXIT_DONE


COMMANDS = {"fleet": run}
