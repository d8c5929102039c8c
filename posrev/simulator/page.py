"""The simulator's small web page (DESIGN.md §11): orders, and forms that move them.

Self-contained HTML (no scripts, no external assets): plain forms that POST to the control
API, which redirects a browser back here. Every value is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from posrev.simulator.model import CLOSE_PAY_TYPES, REVERSAL_PAY_TYPES
from posrev.simulator.records import PENDING_CODES

_STYLE = """
body{font:15px system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px}
th{background:#eee;text-align:left}.num{text-align:right;font-family:monospace}
.mono{font-family:monospace}form.inline{display:inline;margin:0}
fieldset{display:inline-block;margin-right:1em}label{margin-right:1em}
.pending{background:#fff7d6}.paid{background:#e0f5e0}.voided{background:#e6eefc}
"""

_PAY_TYPES = {
    "800108": "Alipay CPM", "800101": "Alipay MPM (overseas)", "801501": "Alipay MPM (HK)",
    "800201": "WeChat MPM", "800208": "WeChat CPM", "800008": "CPM all-in-one",
    "801008": "WeChat Pay HK CPM", "805808": "PayMe CPM",
}
_RESPCDS = {"1143": "1143 not paid yet", "1145": "1145 processing", "1298": "1298 network slow",
            "0000": "0000 paid", "1202": "1202 payment failed", "1181": "1181 expired"}


def _status(order: dict[str, Any]) -> tuple[str, str]:
    cancel = order["cancel"]
    void = order["sim"]["void"]
    if order["order_type"] == "refund":
        return "refund record", ""
    if cancel in ("1", "2"):
        return ("reversed" if cancel == "1" else "closed"), "voided"
    if cancel in ("3", "5"):
        return "refunded", ""
    if void and void["status"] == "in_progress":
        return f"void in progress ({void['polls_left']} polls left)", "pending"
    if order["respcd"] == "0000":
        return "paid", "paid"
    if order["respcd"] in PENDING_CODES:
        return f"pending ({order['respcd']})", "pending"
    return f"failed ({order['respcd']})", ""


def _row(order: dict[str, Any]) -> str:
    status, css = _status(order)
    syssn = escape(order["syssn"])
    actions = ""
    if css == "pending" and order["cancel"] == "0":
        actions = "".join(
            f'<form class="inline" method="post" action="/_sim/orders/{syssn}/{action}">'
            f'<button type="submit">{label}</button></form> '
            for action, label in (("pay", "Customer pays"), ("expire", "Expire")))
    scenario = order["sim"]["scenario"]
    notes = ", ".join(f"{k}={v}" for k, v in scenario.items() if v)
    cells = [
        f'<td class="mono">{syssn}</td>', f'<td class="mono">{escape(order["out_trade_no"])}</td>',
        f'<td class="num">{escape(order["txamt"])} {escape(order["txcurrcd"])}</td>',
        f'<td>{escape(order["pay_type"])} {escape(_PAY_TYPES.get(order["pay_type"], ""))}</td>',
        f"<td>{escape(status)}</td>", f'<td class="mono">{escape(order["sysdtm"])}</td>',
        f'<td>{order["sim"]["voids_applied"]} / {order["sim"]["void_requests"]}</td>',
        f"<td>{escape(notes)}</td>", f"<td>{actions}</td>"]
    return f'<tr class="{css}">{"".join(cells)}</tr>'


def _options(choices: dict[str, str], selected: str) -> str:
    return "".join(
        f'<option value="{escape(value)}"{" selected" if value == selected else ""}>'
        f"{escape(label)}</option>" for value, label in choices.items())


def render(base_url: str, app_code: str, orders: list[dict[str, Any]], now: str,
           shape: dict[str, Any] | None = None,
           routes: tuple[Iterable[str], Iterable[str]] | None = None) -> str:
    """The whole page for these orders (as ``GatewayModel.all_details`` gives them), with the
    gateway's shape and routing table when given."""
    rows = "".join(_row(order) for order in sorted(
        orders, key=lambda o: (o["sysdtm"], o["syssn"]), reverse=True))
    pay_types = {code: f"{code} {name}" for code, name in _PAY_TYPES.items()}
    reversal, close = routes or (REVERSAL_PAY_TYPES, CLOSE_PAY_TYPES)
    routing = f"reversal: {', '.join(sorted(reversal))}; close: {', '.join(sorted(close))}"
    if shape:
        routing += " · shape: " + ", ".join(f"{k} {v}" for k, v in shape.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>posrev gateway simulator</title>
<style>{_STYLE}</style></head><body>
<h1>posrev gateway simulator</h1>
<p>Base URL <span class="mono">{escape(base_url)}</span> &middot; app code
<span class="mono">{escape(app_code)}</span> &middot; gateway time
<span class="mono">{escape(now)}</span> &middot; routing {escape(routing)}</p>
<h2>New order</h2>
<form method="post" action="/_sim/orders">
<fieldset><legend>Order</legend>
<label>Pay type <select name="pay_type">{_options(pay_types, "800108")}</select></label>
<label>Amount (minor units) <input name="txamt" value="2500" size="8" inputmode="numeric"></label>
<label>Currency <input name="txcurrcd" value="HKD" size="4"></label>
<label>Status <select name="respcd">{_options(_RESPCDS, "1143")}</select></label>
<label>out_trade_no <input name="out_trade_no" size="24" placeholder="(generated)"></label>
<label>Age (minutes) <input name="age_minutes" value="0" size="5"></label>
</fieldset>
<fieldset><legend>Scenario</legend>
<label>In progress for <input name="in_progress_polls" value="0" size="3"> enquiries</label>
<label><input type="checkbox" name="customer_pays_first" value="true"> customer pays first
</label>
<label><input type="checkbox" name="lose_answer" value="true"> lose the void's (or refund's)
answer</label>
<label>Latency (s) <input name="latency" value="0" size="4"></label>
<label>Refund in progress for <input name="refund_polls" value="0" size="3"> enquiries</label>
<label><input type="checkbox" name="refund_window_closed" value="true"> refunds refused
(1265)</label>
<label><input type="checkbox" name="refund_balance_short" value="true"> not enough takings
(1269)</label>
</fieldset>
<button type="submit">Create</button>
</form>
<h2>Orders</h2>
<table><tr><th>syssn</th><th>out_trade_no</th><th>Amount</th><th>Pay type</th><th>Status</th>
<th>sysdtm</th><th>Voids applied / requested</th><th>Scenario</th><th></th></tr>
{rows or '<tr><td colspan="9">No orders yet.</td></tr>'}
</table>
<p>JSON: <a href="/_sim/orders">/_sim/orders</a> &middot; <a href="/_sim/state">/_sim/state</a>
</p>
</body></html>
"""
