"""The application core that both front-ends drive (the CLI and the GUI): one object that
owns settings, the journal, credentials, supervisors, the gateway and the void runner.

Every rule lives below this line; ``posrev.cli`` and ``posrev.gui`` only present. Methods
marked BLOCKING touch the network or the disk: the GUI calls them from its executor.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from posrev.clock import Clock
from posrev.config import Paths, Settings, load_settings, resolve_paths
from posrev.credentials import Credentials, CredentialStore, configure_backend
from posrev.domain.eligibility import Verdict, evaluate, supervisor_reasons
from posrev.domain.identifiers import check_identifier, check_profile, clean_text
from posrev.domain.lookup import LookupResult, lookup
from posrev.domain.numbers import parse_number
from posrev.domain.void import Progress, VoidRunner
from posrev.errors import (
    CredentialsError,
    InputError,
    JournalError,
    PosrevError,
    SupervisorError,
)
from posrev.gateway.client import Gateway
from posrev.journal import AlreadyLive, Journal
from posrev.listeners import Listeners
from posrev.messages import Text, english
from posrev.model.approval import Action, Grant, refund_grant, void_grant
from posrev.model.operation import Operation
from posrev.model.transaction import Transaction
from posrev.model.verdict import RefundVerdict
from posrev.options import AppOptions
from posrev.refunds import RefundsMixin
from posrev.supervisors import Approval, SupervisorInfo, SupervisorStore

log = logging.getLogger("posrev.app")

__all__ = ["App", "AppOptions", "Lookup", "NotEligible", "Operation", "Progress"]

DEMO_CASHIER = "C001"
# The audit event of a change of the app code and client key (the CLI's and the window's).
CREDENTIALS_CHANGED = "credentials.changed"


class NotEligible(PosrevError):
    """The verdict allows no void (CLI exit 1)."""

    exit_code = 1

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(verdict.message)
        self.verdict = verdict


@dataclass(frozen=True)
class Lookup:
    result: LookupResult
    verdict: Verdict
    refund: RefundVerdict | None = None  # what a refund could do (posrev.refunds)

    @property
    def transaction(self) -> Transaction | None:
        return self.result.transaction

    @property
    def candidates(self) -> tuple[Transaction, ...]:
        return self.result.candidates

    def to_json(self) -> dict[str, object]:
        """``posrev lookup --json`` (DESIGN.md §7)."""
        txn = self.transaction
        return {"found": self.result.found,
                "transaction": txn.to_json() if txn else None,
                "candidates": [c.to_json() for c in self.candidates],
                "verdict": self.verdict.to_json(),
                "refundable_amount": self.refund.refundable_amount if self.refund else 0,
                "refund": self.refund.to_json() if self.refund else None}


class App(RefundsMixin):
    def __init__(self, *, options: AppOptions, paths: Paths, settings: Settings,
                 clock: Clock, environ: Mapping[str, str], simulator=None,  # type: ignore[no-untyped-def]
                 credentials: Credentials | None = None) -> None:
        self.options = options
        self.paths = paths
        self.settings = settings
        self.clock = clock
        self.profile = options.profile
        self.demo = options.demo
        self.simulator = simulator
        self._environ = environ
        self._fixed_credentials = credentials
        check_profile(self.profile)  # before the journal's file name is made from it
        self.journal = Journal(paths.journal_file(self.profile), now=clock.now)
        self._unrecorded: list[tuple[str | None, object]] = []  # exchanges the disk refused
        self.udid = settings.udid or self._stored_udid()
        self.supervisors = SupervisorStore(paths.data_dir / "supervisors.sqlite3", udid=self.udid,
                                           zone=settings.timezone,
                                           clock=clock, audit=self._audit)
        self._gateway: Gateway | None = None
        self._runner: VoidRunner | None = None
        self._lock = threading.RLock()
        self._background: threading.Thread | None = None
        self._stop = threading.Event()
        self._foreground: set[str] = set()
        self._fleet = None  # posrev.fleet.link.FleetLink, made by fleet()
        self._subscribers = Listeners("posrev.app")
        self._watcher: threading.Thread | None = None
        self._watch_stop = threading.Event()
        self.journal.subscribe(self._changed)

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def open(cls, options: AppOptions | None = None, *, clock: Clock | None = None,
             environ: Mapping[str, str] | None = None) -> App:
        """Build from the global options. Raises ConfigError / JournalError (exit 4)."""
        options = options or AppOptions()
        check_profile(options.profile)  # before any path is built
        environ = os.environ if environ is None else environ
        clock = clock or Clock()
        paths = resolve_paths(options.config, dict(environ))
        overrides: dict[str, object] = {}
        if options.env:
            overrides["env"] = options.env
        if options.base_url:
            overrides["base_url"] = options.base_url
        simulator = None
        credentials = None
        if options.demo:
            from posrev.demo import start_demo

            paths = replace(paths, data_dir=paths.data_dir / "demo",
                            log_dir=paths.log_dir / "demo")
            simulator, credentials = start_demo(paths.data_dir, clock)
            overrides["base_url"] = simulator.base_url
        settings = load_settings(paths, overrides)
        settings.gateway_url()  # validate env/region/URL now, with a clear error
        configure_backend()
        _log_to_file(paths.log_dir)
        return cls(options=options, paths=paths, settings=settings, clock=clock,
                   environ=environ, simulator=simulator, credentials=credentials)

    @staticmethod
    def terminal_language(options: AppOptions | None = None,
                          environ: Mapping[str, str] | None = None) -> str | None:
        """The language this terminal's settings name, or None when they cannot be read: a
        front-end says why the core did not open (a journal it cannot open, say) in it."""
        options = options or AppOptions()
        try:
            paths = resolve_paths(options.config, dict(os.environ if environ is None else environ))
            return load_settings(paths).language
        except (PosrevError, OSError, ValueError):
            return None

    def _stored_udid(self) -> str:
        """The terminal's udid lives in the config file (written there once), so a new
        journal keeps it; an older terminal's udid is taken from its journal."""
        from posrev.config import remember_udid

        udid = self.journal.get_meta("udid")
        if not udid:
            udid = "posrev-" + uuid.uuid4().hex[:16]
            try:
                self.journal.set_meta("udid", udid)
            except JournalError as exc:
                log.warning("the udid could not be kept in the journal: %s", exc)
        if not self.demo:  # the demo's throw-away journal does not name the terminal
            try:
                remember_udid(self.paths, udid)
            except (PosrevError, OSError) as exc:
                log.warning("the udid could not be written to %s: %s",
                            self.paths.config_file, exc)
        return udid

    @property
    def journal_notice(self) -> Text | None:
        """A sentence for a banner when the journal had to be set aside (damaged, or deleted
        or replaced while in use), naming the unfinished voids found in it; else None."""
        return self.journal.notice

    def _audit(self, event: dict) -> None:
        detail = {k: v for k, v in event.items()
                  if k not in ("kind", "actor", "result", "where", "at")}
        self.journal.audit(event.get("kind", "audit"), actor=str(event.get("actor", "")),
                           result=str(event.get("result", "")),
                           location=str(event.get("where", self.udid)), detail=detail)

    @property
    def env_label(self) -> str:
        return "DEMO" if self.demo else self.settings.env_label

    # -- credentials and gateway ----------------------------------------------------------------
    def credential_store(self) -> CredentialStore:
        return CredentialStore(self.profile, env=self._environ)

    def credentials(self) -> Credentials:
        """BLOCKING (keyring). Raises CredentialsError when there are none."""
        if self._fixed_credentials is not None:
            return self._fixed_credentials
        creds = self.credential_store().load()
        if creds is None:
            raise CredentialsError(
                "No credentials are set for this terminal: run 'posrev credentials set' "
                "(or set POSREV_APP_CODE and POSREV_CLIENT_KEY), or try 'posrev --demo'.")
        return creds

    def has_credentials(self) -> bool:
        try:
            self.credentials()
        except CredentialsError:
            return False
        return True

    def gateway(self) -> Gateway:
        with self._lock:
            if self._gateway is None:
                creds = self.credentials()
                s = self.settings
                self._gateway = self.probe_gateway(
                    s.gateway_url(), creds.app_code, creds.client_key,
                    mchid=creds.mchid or s.mchid or None, on_exchange=self._record_exchange)
            return self._gateway

    def probe_gateway(self, base_url: str, app_code: str, client_key: str,  # type: ignore[no-untyped-def]
                      mchid: str | None = None, on_exchange=None) -> Gateway:
        """A client for a connection test of credentials not stored yet (the setup wizard),
        with this terminal's gateway settings: proxy, CA bundle, signature and close rules,
        and this profile's memory of the gateway."""
        s = self.settings
        if self.demo:  # the embedded simulator is on loopback: never through a proxy
            s = replace(s, proxy="", use_system_proxy=False)
        return Gateway(base_url, app_code, client_key, mchid=mchid, sign_type=s.sign_type,
                       connect_timeout=s.connect_timeout, read_timeout=s.read_timeout,
                       on_exchange=on_exchange, response_signature=s.response_signature,
                       close_method=s.close_method, proxy=s.proxy,
                       proxy_auth=self._proxy_auth,
                       use_system_proxy=s.use_system_proxy,
                       ca_bundle=str(Path(s.ca_bundle).expanduser()) if s.ca_bundle else "",
                       memory=_GatewayMemory(self.journal))

    def _proxy_auth(self) -> tuple[str, str] | None:
        """The proxy's user and password from the keyring (read only when a proxy is used);
        a keyring failure means none: a proxy that needs them then answers 407, said so."""
        try:
            return self.credential_store().load_proxy_auth()
        except PosrevError as exc:
            log.warning("proxy credentials could not be read: %s", exc)
            return None

    def check_connection(self, gateway: Gateway | None = None):  # type: ignore[no-untyped-def]
        """BLOCKING (network). The connection test: ``posrev.credentials.CheckResult`` with
        the gateway's shape (``result.text`` is the paragraph to show)."""
        from posrev.credentials import check

        return check(gateway or self.gateway(), self.journal, self.settings.rules.routing)

    def _record_exchange(self, exchange) -> None:  # type: ignore[no-untyped-def]
        """Never raises: it runs as the gateway's answer comes back, and a journal that
        cannot be written must not replace that answer. A refused record is kept in memory
        and written with the next one (the operation's own steps are journaled apart)."""
        op_id = None
        for runner in (self._runner, self._refund_runner):
            op_id = op_id or (runner.current_op if runner else None)
        with self._lock:
            self._unrecorded.append((op_id, exchange))
            self._flush_exchanges()

    def _flush_exchanges(self) -> None:
        with self._lock:
            if self._unrecorded and self.journal.short_of_space:
                return  # the room freed for outcomes is not spent on exchange details
            while self._unrecorded:
                op_id, exchange = self._unrecorded[0]
                try:
                    self.journal.record_exchange(op_id, exchange)
                except JournalError as exc:
                    log.warning("a gateway exchange (%s, %s) is kept in memory: %s",
                                getattr(exchange, "endpoint", "?"),
                                getattr(exchange, "http_status", None), exc)
                    return
                except Exception:  # noqa: BLE001 - never lose the gateway's answer
                    log.exception("a gateway exchange could not be journaled")
                    return
                self._unrecorded.pop(0)

    def runner(self) -> VoidRunner:
        with self._lock:
            if self._runner is None:
                self._runner = VoidRunner(self.gateway(), self.journal, self.settings.rules,
                                          self.clock)
            return self._runner

    # -- the fleet (posrev/fleet): shipping the journal to the chain's database ------------------
    def fleet(self):  # type: ignore[no-untyped-def]
        """The FleetLink when ``[fleet] database_url`` is set, else None. Raises FleetError
        when the settings are incomplete. Never on a void's path: see posrev/fleet/link.py."""
        if not self.settings.database_url:
            return None
        with self._lock:
            if self._fleet is None:
                from posrev.fleet.link import FleetLink
                from posrev.fleet.settings import fleet_config

                config = fleet_config(self.settings, self.udid, self.profile)
                self._fleet = FleetLink(config, self.journal,
                                        yield_to=lambda: bool(self._foreground))
            return self._fleet

    def _fleet_quietly(self):  # type: ignore[no-untyped-def]
        try:
            return self.fleet()
        except PosrevError as exc:
            log.warning("fleet: %s", exc)
            return None

    def check_handover(self) -> None:
        """Before resuming: has another terminal taken an operation over? (BLOCKING, short)"""
        link = self._fleet_quietly()
        if link is not None:
            link.check_before_resume()

    # -- lookup and verdict ---------------------------------------------------------------------
    def lookup(self, raw: str, mode: str = "auto") -> Lookup:
        """BLOCKING (network). Raises InputError (bad number) or gateway errors."""
        number = parse_number(raw, mode)
        gateway = self.gateway()
        result = lookup(gateway.query, number, self.clock.now(), self.settings.timezone)
        txn = result.transaction
        refund = self.refund_verdict(txn) if txn is not None and not result.candidates \
            else None
        return Lookup(result, self.verdict_for(txn), refund)

    def verdict_for(self, txn: Transaction | None, force: bool = False) -> Verdict:
        previous = self.journal.outcomes_for(txn.syssn, self.udid) if txn else []
        return evaluate(txn, self.settings.rules, self.clock.now(), self.settings.timezone,
                        previous_outcomes=previous, force=force)

    # -- voids ------------------------------------------------------------------------------
    def start_void(self, txn: Transaction, *, cashier: str, approval: Approval | None = None,
                   force: bool = False, reason: str = "",
                   verdict: Verdict | None = None) -> Operation:
        """Journal the intent of a void (nothing is sent yet). The rules are enforced here:
        eligibility, supervisor approval, one live void per original. ``verdict``: one just
        computed for ``txn`` with this ``force`` (else it is computed now)."""
        if not (cashier or "").strip():
            raise InputError("A cashier ID is required to void a payment.")
        cashier = check_identifier(cashier, "cashier ID")
        reason = clean_text(reason)
        live = self.journal.live_for(txn.syssn)
        if live is not None and live.kind == "void":
            return live  # a double click, a second window: the same operation, resumed
        if live is not None:  # a refund of it is under way: the payment was paid
            raise NotEligible(self.verdict_for(txn))
        verdict = verdict or self.verdict_for(txn, force=force)
        if not verdict.can_void:
            raise NotEligible(verdict)
        approver = ""
        if verdict.needs_supervisor:
            if approval is None:
                raise SupervisorError(english(Text("void.needs_approval", {
                    "reasons": supervisor_reasons(verdict.supervisor_reasons)})))
            self._consume(approval, void_grant(txn.syssn, verdict.supervisor_reasons),
                          requester=cashier)
            approver, reason = approval.supervisor_id, approval.reason or reason
        try:
            return self.journal.create(
                orig_syssn=txn.syssn, out_trade_no=txn.out_trade_no, action=verdict.action,
                txamt=txn.txamt, txcurrcd=txn.txcurrcd, txdtm=txn.txdtm, pay_type=txn.pay_type,
                udid=self.udid, cashier=cashier, approver=approver, reason=reason,
                forced=force and verdict.code == "failed_payment")
        except AlreadyLive as exc:
            if exc.operation.kind != "void":
                raise NotEligible(verdict) from None
            return exc.operation

    def drive(self, op_id: str, *, on_progress: Callable[[Progress], None] | None = None,
              cancel: threading.Event | None = None, foreground: bool = True,
              resume: bool = False, budget: float | None = None) -> Operation:
        """BLOCKING until final, cancelled, or the foreground budget (``budget`` seconds, 0:
        send and return) is over."""
        if resume:
            self.check_handover()
        with self._lock:
            self._foreground.add(op_id)
        try:
            op = self.journal.get(op_id)
            runner = self.runner_for(op) if op is not None else self.runner()
            return runner.drive(op_id, on_progress=on_progress, cancel=cancel,
                                foreground=foreground, resume=resume, budget=budget)
        finally:
            with self._lock:
                self._foreground.discard(op_id)
                if self._fleet is not None:
                    self._fleet.nudge()

    def void(self, txn: Transaction, *, cashier: str, approval: Approval | None = None,
             force: bool = False, on_progress: Callable[[Progress], None] | None = None,
             cancel: threading.Event | None = None) -> Operation:
        op = self.start_void(txn, cashier=cashier, approval=approval, force=force)
        return self.drive(op.op_id, on_progress=on_progress, cancel=cancel,
                          resume=op.state != "intent" or op.sends > 0)

    def pending_operations(self) -> list[Operation]:
        return self.journal.live()

    def pending_list(self, limit: int = 500) -> list[Operation]:
        """BLOCKING. What the window's pending list shows: every live operation, then those a
        supervisor must resolve (``needs_manual``, the newest ``limit``)."""
        live = self.journal.live()
        seen = {op.op_id for op in live}
        manual = self.journal.operations(0, limit, outcome="needs_manual")
        return live + [op for op in manual if op.op_id not in seen]

    def pending_count(self) -> int:
        """BLOCKING. How many the pending list holds (its button's count): live operations
        and those a supervisor must resolve."""
        return len(self.journal.live()) + self.journal.count_operations(outcome="needs_manual")

    def recheck(self, op_id: str, on_progress: Callable[[Progress], None] | None = None,
                cancel: threading.Event | None = None) -> Operation:
        """An enquiry now, then the cashier's schedule (what "Re-check" does)."""
        return self.drive(op_id, on_progress=on_progress, cancel=cancel, resume=True)

    def resolve_manual(self, op_id: str, outcome: str, note: str,
                       approval: Approval, requester: str | None = None) -> Operation:
        """A supervisor settles an operation that needs manual resolution, with a note."""
        op = self.journal.get(op_id)
        allowed = ("refunded", "failed") if op is not None and op.kind == "refund" else \
            ("voided", "failed", "refund_required")
        if outcome not in allowed:
            raise InputError(f"Resolve as {', '.join(allowed[:-1])} or {allowed[-1]}.")
        note = clean_text(note)
        if not note:
            raise InputError("A note is required to resolve an operation.")
        op = self.journal.get(op_id)
        if op is None:
            raise InputError(f"No operation {op_id}.")
        if op.state != "needs_manual":
            raise InputError("Only an operation that needs manual resolution can be resolved.")
        # The approval must have been given to whoever is resolving (the signed-in user).
        self._consume(approval, Grant(Action.RESOLVE_MANUAL, op_id),
                      requester=requester or approval.requester)
        return self.journal.transition(op, event=f"{op.kind}.resolved", state=outcome,
                                       approver=approval.supervisor_id,
                                       text=Text("op.resolved", {
                                           "supervisor": approval.supervisor_id,
                                           "note": note}),
                                       detail={"note": note, "approver": approval.supervisor_id})

    # -- settings -----------------------------------------------------------------------------
    def apply_settings(self, updates: dict[str, dict[str, object]], *,
                       approval: Approval | None = None, requester: str = "",
                       app_code: str = "", client_key: str = "") -> None:
        """BLOCKING. Change settings (and credentials, when given). Needs a supervisor's
        approval for action ``settings`` on this profile, except on a first run (no
        credentials and no supervisor yet), which is what the setup wizard does."""
        from posrev.config import load_settings, save_user_settings

        first_run = not self.has_credentials() and not self.supervisors.has_supervisors()
        if not first_run:
            if approval is None:
                raise SupervisorError("Changing settings needs a supervisor's approval.")
            self._consume(approval, Grant(Action.SETTINGS, self.profile), requester=requester)
        if bool(app_code.strip()) != bool(client_key.strip()):
            raise InputError("Enter both the app code and the client key, or neither.")
        before = self.paths.config_file.read_bytes() if self.paths.config_file.exists() \
            else None
        save_user_settings(self.paths, updates)
        try:
            load_settings(self.paths)  # the whole file, as the next start will read it
        except PosrevError:
            if before is None:
                self.paths.config_file.unlink(missing_ok=True)
            else:
                self.paths.config_file.write_bytes(before)
            raise
        approver = approval.supervisor_id if approval else ""
        if app_code.strip():
            self._save_credentials(app_code, client_key, requester=requester or "setup",
                                   approver=approver)
        self.journal.audit("settings.changed", actor=requester or "setup", result="success",
                           location=self.udid,
                           detail={"keys": sorted(f"{section}.{key}"
                                                  for section, values in updates.items()
                                                  for key in values),
                                   "approver": approver, "first_run": first_run})

    # -- approvals: asked for, consumed and audited here, never by a front-end ----------------
    def has_supervisors(self) -> bool:
        return self.supervisors.has_supervisors()

    def list_supervisors(self) -> list[SupervisorInfo]:
        return self.supervisors.list()

    def approve(self, action: Action, target: str, supervisor_id: str, pin: str, *,
                requester: str, reason: str) -> Approval:
        """A supervisor approves ``action`` on ``target`` for ``requester`` (checked and
        audited; SupervisorError when refused). The approval is consumed, once, by the
        operation it is for: ``start_void``, ``start_refund``, ``resolve_manual``,
        ``apply_settings``, ``change_credentials``, ``add_supervisor``…"""
        return self.supervisors.approve(supervisor_id, pin, requester=requester,
                                        action=Action(action), target=target, reason=reason)

    def _consume(self, approval: Approval, grant: Grant, *, requester: str) -> None:
        self.supervisors.consume(approval, requester=requester, action=grant.action,
                                 target=grant.target)

    def void_grant(self, txn: Transaction, verdict: Verdict) -> Grant:
        """What a supervisor approves for this void (a forced one is its own action)."""
        return void_grant(txn.syssn, verdict.supervisor_reasons)

    def approve_and_void(self, txn: Transaction, supervisor_id: str, pin: str, *,
                         cashier: str, reason: str, force: bool = False,
                         verdict: Verdict | None = None) -> Operation:
        """The supervisor approves this void and its intent is journaled (nothing is sent
        yet: ``drive`` sends it). ``verdict``: as for ``start_void``."""
        verdict = verdict or self.verdict_for(txn, force=force)
        grant = self.void_grant(txn, verdict)
        approval = self.approve(grant.action, grant.target, supervisor_id, pin,
                                requester=cashier, reason=reason)
        return self.start_void(txn, cashier=cashier, approval=approval, force=force,
                               reason=reason, verdict=verdict)

    def approve_and_refund(self, txn: Transaction, supervisor_id: str, pin: str, *,
                           cashier: str, reason: str, amount: int,
                           verdict: RefundVerdict | None = None) -> Operation:
        """The supervisor approves this refund of ``amount`` and its intent is journaled."""
        grant = refund_grant(txn.syssn, amount)
        approval = self.approve(grant.action, grant.target, supervisor_id, pin,
                                requester=cashier, reason=reason)
        return self.start_refund(txn, cashier=cashier, approval=approval, amount=amount,
                                 verdict=verdict)

    def add_supervisor(self, sup_id: str, name: str, pin: str, approval: Approval | None, *,
                       requester: str = "setup") -> None:
        """The first supervisor needs no approval (setup; refused once one exists); every
        other one is approved by an existing supervisor for ``add_supervisor`` on
        ``sup_id``."""
        if approval is None:
            self.supervisors.add_first(sup_id, name, pin, actor=requester)
        else:
            self.supervisors.add(sup_id, name, pin, approval)

    def disable_supervisor(self, sup_id: str, approval: Approval) -> None:
        self.supervisors.disable(sup_id, approval)

    def _credentials_approved(self, approval: Approval | None, requester: str) -> str:
        """The credentials rule: once the terminal has a supervisor, a change of any secret
        needs one's approval for ``credentials`` on this profile. Returns the approver."""
        if not self.supervisors.has_supervisors():
            return ""
        if approval is None:
            raise SupervisorError("Changing the credentials needs a supervisor's approval.")
        self._consume(approval, Grant(Action.CREDENTIALS, self.profile), requester=requester)
        return approval.supervisor_id

    def _save_credentials(self, app_code: str, client_key: str, *, requester: str,
                          approver: str) -> Credentials:
        creds = self.credential_store().save(app_code, client_key)
        # One event for this change, from the CLI and from the window alike (older journals
        # also have it as settings.changed with credentials_changed true).
        self.journal.audit(CREDENTIALS_CHANGED, actor=requester, result="success",
                           location=self.udid,
                           detail={"profile": self.profile, "approver": approver})
        return creds

    def change_credentials(self, app_code: str, client_key: str, *, approval: Approval | None,
                           requester: str) -> Credentials:
        """BLOCKING (keyring). Store a new app code and client key for this profile."""
        approver = self._credentials_approved(approval, requester)
        return self._save_credentials(app_code, client_key, requester=requester,
                                      approver=approver)

    def delete_credentials(self, *, approval: Approval | None, requester: str) -> None:
        approver = self._credentials_approved(approval, requester)
        self.credential_store().delete()
        self.journal.audit("credentials.deleted", actor=requester, result="success",
                           location=self.udid,
                           detail={"profile": self.profile, "approver": approver})

    def change_proxy_credentials(self, user: str, password: str, *,
                                 approval: Approval | None, requester: str) -> None:
        """Store (or, with no user, remove) the proxy's user and password."""
        approver = self._credentials_approved(approval, requester)
        self.credential_store().save_proxy_auth(user, password)
        self.journal.audit("credentials.proxy_changed", actor=requester, result="success",
                           location=self.udid, detail={"profile": self.profile,
                                                       "removed": not user,
                                                       "approver": approver})

    def change_fleet_password(self, password: str | None, *, approval: Approval | None,
                              requester: str) -> bool:
        """Store the fleet database's password (``None``: delete it; returns whether one was
        stored)."""
        from posrev.fleet.settings import delete_password, save_password

        approver = self._credentials_approved(approval, requester)
        detail = {"profile": self.profile, "approver": approver}
        if password is None:
            deleted = delete_password(self.profile)
            self.journal.audit("fleet.credentials_deleted", actor=requester,
                               result="success", location=self.udid, detail=detail)
            return deleted
        save_password(self.profile, password)
        self.journal.audit("fleet.credentials_changed", actor=requester, result="success",
                           location=self.udid, detail=detail)
        return True

    def open_fleet_view(self, approval: Approval, *, requester: str) -> Approval:
        """The store's fleet view is opened with a supervisor's approval for ``fleet_view``
        on this store."""
        self._consume(approval, Grant(Action.FLEET_VIEW, self.settings.store_id or "-"),
                      requester=requester)
        return approval

    def take_over(self, op_id: str, approval: Approval, *, requester: str,
                  reason: str | None = None) -> Operation:
        """BLOCKING (the fleet database). Make another terminal's live operation this
        terminal's, approved for ``fleet_takeover`` on it; the caller resumes it."""
        link = self.fleet()
        if link is None:
            from posrev.fleet import FleetError

            raise FleetError("No fleet database is configured: set [fleet] database_url and "
                             "store_id in the config file (README.md, \"Fleet\").")
        self._consume(approval, Grant(Action.FLEET_TAKEOVER, op_id), requester=requester)
        op: Operation = link.take_over(op_id, supervisor=approval.supervisor_id,
                                       reason=reason or approval.reason or "take-over")
        return op

    # -- what the front-ends read -------------------------------------------------------------
    def operation(self, op_id: str) -> Operation | None:
        return self.journal.get(op_id)

    def operation_history(self, op: Operation) -> list[dict[str, object]]:
        """BLOCKING. The operation's events and the approvals given for it, in time order."""
        return self.journal.history(op.op_id, (op.orig_syssn, op.op_id))

    @property
    def fleet_link(self):  # type: ignore[no-untyped-def]
        """The FleetLink once ``fleet()`` made it, else None (never connects)."""
        return self._fleet

    def live_operation(self, orig_syssn: str, kind: str | None = None) -> Operation | None:
        """The live operation on this payment (of ``kind``, when given), if any."""
        live = self.journal.live_for(orig_syssn)
        return live if live is not None and kind in (None, live.kind) else None

    def operations(self, offset: int = 0, limit: int = 200, search: str | None = None,
                   since: datetime | None = None, outcome: str | None = None) -> list[Operation]:
        """The journal's operations, newest first, one page."""
        return self.journal.operations(offset, limit, search, since, outcome)

    def count_operations(self, search: str | None = None, since: datetime | None = None,
                         outcome: str | None = None) -> int:
        return self.journal.count_operations(search, since, outcome)

    def export_csv(self, path: str | os.PathLike[str], since: datetime | None = None,
                   search: str | None = None, outcome: str | None = None) -> int:
        """BLOCKING. The operations matching the filters, as CSV; returns how many."""
        return self.journal.export_csv(path, since=since, search=search, outcome=outcome)

    # -- one "operation changed" event --------------------------------------------------------
    def subscribe(self, listener: Callable[[str], None], *,
                  interval: float = 0.5) -> Callable[[], None]:
        """Call ``listener(op_id)`` once for each change of an operation's state: made in this
        process (a void, the background resumer, a re-check, a resolution), or by another
        process sharing the journal (seen within ``interval`` seconds). It is called on the
        thread that made the change, or on the watcher thread: a GUI must hand it over to its
        own thread. Returns the function that unsubscribes."""
        unsubscribe = self._subscribers.add(listener)
        with self._lock:
            if self._watcher is None:
                self.journal.changed_elsewhere()  # the bookmark: from now on
                self._watch_stop.clear()
                self._watcher = threading.Thread(target=self._watch, args=(interval,),
                                                 name="posrev-watch", daemon=True)
                self._watcher.start()
        return unsubscribe

    def _changed(self, op_id: str) -> None:
        self._subscribers.notify(op_id)

    def _watch(self, interval: float) -> None:
        """Another process's commits: ``PRAGMA data_version``, polled (one cheap statement)."""
        while not self._watch_stop.wait(interval):
            try:
                changed = self.journal.changed_elsewhere()
            except Exception:  # noqa: BLE001 - the journal is busy or gone: next time
                log.debug("checking the journal for changes failed", exc_info=True)
                continue
            for op_id in changed:
                self._changed(op_id)

    def _stop_watching(self) -> None:
        self._watch_stop.set()
        watcher, self._watcher = self._watcher, None
        if watcher is not None:
            watcher.join(timeout=5)

    # -- background resumer -------------------------------------------------------------------
    def start_background(self, tick: float = 1.0) -> None:
        """Resume every non-final operation (enquiry first), then keep checking those that
        are due, on one thread, until ``stop_background``."""
        if self._background is not None:
            return
        self._stop.clear()

        def loop() -> None:
            # Only what was live at start-up is resumed with an enquiry at once; an operation
            # a window hands over ("Stop waiting", the 90 s are over) keeps its schedule.
            startup: set[str] | None = None
            resumed: set[str] = set()
            checked = False
            while not self._stop.is_set():
                if not checked and startup is not None:  # after the first resume pass
                    checked = True
                    try:
                        self.journal.check_all()  # every page; the open checked voids only
                    except Exception:  # noqa: BLE001 - the resumer must not die
                        log.exception("the journal check failed")
                try:
                    if startup is None:
                        self.check_handover()
                        startup = {op.op_id for op in self.journal.live()}
                    for op in self.journal.live():
                        if self._stop.is_set():
                            break
                        with self._lock:
                            if op.op_id in self._foreground:
                                resumed.add(op.op_id)  # its driver made the first enquiry
                                continue
                        first = op.op_id in startup and op.op_id not in resumed
                        due = first or op.next_check_at is None or \
                            op.next_check_at <= self.clock.now()
                        if not due:
                            continue
                        resumed.add(op.op_id)
                        try:
                            # Its changes reach the subscribers through the journal.
                            self.runner_for(op).step(op.op_id, resume=first)
                        except PosrevError:
                            continue  # gateway down, no credentials: this one, next tick
                        except Exception:  # noqa: BLE001 - one bad operation must not
                            log.exception("resuming %s failed", op.op_id[:8])  # starve others
                            continue
                except PosrevError:
                    pass  # no credentials, journal unreadable: try again next tick
                except Exception:  # noqa: BLE001 - the resumer must not die
                    log.exception("the background resumer failed; retrying")
                self._stop.wait(tick)

        self._background = threading.Thread(target=loop, name="posrev-resumer", daemon=True)
        self._background.start()

    def stop_background(self) -> None:
        self._stop.set()
        if self._background is not None:
            self._background.join(timeout=20)
            self._background = None

    def close(self) -> None:
        self.stop_background()
        if self._fleet is not None:
            self._fleet.stop()
        self._flush_exchanges()
        for op_id, exchange in self._unrecorded:  # the journal refused them: the log keeps them
            log.error("gateway exchange not journaled (operation %s): %s %s -> %s %s",
                      (op_id or "-")[:8], getattr(exchange, "method", "?"),
                      getattr(exchange, "endpoint", "?"), getattr(exchange, "http_status", None),
                      getattr(exchange, "answer", None) or getattr(exchange, "error", None))
        self._stop_watching()
        if self._gateway is not None:
            self._gateway.close_session()
        self.supervisors.close()
        self.journal.close()
        if self.simulator is not None:
            self.simulator.stop()

    def __enter__(self) -> App:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _GatewayMemory:
    """The journal's meta table as the gateway client's memory. A write the journal refuses
    (a full disk) is only a missed note: it must never replace a gateway answer."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal

    def get_meta(self, key: str) -> str | None:
        return self._journal.get_meta(key)

    def set_meta(self, key: str, value: str) -> None:
        try:
            self._journal.set_meta(key, value)
        except JournalError as exc:
            log.warning("the gateway note %s was not journaled: %s", key, exc)


def _log_to_file(log_dir: Path) -> None:
    """posrev.log (rotating, 5 × 1 MB) in the log folder: state changes and errors, never a
    secret (nothing that holds one is ever formatted into a message)."""
    import logging
    from logging.handlers import RotatingFileHandler

    root = logging.getLogger("posrev")
    if any(getattr(h, "_posrev", False) for h in root.handlers):
        return
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(log_dir / "posrev.log", maxBytes=1_000_000,
                                      backupCount=5, encoding="utf-8", delay=True)
    except OSError:
        return  # logging must never stop a void (OWASP logging cheat sheet)
    handler._posrev = True  # type: ignore[attr-defined]
    # A full disk must not print logging's own traceback on the cashier's console.
    handler.handleError = lambda record: None  # type: ignore[method-assign]
    formatter = logging.Formatter("%(asctime)sZ %(levelname)s %(name)s %(message)s")
    formatter.converter = time.gmtime  # UTC, said so with the Z
    handler.setFormatter(formatter)
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.DEBUG)  # the handler filters; others (tests) may want DEBUG


def since_date(text: str, tz: str) -> datetime:
    """``YYYY-MM-DD`` (a day in the gateway's zone) -> aware datetime at its start."""
    from zoneinfo import ZoneInfo

    try:
        day = datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise InputError(f"'{text}' is not a date; use YYYY-MM-DD.") from None
    return day.replace(tzinfo=ZoneInfo(tz))


