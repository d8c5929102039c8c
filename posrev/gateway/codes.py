"""QFPay response codes in plain words (DESIGN.md §15.10, current meaning first).

Used to explain a failed void to a cashier: ``explain("1155")``.
"""

from __future__ import annotations

from posrev.model.rules import DEFAULT_PENDING as _PENDING

# Read from a record in posrev/model/transaction.py; re-exported here.
from posrev.model.transaction import ALREADY_CANCELLED as ALREADY_CANCELLED
from posrev.model.transaction import SUCCESS as SUCCESS

# Pending: keep querying (the default list: posrev/model/rules.py).
DEFAULT_PENDING = frozenset(_PENDING)
WRONG_SIGNATURE = "1108"
ORDER_ALREADY_PAID = "1260"

MEANINGS: dict[str, str] = {
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
REFUND_MEANINGS: dict[str, str] = {
    "1124": "this channel refunds today's payments in full only",
    "1155": "the gateway refused the refund (another refund may still be processing, or "
            "this pay type cannot be refunded)",
    "1251": "this refund number was already used",
    "1261": "the payment is not paid",
    "1264": "the payment is already closed or fully refunded",
    "1265": "this payment cannot be refunded now (for example around midnight); try later",
    "1269": "today's unsettled takings are too low to cover the refund; try later",
}
# Refund answers that mean "it may already exist": enquire before anything else.
REFUND_MAY_EXIST = frozenset({"1251", "1264"})


def explain_refund(respcd: str | None) -> str:
    return REFUND_MEANINGS.get(str(respcd), "") or explain(respcd)


def describe_refund(respcd: str | None) -> str:
    return f"{explain_refund(respcd)} ({respcd})" if respcd else explain(respcd)


def explain(respcd: str | None) -> str:
    """One phrase for a code, e.g. ``"the amount is wrong"``; unknown codes say so."""
    if not respcd:
        return "no response code"
    return MEANINGS.get(str(respcd), f"gateway code {respcd}")


def describe(respcd: str | None) -> str:
    """``"the amount is wrong (1266)"`` — the words and the code, for an outcome line."""
    return f"{explain(respcd)} ({respcd})" if respcd else explain(respcd)
