"""What the core's values mean, in the cashier's language.

Nothing here decides anything: the core gives the verdict, the supervisor reasons, the
operation's state and outcome, and every sentence as a code with parameters
(``posrev.messages.Text``); this module only puts them into translated words. Each code's
sentence is written once, in ``posrev/messages.py``; :data:`MESSAGES` is its Qt source
(``%1``-style), translated under the ``Messages`` context of ``resources/i18n/*.ts``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from posrev import messages
from posrev.gui.qt import QT_TRANSLATE_NOOP, translate
from posrev.messages import Text
from posrev.money import format_amount

if TYPE_CHECKING:
    from posrev.domain.void import Progress
    from posrev.model.operation import Operation
    from posrev.model.transaction import Transaction
    from posrev.model.verdict import Verdict


def _codes():  # type: ignore[no-untyped-def]
    # The gateway package loads the HTTP client; the window paints before that is needed.
    from posrev.gateway import codes

    return codes

# Wallet and pay-type names (DESIGN.md §15.11), for the transaction panel.
PAY_TYPES = {
    "800008": QT_TRANSLATE_NOOP("PayType", "QR scan (WeChat Pay, Alipay, UnionPay, PayMe)"),
    "800101": QT_TRANSLATE_NOOP("PayType", "Alipay, store QR code"),
    "800108": QT_TRANSLATE_NOOP("PayType", "Alipay, customer's code scanned"),
    "801501": QT_TRANSLATE_NOOP("PayType", "Alipay HK, store QR code"),
    "801510": QT_TRANSLATE_NOOP("PayType", "Alipay HK, in-app"),
    "801512": QT_TRANSLATE_NOOP("PayType", "Alipay HK, online"),
    "801514": QT_TRANSLATE_NOOP("PayType", "Alipay HK, online"),
    "800201": QT_TRANSLATE_NOOP("PayType", "WeChat Pay, store QR code"),
    "800208": QT_TRANSLATE_NOOP("PayType", "WeChat Pay, customer's code scanned"),
    "800212": QT_TRANSLATE_NOOP("PayType", "WeChat Pay, mobile web"),
    "801008": QT_TRANSLATE_NOOP("PayType", "WeChat Pay HK, customer's code scanned"),
    "805801": QT_TRANSLATE_NOOP("PayType", "PayMe, store QR code"),
    "805808": QT_TRANSLATE_NOOP("PayType", "PayMe, customer's code scanned"),
    "800701": QT_TRANSLATE_NOOP("PayType", "UnionPay QuickPass, store QR code"),
    "800708": QT_TRANSLATE_NOOP("PayType", "UnionPay QuickPass, customer's code scanned"),
    "802001": QT_TRANSLATE_NOOP("PayType", "FPS, store QR code"),
    "803701": QT_TRANSLATE_NOOP("PayType", "Octopus, store QR code"),
}

# Every sentence of posrev.messages, as the window's catalogs hold it (``%1`` for the first
# parameter); ``python -m posrev.gui.i18n --update`` puts them in the .ts files.
MESSAGES: dict[str, str] = {code: QT_TRANSLATE_NOOP(messages.CONTEXT, messages.qt_source(code))
                            for code in messages.CATALOG}
_PLACE = re.compile(r"%(\d+)")


def render(text: Text) -> str:
    """A sentence of the core (a code and its parameters) in the cashier's language."""
    template = translate(messages.CONTEXT, MESSAGES[text.code])
    values = [_value(text.params.get(name, "")) for name in messages.names(text.code)]

    def place(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return values[index] if 0 <= index < len(values) else match.group(0)

    return _PLACE.sub(place, template)  # one pass: a value's own "%2" stays as it is


def _value(value: messages.Param) -> str:
    if isinstance(value, Text):
        return render(value)
    if isinstance(value, tuple):
        return render(Text("list.separator")).join(render(v) for v in value)
    return str(value)

STATES = {
    "intent": QT_TRANSLATE_NOOP("State", "Getting ready to send the void"),
    "sending": QT_TRANSLATE_NOOP("State", "Sending the void to the gateway"),
    "confirming": QT_TRANSLATE_NOOP("State", "The gateway accepted the void; confirming"),
    "refused": QT_TRANSLATE_NOOP("State", "The gateway refused; checking the payment"),
    "pending": QT_TRANSLATE_NOOP("State", "The gateway is processing the void"),
    "unknown": QT_TRANSLATE_NOOP("State", "The answer was lost; checking what happened"),
    "voided": QT_TRANSLATE_NOOP("State", "Voided"),
    "refund_required": QT_TRANSLATE_NOOP("State", "Refund required"),
    "failed": QT_TRANSLATE_NOOP("State", "Failed"),
    "needs_manual": QT_TRANSLATE_NOOP("State", "Needs a supervisor"),
    "refunded": QT_TRANSLATE_NOOP("State", "Refunded"),
    "handed_over": QT_TRANSLATE_NOOP("State", "Taken over by another terminal"),
}

# The same states, for a refund (what is being sent is a refund, not a void).
REFUND_STATES = {
    "intent": QT_TRANSLATE_NOOP("State", "Getting ready to send the refund"),
    "sending": QT_TRANSLATE_NOOP("State", "Sending the refund to the gateway"),
    "confirming": QT_TRANSLATE_NOOP("State", "The gateway accepted the refund; confirming"),
    "refused": QT_TRANSLATE_NOOP("State", "The gateway refused; checking whether the refund "
                                          "exists"),
    "pending": QT_TRANSLATE_NOOP("State", "The gateway is processing the refund"),
}

OUTCOMES = {  # the outcome filter of the journal view
    "voided": QT_TRANSLATE_NOOP("Outcome", "Voided"),
    "refund_required": QT_TRANSLATE_NOOP("Outcome", "Refund required"),
    "failed": QT_TRANSLATE_NOOP("Outcome", "Failed"),
    "needs_manual": QT_TRANSLATE_NOOP("Outcome", "Needs a supervisor"),
    "refunded": QT_TRANSLATE_NOOP("Outcome", "Refunded"),
    "handed_over": QT_TRANSLATE_NOOP("Outcome", "Taken over by another terminal"),
    "pending": QT_TRANSLATE_NOOP("Outcome", "Not final yet"),
}

ACTIONS = {
    "reversal": QT_TRANSLATE_NOOP("Action", "Reversal"),
    "close": QT_TRANSLATE_NOOP("Action", "Close"),
    "refund": QT_TRANSLATE_NOOP("Action", "Refund"),
}


def pay_type_name(pay_type: str) -> str:
    name = PAY_TYPES.get(pay_type)
    if name is None:
        return translate("Texts", "Pay type %1").replace("%1", pay_type or "?")
    return f"{translate('PayType', name)} ({pay_type})"


def respcd_words(respcd: str | None) -> str:
    """The code's meaning in words."""
    return render(messages.respcd_words(respcd))


def respcd_described(respcd: str | None, *, refund: bool = False) -> str:
    """The code's meaning and the code: ``the amount is wrong (1266)``."""
    return render(messages.respcd_described(respcd, refund=refund))


def reason_text(reason_id: str) -> str:
    """Why a supervisor must approve, from the verdict's reason code."""
    code = f"reason.{reason_id}"
    return render(Text(code)) if code in messages.CATALOG else reason_id


def amount(minor: int, currency: str) -> str:
    return format_amount(minor, currency)


def action_button(action: str) -> str:
    if action == "close":
        return translate("Texts", "&Close this order")
    return translate("Texts", "&Reverse this payment")


def confirm_button(action: str, amount_text: str) -> str:
    if action == "close":
        return translate("Texts", "Close %1").replace("%1", amount_text)
    return translate("Texts", "Reverse %1").replace("%1", amount_text)


def verdict_text(verdict: Verdict) -> str:
    """One sentence: what can be done and why (docs/GUI.md, the flow, step 5)."""
    return render(verdict.text)


def txn_status(txn: Transaction) -> str:
    """The record's state in words."""
    if not txn.is_payment:
        return translate("Texts", "Refund record")
    if txn.is_cancelled:
        return translate("Texts", "Voided or closed")
    if txn.is_refunded:
        return translate("Texts", "Refunded or finished")
    if txn.is_paid:
        return translate("Texts", "Paid")
    words = respcd_described(txn.respcd)
    return words[:1].upper() + words[1:]


def environment_words(label: str, url: str) -> str:
    """What the badge's word means, said the same way in the badge's tooltip and Settings."""
    if label == "DEMO":
        return translate("Texts", "Demo: a simulated gateway on this computer; nothing is "
                                  "real.")
    if label == "SIMULATOR":
        return translate("Texts", "Simulator at %1: a test gateway on this computer; no real "
                                  "money.").replace("%1", url)
    if label == "LIVE":
        return translate("Texts", "Live: %1, real money.").replace("%1", url)
    return translate("Texts", "Test: %1, test money.").replace("%1", url)


def time_words(txn: Transaction) -> str:
    """What the record's time is, with %1 for it: only a payment that went through was
    "paid" then; an unfinished, failed or voided one was started then."""
    if not txn.is_payment:
        return translate("Texts", "Refunded at %1")
    if txn.is_paid or txn.is_refunded:
        return translate("Texts", "Paid at %1")  # paid (refunded or finished since)
    return translate("Texts", "Started at %1")


def duration(seconds: float) -> str:
    """``45 s``, ``4 min``, ``2 h 5 min``, ``3 d``."""
    s = int(max(0, seconds))
    if s < 60:
        return translate("Texts", "%1 s").replace("%1", str(s))
    if s < 3600:
        return translate("Texts", "%1 min").replace("%1", str(s // 60))
    if s < 86400:
        return translate("Texts", "%1 h %2 min").replace("%1", str(s // 3600)) \
            .replace("%2", str(s % 3600 // 60))
    return translate("Texts", "%1 d").replace("%1", str(s // 86400))


def ago(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds < 60:
        return translate("Texts", "just now")
    return translate("Texts", "%1 ago").replace("%1", duration(seconds))


def state_words(state: str, kind: str = "void") -> str:
    text = (REFUND_STATES.get(state) if kind == "refund" else None) or STATES.get(state)
    return translate("State", text) if text else state


def outcome_headline(op: Operation) -> str:
    """The outcome in one line, as docs/GUI.md (the flow, step 8) words it."""
    outcome = op.outcome
    if op.kind == "refund":
        return refund_headline(op)
    if outcome == "voided":
        return translate("Texts", "Voided — the customer will not be charged")
    if outcome == "refund_required":
        return translate("Texts", "Payment completed — refund it instead")
    if outcome == "failed":
        if _older_failure(op):
            return op.message
        return translate("Texts", "Failed: %1").replace("%1", failure_reason(op))
    if outcome == "handed_over":
        return translate("Texts", "Taken over by another terminal")
    return translate("Texts", "Not confirmed yet")


def _failure(op: Operation) -> Text | None:
    """Why a failed operation failed: the ``reason`` of the core's ``op.failed`` sentence."""
    text = op.text
    if op.state != "failed" or text is None or text.code != "op.failed":
        return None
    reason = text.params.get("reason")
    return reason if isinstance(reason, Text) else None


def _older_failure(op: Operation) -> bool:
    """A failure journaled before messages had codes, with no gateway code to word: its
    stored sentence is shown as it is."""
    return op.text is None and not (op.respcd and op.respcd != _codes().SUCCESS)


def nothing_sent(op: Operation) -> bool:
    """A failed operation whose connection could not even be opened (nothing was sent)."""
    reason = _failure(op)
    return reason is not None and reason.code in ("fail.unreachable", "fail.tls_not_sent")


def failure_reason(op: Operation) -> str:
    """The reason of a failed void in words, with the gateway's code when there is one."""
    if nothing_sent(op):
        return translate("Texts", "the gateway could not be reached; nothing was sent")
    if op.respcd and op.respcd != _codes().SUCCESS:
        return respcd_described(op.respcd)
    return _failure_words(op)


def _failure_words(op: Operation) -> str:
    """What the core said of a failure with no gateway code: its reason, else its last
    sentence (a supervisor's resolution), else an older row's sentence as it is."""
    reason = _failure(op) or op.text
    if reason is not None:
        return render(reason)
    return op.message or translate("Texts", "no reason was given")


def refund_headline(op: Operation) -> str:
    outcome = op.outcome
    if outcome == "refunded":
        return translate("Texts", "Refunded — %1 goes back to the customer") \
            .replace("%1", amount(op.txamt, op.txcurrcd))
    if outcome == "failed":
        if _older_failure(op):
            return op.message
        return translate("Texts", "Refund failed: %1").replace("%1", refund_failure_reason(op))
    if outcome == "handed_over":
        return translate("Texts", "Taken over by another terminal")
    return translate("Texts", "Not confirmed yet")


def refund_failure_reason(op: Operation) -> str:
    if nothing_sent(op):
        return translate("Texts", "the gateway could not be reached; nothing was sent")
    if op.respcd and op.respcd != _codes().SUCCESS:
        return respcd_described(op.respcd, refund=True)
    return _failure_words(op)


# What an outcome means for the cashier, by kind: the sentences are the window's own.
_OUTCOME_DETAIL = {
    ("void", "failed"): QT_TRANSLATE_NOOP("Texts", "Nothing was voided. Look the payment up "
                                                   "again before trying anything else."),
    ("refund", "failed"): QT_TRANSLATE_NOOP("Texts", "Nothing was refunded. Look the payment "
                                                     "up again before trying anything else."),
    ("void", "needs_manual"): QT_TRANSLATE_NOOP("Texts", "The gateway never confirmed this "
                                                         "void. A supervisor must resolve it in "
                                                         "the pending list."),
    ("refund", "needs_manual"): QT_TRANSLATE_NOOP("Texts", "The gateway never confirmed this "
                                                           "refund. A supervisor must resolve "
                                                           "it in the pending list."),
    ("void", "handed_over"): QT_TRANSLATE_NOOP("Texts", "Another terminal of the store took "
                                                        "this void over; this terminal sends "
                                                        "nothing more for it."),
    ("refund", "handed_over"): QT_TRANSLATE_NOOP("Texts", "Another terminal of the store took "
                                                          "this refund over; this terminal "
                                                          "sends nothing more for it."),
    # Any outcome not final yet.
    ("void", ""): QT_TRANSLATE_NOOP("Texts", "The void is still being checked in the "
                                             "background; it is in the pending list."),
    ("refund", ""): QT_TRANSLATE_NOOP("Texts", "The refund is still being checked in the "
                                               "background; it is in the pending list."),
}


def outcome_detail(op: Operation) -> str:
    outcome = op.outcome
    if outcome == "refunded":
        return translate("Texts", "The gateway refunded %1 of the payment of %2 (QFPay number "
                                  "%3).").replace("%1", amount(op.txamt, op.txcurrcd)) \
            .replace("%2", amount(op.orig_txamt or op.txamt, op.txcurrcd)) \
            .replace("%3", op.orig_syssn)
    if outcome == "voided":
        return translate("Texts", "The payment of %1 is cancelled at the gateway.") \
            .replace("%1", amount(op.txamt, op.txcurrcd))
    if outcome == "refund_required":
        return translate("Texts", "The customer paid %1 before the void: refund it "
                                  "instead (QFPay number %2).") \
            .replace("%1", amount(op.txamt, op.txcurrcd)).replace("%2", op.orig_syssn)
    source = _OUTCOME_DETAIL.get((op.kind, outcome)) or _OUTCOME_DETAIL[(op.kind, "")]
    return translate("Texts", source)


# -- the core's refusals and messages, in the cashier's language ----------------------------
def supervisor_refusal(exc: BaseException) -> str | None:
    """A supervisor refusal in the window's language, from the core's ``code`` and
    ``params`` (``supervisor.<code>`` of posrev/messages.py); None when the error carries no
    code of that catalog."""
    code = getattr(exc, "code", "")
    if code and f"supervisor.{code}" in messages.CATALOG:
        return render(Text(f"supervisor.{code}", getattr(exc, "params", None) or {}))
    return None


def core_message(said: Operation | Progress) -> str:
    """An operation's last step (or a progress report), in the cashier's language; a row
    journaled before messages had codes shows its stored sentence as it is."""
    text = said.text
    return render(text) if text is not None else said.message


def missing_words(has_credentials: bool, has_supervisors: bool) -> str:
    """What this terminal still lacks, for the "Set up this terminal" button's tooltip."""
    if not has_credentials and not has_supervisors:
        return translate("Setup", "This terminal has no QFPay credentials and no supervisor "
                                  "yet.")
    if not has_credentials:
        return translate("Setup", "This terminal has no QFPay credentials yet.")
    if not has_supervisors:
        return translate("Setup", "This terminal has no supervisor yet.")
    return ""


KEYRING_CODES = ("no_keyring", "locked", "refused", "unavailable")


def keyring_words(code: str) -> str:
    """Why the credentials cannot be kept, from the core's keyring failure code."""
    if code == "no_keyring":
        return translate("Setup", "This computer has no keyring to keep the credentials in. "
                                  "IT must install one (on Linux, gnome-keyring), then run "
                                  "setup again.")
    if code == "locked":
        return translate("Setup", "The system's keyring is locked, so the credentials cannot "
                                  "be kept. Unlock it (sign in to the desktop again), then "
                                  "try again.")
    if code == "refused":
        return translate("Setup", "The system's keyring refused to keep the credentials. Call "
                                  "IT.")
    return translate("Setup", "The system's keyring could not be opened, so the credentials "
                              "cannot be kept. Call IT.")


def error_words(exc: BaseException) -> str:
    """A core error in the cashier's language where the core gives a code, else its own
    sentence."""
    if is_keyring_failure(exc):
        return keyring_words(exc.code)  # type: ignore[attr-defined]
    text = getattr(exc, "text", None)  # a sentence of posrev.messages (OutcomeNotRecorded)
    if isinstance(text, Text):
        return render(text)
    return supervisor_refusal(exc) or str(exc)


def is_keyring_failure(exc: BaseException) -> bool:
    """A keyring failure from the credentials store. The supervisor store uses some of the
    same code words (a supervisor refusal "locked" is not a locked keyring)."""
    from posrev.errors import CredentialsError

    return isinstance(exc, CredentialsError) and getattr(exc, "code", "") in KEYRING_CODES


def number_problem(code: str) -> str:
    """Why a number cannot be looked up, from the core's code."""
    from posrev.domain.numbers import PROBLEMS, problem_text

    return render(problem_text(code)) if code in PROBLEMS else code
