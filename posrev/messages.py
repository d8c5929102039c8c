"""Every sentence posrev says about a payment, a void or refund, or a number typed in: written
once, here, keyed by a code with named parameters (docs/DESIGN.md, "Messages").

The core never hands a front-end a sentence to take apart: it returns a :class:`Text` (a code
and its parameters). The CLI prints :func:`english`; the window translates the same template
(``posrev.gui.texts.render``: ``{name}`` becomes Qt's ``%1``, ``%2`` … in order of first
appearance, see :func:`qt_source`). A parameter is a plain value (an amount already
formatted, a number, a gateway's own words) or another :class:`Text` (a gateway code's
meaning, a supervisor reason), which each front-end renders in its own language.

A new sentence: add it to :data:`SENTENCES` (or the gateway tables below), return it from
the core as ``Text(code, params)``, then give it a translation in ``resources/i18n/*.ts``
(``python -m posrev.gui.i18n --update``). A test checks every code has one.

This module imports nothing of posrev's: every layer may use it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Union

Param = Union[str, int, float, "Text", tuple["Text", ...]]

# The one translation context of these sentences in the window's catalogs.
CONTEXT = "Messages"


class Text:
    """One sentence (or part of one): a code of :data:`SENTENCES` and its parameters.
    A value: immutable, equal when code and parameters are. (A plain class: the window
    imports this module before it paints, without ``dataclasses``, docs/GUI.md.)"""

    __slots__ = ("code", "params")
    code: str
    params: Mapping[str, Param]

    def __init__(self, code: str, params: Mapping[str, Param] | None = None) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", dict(params or {}))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Text is immutable ({name})")

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Text) and (self.code, self.params)
                == (other.code, other.params))

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params))))

    def __repr__(self) -> str:
        return f"Text(code={self.code!r}, params={self.params!r})"

    def __reduce__(self) -> tuple[type[Text], tuple[str, dict[str, Param]]]:
        return (Text, (self.code, dict(self.params)))  # copy and pickle, immutable as it is

    def __str__(self) -> str:
        return english(self)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": {k: _encode(v) for k, v in self.params.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Text:
        return cls(str(data["code"]), {k: _decode(v) for k, v in
                                       (data.get("params") or {}).items()})


def _encode(value: Param) -> Any:
    if isinstance(value, Text):
        return value.to_json()
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Param:
    if isinstance(value, dict):
        return Text.from_json(value)
    if isinstance(value, list):
        return tuple(Text.from_json(v) for v in value)
    return value  # type: ignore[no-any-return]


# -- the sentences ------------------------------------------------------------------------------
SENTENCES: dict[str, str] = {
    # A list of reasons, joined ("a; b").
    "list.separator": "; ",
    # The words of an action, inside a sentence.
    "action.reversal": "reversal",
    "action.close": "close",
    "action.refund": "refund",

    # Why a supervisor must approve a void (the verdict's ``supervisor_reasons``).
    "reason.amount_over_threshold": "the amount is at or over the supervisor threshold",
    "reason.late_void": "the payment is older than the late-void limit",
    "reason.previous_void_failed": "an earlier void of this payment on this terminal did not "
                                   "succeed",
    "reason.forced": "the void is forced on a payment that failed",

    # The void verdict (posrev.domain.eligibility), one per verdict code.
    "verdict.not_found": "No payment with this number was found.",
    "verdict.refund_record": "This is a refund record, not a payment; there is nothing to "
                             "void.",
    "verdict.already_voided": "This payment of {amount} is already voided; the customer will "
                              "not be charged.",
    "verdict.already_refunded": "This payment of {amount} was already refunded or finished; "
                                "there is nothing to void.",
    "verdict.paid_refund_required": "The customer has paid {amount}; it cannot be voided. "
                                    "Refund it instead (QFPay number {syssn}).",
    "verdict.unsupported_pay_type": "Pay type {pay_type} cannot be voided here; contact QFPay "
                                    "support.",
    "verdict.too_old": "This payment is older than {hours} hours and can no longer be voided "
                       "here.",
    "verdict.failed_payment": "This payment failed ({respcd}); the customer was not charged. "
                              "A supervisor can force a void to be sure.",
    "verdict.reversible": "This unfinished payment of {amount} can be reversed.",
    "verdict.closable": "This unfinished payment of {amount} can be closed.",
    "verdict.forced_reversal": "This failed payment of {amount} can be reversed to be sure "
                               "(forced).",
    "verdict.forced_close": "This failed payment of {amount} can be closed to be sure "
                            "(forced).",
    "verdict.needs_supervisor": "{verdict} A supervisor must approve: {reasons}.",
    "void.needs_approval": "A supervisor must approve this void: {reasons}.",

    # The refund verdict (posrev.domain.refund).
    "refund_verdict.not_found": "No payment with this number was found.",
    "refund_verdict.refund_record": "This is a refund record, not a payment; it cannot be "
                                    "refunded.",
    "refund_verdict.already_voided": "This payment of {amount} was voided; the customer was "
                                     "not charged, so there is nothing to refund.",
    "refund_verdict.not_paid": "This payment of {amount} is not paid ({respcd}); there is "
                               "nothing to refund.",
    "refund_verdict.refund_unsupported": "Pay type {pay_type} cannot be refunded through the "
                                         "gateway; refund the customer another way.",
    "refund_verdict.preauth_finished": "This pre-authorisation was finished; it cannot be "
                                       "refunded here.",
    "refund_verdict.already_refunded": "This payment of {amount} was already refunded in full.",
    "refund_verdict.refund_unresolved": "An earlier refund of this payment on this terminal is "
                                        "not resolved; a supervisor must resolve it first.",
    "refund_verdict.refund_in_progress": "A refund of this payment is still being processed by "
                                         "the gateway; check again later.",
    "refund_verdict.refunds_unreadable": "The refunds of this payment could not all be read "
                                         "(too many records this month); refund it in the "
                                         "merchant portal.",
    "refund_verdict.refund_unknown": "This payment was partly refunded, but its refunds could "
                                     "not be found; refund it in the merchant portal.",
    "refund_verdict.refund_too_old": "This payment is older than {days} days and can no longer "
                                     "be refunded here.",
    "refund_verdict.partly_refunded": "{refunded} of this payment of {amount} was already "
                                      "refunded; up to {left} can be refunded. A supervisor "
                                      "must approve.",
    "refund_verdict.refundable": "This payment of {amount} can be refunded. A supervisor must "
                                 "approve.",
    "refund_verdict.refundable_full_only": "This payment of {amount} can be refunded (in full "
                                           "only, today). A supervisor must approve.",

    # An operation's last step, as journaled (posrev.domain.void, posrev.domain.refund).
    "op.journaled": "Journaled; not sent yet.",
    "op.taken_over_checking": "Taken over from another terminal; checking the payment first.",
    "op.handed_over": "Taken over by terminal {udid} (supervisor {supervisor}); this terminal "
                      "sends nothing more for it.",
    "op.resolved": "Resolved by {supervisor}: {note}",
    "op.resumed_unknown": "The last send's outcome is unknown; checking.",
    "op.sending": "Sending the {action} (send {send}).",
    "op.unreachable_will_check": "The gateway could not be reached; will check.",
    "op.busy_retrying": "The gateway is busy (429); retrying in {seconds} s.",
    "op.busy_will_check": "The gateway is busy (429); will check again.",
    "op.method_refused": "{refusal} Checking the payment.",
    "op.outcome_unknown": "Outcome unknown ({reason}); checking.",
    "op.outcome_unknown_journal": "Outcome unknown (the journal failed while the void was "
                                  "out); checking.",
    "op.check_tls": "The check could not get through ({reason}); IT must fix the connection. "
                    "Will retry.",
    "op.check_failed": "The check did not get through ({error}); will retry.",
    "op.needs_manual_sends": "Not confirmed after {sends} sends; a supervisor must resolve it.",
    "op.needs_manual_day": "Not confirmed after 24 hours; a supervisor must resolve it.",
    "op.failed": "Failed: {reason}.",
    "op.void_accepted": "The gateway accepted the void; confirming.",
    "op.void_processing": "The gateway is processing the void.",
    "op.void_still_processing": "The gateway is still processing the void.",
    "op.void_answered": "The gateway answered {respcd}; checking the payment.",
    "op.void_resume_send": "Still unfinished; sending the void.",
    "op.void_resend": "Still not voided; sending the same void again.",
    "op.void_not_found": "The payment was not found by the enquiry; will check again.",
    "op.voided": "Voided — the customer will not be charged.",
    "op.voided_failed_payment": "Voided — the payment failed ({respcd}); the customer will not "
                                "be charged.",
    "op.refund_required": "Payment completed — the customer paid; refund it instead (QFPay "
                          "number {syssn}).",
    "op.route_fallback": "The gateway refused the {action} ({refused}) and the payment is "
                         "still unfinished; sending a {other} instead.",
    "op.method_was_refused": "its HTTP method was refused",
    "op.refund_accepted": "The gateway accepted the refund; confirming.",
    "op.refund_processing": "The gateway is processing the refund.",
    "op.refund_still_processing": "The gateway is still processing the refund.",
    "op.refund_answered": "The gateway answered {respcd}; checking whether the refund exists.",
    "op.refund_resume_send": "No refund was made yet; sending the refund.",
    "op.refund_resend": "No refund was found; sending the same refund again (same refund "
                        "number).",
    "op.refund_not_found": "The refund was not found by the enquiry yet; will check again.",
    "op.refund_mismatch": "The refund found under this refund number does not match; a "
                          "supervisor must resolve it.",
    "op.refunded": "Refunded — {amount} goes back to the customer (QFPay refund number "
                   "{syssn}).",

    # What is known when the journal could not record a step (posrev.domain.void's
    # OutcomeNotRecorded; the CLI exits 3).
    "unrecorded.step": "{happened}, but the journal could not record it because {why}; the "
                       "outcome will be checked {when} ('posrev pending --resume').",
    "unrecorded.resend": "An earlier send of this {kind} may have reached the gateway, and the "
                         "journal could not be written because {why}; the outcome will be "
                         "checked {when} ('posrev pending --resume').",
    "unrecorded.not_sent": "Nothing was sent, because the journal could not be written ({why}). "
                           "The {kind} stays pending in the journal: 'posrev pending --resume' "
                           "will send it {when}.",
    "happened.void_answered": "The gateway answered the void ({respcd})",
    "happened.refund_answered": "The gateway answered the refund ({respcd})",
    "happened.not_sent": "Nothing was sent ({reason})",
    "happened.may_have_reached": "The {kind} may have reached the gateway",
    "happened.nothing_yet": "Nothing has been sent for this {kind} yet",
    "kind.void": "void",
    "kind.refund": "refund",
    "why.vanished": "the journal file was deleted or replaced (what this process held was saved "
                    "and its unfinished voids carried over)",
    "when.disk_has_room": "when the disk has room",
    "when.writable": "once the journal can be written again",
    "when.new_journal": "from the journal now in place",

    # Why the environment refused a write to a SQLite file (posrev.store.sqlite), and what to
    # do about it.
    "store.disk_full": "the disk is full",
    "store.folder_read_only": "its folder is read-only",
    "store.locked": "another program is holding it locked",
    "store.read_only": "it is read-only",
    "store.permission": "permission is denied",
    "store.disk_error": "the disk reported an error ({name})",
    "store.damaged": "the journal file is damaged (it is checked again, and set aside if need "
                     "be, at the next start)",
    # A store that cannot be opened (posrev/journal.py, posrev/supervisors.py); {error} is
    # the operating system's or SQLite's own words.
    "store.journal_folder": "The journal folder {folder} cannot be created because {reason}. "
                            "{fix}",
    "store.journal_create": "The journal {path} cannot be created because {reason}. {fix}",
    "store.journal_open": "The journal {path} cannot be opened because {reason}; it was left "
                          "untouched. {fix}",
    "store.journal_restart": "The damaged journal was moved aside to {moved}, but a new one "
                             "cannot be started at {path} because {reason}.",
    "store.journal_newer": "The journal {path} was written by a newer posrev (schema "
                           "{version}); upgrade posrev.",
    "store.supervisors_os": "The supervisor file {path} cannot be opened because {reason}. "
                            "{fix}",
    "store.supervisors_open": "The supervisor file {path} cannot be opened because {reason}; "
                              "it was left untouched. Fix that and try again.",
    "store.supervisors_damaged": "The supervisor file {path} cannot be used: it is damaged "
                                 "({error}); it is left as it is for IT to inspect or restore "
                                 "from backup.",
    "store.supervisors_newer": "The supervisor file {path} was written by a newer posrev "
                               "(schema {version}); upgrade posrev on this terminal.",
    "store.supervisors_update": "The supervisor file {path} could not be updated ({error}).",
    # The journal set aside (posrev/journal.py ``notice``): the window's banner, the CLI's
    # warning.
    "journal.moved_found": "The journal was damaged and was moved aside to {moved}; a new one "
                           "was started. {count} unfinished void(s) were read from it and "
                           "{carried} carried over: {numbers}. {keep}",
    "journal.moved_none": "The journal was damaged and was moved aside to {moved}; a new one "
                          "was started. No unfinished void could be read from it. {keep}",
    "journal.keep": "Keep that file for IT.",
    "journal.keep_partly": "Part of it could not be read: check the gateway's records of the "
                           "last voids, and keep that file for IT.",
    "journal.vanished": "The journal {path} was deleted or replaced while posrev was using "
                        "it{saved}{carried}.",
    "journal.vanished_saved": "; what this process still held was saved to {saved}",
    "journal.vanished_carried": " and its {count} unfinished operation(s) were carried over to "
                                "a new journal",
    "journal.damaged_page": "The journal has a damaged page; it will be set aside, with its "
                            "unfinished voids carried over, when posrev next starts. Restart "
                            "posrev when no void is in progress, and tell IT.",
    "store.not_a_folder": "a file stands where its folder should be",
    "store.fix.not_a_folder": "Move that file away (or tell IT), then try again.",
    "store.fix.disk_full": "Free some space on the disk, then try again.",
    "store.fix.folder_read_only": "Make the folder writable for this user, then try again.",
    "store.fix.read_only": "Make the file writable for this user, then try again.",
    "store.fix.permission": "Give this user access to the file and its folder, then try again.",
    "store.fix.locked": "Close the other program (another posrev, a backup or an antivirus "
                        "scan), then try again.",
    "store.fix.other": "Check the disk, then try again.",

    # Why an operation failed: the ``reason`` of ``op.failed``.
    "fail.unreachable": "the gateway is unreachable; nothing was sent",
    "fail.tls_not_sent": "{reason}; nothing was sent",
    "fail.journal": "the journal could not be written because {why}; nothing was sent",
    "fail.void_credentials": "the gateway rejected the credentials (1108); nothing was voided",
    "fail.refund_credentials": "the gateway rejected the credentials (1108); nothing was "
                               "refunded",
    "fail.already_refunded": "the payment was already refunded; there was nothing to void",
    "fail.method": "the gateway refused the {action}'s HTTP method",
    "fail.refund_refused": "the refund was refused ({respcd}); nothing was refunded",
    "fail.refund_answer": "{respcd}; nothing was refunded",

    # Why a supervisor's approval or account change is refused (posrev.supervisors; the
    # refusal's ``code``).
    "supervisor.exists": "A supervisor already exists; adding another needs the approval of an "
                         "existing supervisor.",
    "supervisor.id_exists": "A supervisor with ID {id} already exists.",
    "supervisor.unknown_supervisor": "There is no supervisor with ID {id}.",
    "supervisor.own_account": "A supervisor cannot approve a change to their own account.",
    "supervisor.own_request": "A supervisor cannot approve their own request.",
    "supervisor.disabled": "Supervisor {id} is disabled.",
    "supervisor.already_disabled": "Supervisor {id} is already disabled.",
    "supervisor.locked": "Supervisor {id} is locked after {wrong} wrong PINs until {at}.",
    "supervisor.wrong_pin_locked": "Wrong PIN. Supervisor {id} is locked after {wrong} wrong "
                                   "PINs until {at}.",
    "supervisor.wrong_pin": "Wrong PIN for supervisor {id}; {left} more wrong PINs lock it for "
                            "{minutes} minutes.",
    "supervisor.wrong_pin_last": "Wrong PIN for supervisor {id}; {left} more wrong PIN locks it "
                                 "for {minutes} minutes.",
    "supervisor.incomplete": "An approval must name the requester, the action and what it "
                             "applies to.",
    "supervisor.reason_required": "A reason is required for a supervisor approval.",
    # An approval that cannot be used (it is asked for again).
    "supervisor.approval_unknown": "This supervisor approval is not known on this terminal.",
    "supervisor.approval_used": "This supervisor approval has already been used; ask again.",
    "supervisor.approval_elsewhere": "This supervisor approval was given on another terminal.",
    "supervisor.approval_altered": "This supervisor approval does not match the one recorded.",
    "supervisor.approval_for_other": "This supervisor approval was given for {action} on "
                                     "{target} requested by {requester}, not for {asked_action} "
                                     "on {asked_target} requested by {asked_requester}.",
    "supervisor.approval_expired": "This supervisor approval has expired (approvals are valid "
                                   "for {minutes} minutes); ask again.",
    "supervisor.approver_disabled": "Supervisor {id} has been disabled since giving this "
                                    "approval.",
    # What an approval was for (posrev/model/approval.py's Action), inside the sentence above
    # (its English is the action's own name, as the audit log keeps it).
    "grant.void": "void",
    "grant.void_forced": "void_forced",
    "grant.refund": "refund",
    "grant.resolve_manual": "resolve_manual",
    "grant.settings": "settings",
    "grant.credentials": "credentials",
    "grant.add_supervisor": "add_supervisor",
    "grant.disable_supervisor": "disable_supervisor",
    "grant.reset_supervisor": "reset_supervisor",
    "grant.fleet_view": "fleet_view",
    "grant.fleet_takeover": "fleet_takeover",

    # What the gateway client met (posrev/gateway/errors.py): the whole sentence, then the
    # reason inside it ("net.*", "tls.*"), which also stands in a void's steps.
    "gateway.not_sent": "The gateway could not be reached ({reason}); nothing was sent.",
    "gateway.tls": "The secure connection to the gateway failed: {reason}; nothing was sent.",
    "gateway.unknown": "The gateway's answer was lost or unreadable ({reason}).",
    "gateway.method_refused": "The gateway refused the close sent by {method} ({detail}); "
                              "nothing was voided. Set close_method to \"auto\" "
                              "(docs/IT-GUIDE.md).",
    "gateway.methods_refused": "The gateway refused the close sent by {method} and {other} "
                               "({detail}); nothing was voided. This gateway takes neither "
                               "method for a close; ask QFPay.",
    "gateway.rate_limited": "The gateway is rate limiting this merchant (HTTP 429).",
    "gateway.rate_limited_for": "The gateway is rate limiting this merchant (HTTP 429); retry "
                                "after {seconds} s.",
    "gateway.wrong_credentials": "The gateway rejected the signature (1108): the app code or "
                                 "client key is wrong for this environment.",
    "gateway.refused": "The gateway refused the request: {respcd}",
    "gateway.refused_said": "The gateway refused the request: {respcd}: {resperr}",
    "credentials.tls": "The secure connection to the gateway failed: {reason}; the "
                       "credentials were not tested.",
    "net.connect_timeout": "connection timed out",
    "net.no_answer": "no answer within {seconds} s",
    "net.dropped": "the connection dropped after the request was sent",
    "net.error": "{name}",
    "net.proxy_credentials": "the proxy asked for credentials (HTTP 407); store them with "
                             "'posrev credentials set-proxy'",
    "net.proxy_refused": "the proxy refused the connection (HTTP {status})",
    "net.proxy_unreachable": "the proxy could not be reached ({reason})",
    "net.connection_refused": "connection refused",
    "net.name_unknown": "name or service not known",
    "net.no_route": "no route to host",
    "net.network_unreachable": "network is unreachable",
    "net.nodename": "nodename nor servname",
    "net.getaddrinfo": "getaddrinfo failed",
    "net.actively_refused": "actively refused",
    "net.timed_out": "timed out",
    "net.connection_failed": "connection failed",
    "net.http_error": "HTTP {status} from the gateway",
    "net.http_unexpected": "unexpected HTTP {status} from the gateway",
    "net.not_json": "the answer is not JSON",
    "net.not_object": "the answer is not a JSON object",
    "net.no_respcd": "the answer has no respcd",
    "net.no_records": "the enquiry answer has no list of records",
    "net.malformed_record": "a transaction record is malformed: {detail}",
    "net.signature_wrong": "the answer's signature is wrong",
    "net.unsigned": "the answer is unsigned, but this gateway signs its answers",
    "tls.expired": "the gateway's certificate has expired (or this PC's clock is wrong)",
    "tls.not_yet_valid": "the gateway's certificate is not valid yet (or this PC's clock is "
                         "wrong)",
    "tls.hostname": "the gateway's certificate is for another host name than the one in "
                    "base_url",
    "tls.untrusted": "the gateway's certificate is not trusted by this PC (a TLS-inspecting "
                     "proxy needs its CA in ca_bundle)",
    "tls.not_tls": "the gateway did not speak TLS (is base_url https to a plain http port?)",
    "tls.handshake": "the TLS handshake was refused ({detail})",

    # A number that cannot be looked up (posrev.domain.numbers).
    "input.empty": "Nothing was scanned or typed.",
    "input.syssn_not_digits": "QFPay numbers are digits only.",
    "input.syssn_too_long": "Too long: a QFPay number has at most {max} digits.",
    "input.order_spaces": "Order numbers can't contain spaces.",
    "input.order_characters": "Order numbers can only have English letters, digits and "
                              "keyboard symbols.",
    "input.order_too_long": "Too long: at most {max} characters.",

    # A gateway code with its meaning: "the amount is wrong (1266)".
    "respcd.described": "{words} ({code})",
    "respcd.none": "no response code",
    "respcd.other": "gateway code {code}",
}

# What a QFPay response code means (docs/DESIGN.md, the gateway's codes; current meaning
# first). A new code: one line here; a rule about it goes in posrev/gateway/codes.py.
RESPCD: dict[str, str] = {
    "0000": "success",
    "1100": "the gateway is under maintenance",
    "1101": "reversal error",
    "1102": "duplicate request",
    "1103": "the request was badly formatted",
    "1104": "a request parameter was wrong",
    "1105": "the device is not activated",
    "1106": "the device is not valid",
    "1107": "the device is not allowed",
    "1108": "the signature was wrong (check the app code and client key)",
    "1124": "invalid transaction",
    "1125": "the order was already refunded",
    "1126": "the original transaction does not match",
    "1127": "gateway database error",
    "1131": "payment channel error",
    "1136": "the transaction does not exist or cannot be changed",
    "1142": "the order is already closed",
    "1143": "the order is not paid yet (the customer may still be entering a password)",
    "1145": "processing, please wait",
    "1147": "WeChat Pay transaction error",
    "1150": "the merchant's T0 billing does not allow cancelling transactions",
    "1155": "the gateway refused to revoke this transaction",
    "1161": "the result is unknown and must be queried",
    "1181": "the order has expired",
    "1201": "the customer's balance is insufficient",
    "1202": "the customer's payment code was wrong or expired",
    "1203": "merchant account error",
    "1204": "bank error",
    "1205": "the transaction failed; try later",
    "1241": "the store is missing or not in good standing",
    "1242": "the store is misconfigured",
    "1243": "the store is disabled",
    "1250": "this transaction is forbidden; contact QFPay",
    "1251": "the store is misconfigured (or a duplicate order number was used)",
    "1252": "system error when placing the order",
    "1254": "a problem occurred and is being resolved",
    "1260": "the order is already paid",
    "1261": "the order is not paid",
    "1262": "the order is already refunded",
    "1263": "the order is already cancelled",
    "1264": "the order is already closed",
    "1265": "this transaction cannot be refunded",
    "1266": "the amount is wrong",
    "1267": "the order information does not match",
    "1268": "the order does not exist",
    "1269": "today's unsettled amount is too low",
    "1270": "this currency does not allow a partial refund",
    "1271": "this transaction does not allow a partial refund",
    "1272": "the refund is more than what is left to refund",
    "1294": "blocked by the bank as possibly non-compliant (do not retry)",
    "1295": "the network is slow; waiting for a response",
    "1296": "the network is slow; retry later",
    "1297": "the bank system is busy, or this order cannot be closed",
    "1298": "the network is slow; if already paid do not pay again",
    "2005": "the customer's code was wrong or expired",
    "2007": "the customer closed the transaction",
    "2009": "payment channel connection failure",
    "2011": "duplicate transaction serial number",
    "2999": "the payment channel is processing",
}

# What a code means in answer to a refund, where that differs from a void's meaning.
RESPCD_REFUND: dict[str, str] = {
    "1124": "this channel refunds today's payments in full only",
    "1155": "the gateway refused the refund (another refund may still be processing, or "
            "this pay type cannot be refunded)",
    "1251": "this refund number was already used",
    "1261": "the payment is not paid",
    "1264": "the payment is already closed or fully refunded",
    "1265": "this payment cannot be refunded now (for example around midnight); try later",
    "1269": "today's unsettled takings are too low to cover the refund; try later",
}

CATALOG: dict[str, str] = {
    **SENTENCES,
    **{f"respcd.{c}": words for c, words in RESPCD.items()},
    **{f"respcd.refund.{c}": words for c, words in RESPCD_REFUND.items()},
}


# -- gateway codes as texts ---------------------------------------------------------------------
def respcd_words(respcd: str | None, *, refund: bool = False) -> Text:
    """What a code means: ``the amount is wrong``; an unknown code says so."""
    if not respcd:
        return Text("respcd.none")
    code = str(respcd)
    if refund and code in RESPCD_REFUND:
        return Text(f"respcd.refund.{code}")
    if code in RESPCD:
        return Text(f"respcd.{code}")
    return Text("respcd.other", {"code": code})


def respcd_described(respcd: str | None, *, refund: bool = False) -> Text:
    """The words and the code, for an outcome line: ``the amount is wrong (1266)``."""
    words = respcd_words(respcd, refund=refund)
    return Text("respcd.described", {"words": words, "code": str(respcd)}) if respcd else words


# -- a SQLite file's environment (posrev.store.sqlite.environment_cause) ------------------------
def store_cause(cause: tuple[str, Mapping[str, str]]) -> Text:
    """Why the environment refused a write: ``the disk is full``."""
    code, params = cause
    return Text(f"store.{code}", dict(params))


def store_fix(cause: tuple[str, Mapping[str, str]]) -> Text:
    """What to do about it: only the fix for that cause."""
    fix = f"store.fix.{cause[0]}"
    return Text(fix if fix in CATALOG else "store.fix.other")


# -- rendering ----------------------------------------------------------------------------------
_NAME = re.compile(r"\{(\w+)\}")


def names(code: str) -> list[str]:
    """The parameters of a sentence, in order of first appearance (``%1`` is the first)."""
    return list(dict.fromkeys(_NAME.findall(CATALOG[code])))


def qt_source(code: str) -> str:
    """The sentence as the window's catalogs hold it: ``{name}`` becomes ``%1``, ``%2`` …"""
    order = names(code)
    return _NAME.sub(lambda m: f"%{order.index(m.group(1)) + 1}", CATALOG[code])


def english(text: Text) -> str:
    """The sentence in English (the CLI, the journal's ``message`` column, logs)."""
    template = CATALOG[text.code]
    return _NAME.sub(lambda m: english_value(text.params.get(m.group(1), "")), template)


def english_value(value: Param) -> str:
    if isinstance(value, Text):
        return english(value)
    if isinstance(value, tuple):
        return CATALOG["list.separator"].join(english(v) for v in value)
    return str(value)


def journal_columns(text: Text) -> dict[str, str]:
    """An operation's message as the journal keeps it: the English sentence (for people
    reading the journal or its CSV) and the code with its parameters (what programs read)."""
    return {"message": english(text), "message_code": text.code,
            "message_params": json.dumps(text.to_json()["params"], ensure_ascii=False,
                                         sort_keys=True)}


def from_journal(code: str, params: str) -> Text | None:
    """The message of a journaled operation; None for a row written before messages had
    codes (its ``message`` is then shown as it is) or with a code this version lacks."""
    if not code or code not in CATALOG:
        return None
    try:
        return Text.from_json({"code": code, "params": json.loads(params or "{}")})
    except (ValueError, KeyError, TypeError):
        return None
