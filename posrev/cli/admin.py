"""``posrev credentials``, ``supervisor`` and ``diagnose``: what IT sets up."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from posrev.cli.common import (
    EXIT_DONE,
    EXIT_ENV,
    ask_approval,
    credentials_approval,
    open_app,
    read_line,
    say,
)
from posrev.model.approval import Action
from posrev.options import UsageError


def add_parsers(sub: Any, number: Any) -> None:
    c = sub.add_parser("credentials", help="app code and client key in the OS keyring")
    c.add_argument("action", choices=("set", "check", "show", "delete", "set-proxy"),
                   help="set-proxy: the HTTP proxy's user and password (empty user removes)")
    c.add_argument("--supervisor", metavar="ID",
                   help="approving supervisor (needed once supervisors exist)")
    c.add_argument("--fleet", action="store_true",
                   help="the fleet database password instead (set, show, delete)")

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


def cmd_credentials(args: argparse.Namespace) -> int:
    from posrev.credentials import mask

    if getattr(args, "fleet", False):  # the fleet database's password (posrev/fleet/cli.py)
        from posrev.fleet.cli import cmd_fleet_credentials

        return cmd_fleet_credentials(args)
    with open_app(args) as app:
        if args.action == "show":
            creds = app.credentials()
            say(sys.stdout, f"profile:    {app.profile}\nsource:     {creds.source}\n"
                            f"app code:   {mask(creds.app_code)}\n"
                            f"client key: {mask(creds.client_key)}\n"
                            f"mchid:      {creds.mchid or app.settings.mchid or '-'}\n"
                            f"gateway:    {app.settings.gateway_url()} ({app.env_label})")
            return EXIT_DONE
        if args.action == "check":
            result = app.check_connection()
            say(sys.stdout if result.ok else sys.stderr, ("" if result.ok else "posrev: ")
                + result.text)
            return EXIT_DONE if result.ok else EXIT_ENV
        approval = credentials_approval(app, args, f"credentials {args.action}")
        if args.action == "set-proxy":
            user = read_line("Proxy user: ", secret=False).strip()
            password = read_line("Proxy password: ") if user else ""
            app.change_proxy_credentials(user, password, approval=approval,
                                         requester="it-admin")
            say(sys.stdout, f"Proxy credentials of profile '{app.profile}' "
                            + ("saved in the keyring." if user else "removed."))
            return EXIT_DONE
        if args.action == "delete":
            app.delete_credentials(approval=approval, requester="it-admin")
            say(sys.stdout, f"Credentials of profile '{app.profile}' deleted.")
            return EXIT_DONE
        app_code = read_line("App code: ").strip()
        client_key = read_line("Client key: ").strip()
        creds = app.change_credentials(app_code, client_key, approval=approval,
                                       requester="it-admin")
        say(sys.stdout, f"Saved for profile '{app.profile}': app code {mask(creds.app_code)}, "
                        f"client key {mask(creds.client_key)}. Run 'posrev credentials check'.")
        return EXIT_DONE


def cmd_supervisor(args: argparse.Namespace) -> int:
    with open_app(args) as app:
        if args.action == "list":
            rows = app.list_supervisors()
            if args.json:
                say(sys.stdout, json.dumps([{"id": r.sup_id, "name": r.name,
                                              "disabled": r.disabled,
                                              "locked_until": r.locked_until.isoformat()
                                              if r.locked_until else None} for r in rows]))
            for r in rows if not args.json else []:
                say(sys.stdout, f"{r.sup_id:<12} {r.name:<24} {_sup_status(r)}")
            if not rows and not args.json:
                say(sys.stdout, "No supervisors yet; add the first with "
                                "'posrev supervisor add ID --name NAME'.")
            return EXIT_DONE
        if not args.id:
            raise UsageError(f"'posrev supervisor {args.action}' needs a supervisor ID.")
        if args.action == "add":
            pin = read_line(f"New PIN for {args.id}: ")
            approval = None  # the first supervisor is added without one
            if app.has_supervisors():
                approval = ask_approval(app, args.approver, requester="it-admin",
                                        action=Action.ADD_SUPERVISOR, target=args.id,
                                        reason=args.reason)
            app.add_supervisor(args.id, args.name or args.id, pin, approval)
            say(sys.stdout, f"Supervisor {args.id} added.")
            return EXIT_DONE
        approval = ask_approval(app, args.approver, requester="it-admin",
                                action=Action.DISABLE_SUPERVISOR, target=args.id,
                                reason=args.reason)
        app.disable_supervisor(args.id, approval)
        say(sys.stdout, f"Supervisor {args.id} disabled.")
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
    with open_app(args) as app:
        bundle = build(app, args.out, last=args.last, connection_test=not args.no_check)
    say(sys.stdout, f"Wrote {bundle.path} ({bundle.exchanges} gateway exchanges). "
                    f"{bundle.connection}")
    return EXIT_DONE


COMMANDS = {"credentials": cmd_credentials, "supervisor": cmd_supervisor,
            "diagnose": cmd_diagnose}
