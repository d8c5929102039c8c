"""Looking a number up with ``/trade/v1/query`` (DESIGN.md §8 step 3).

The gateway accepts one calendar month per query and filters by ``sysdtm`` (DESIGN.md §15.4), and
only ``syssn`` overrides the window. So an ``out_trade_no`` lookup searches the current month
(ending 10 minutes after now, for clock skew) and, if nothing is found, the previous month.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from posrev.clock import GATEWAY_FORMAT
from posrev.domain.numbers import Number
from posrev.gateway.errors import UnknownOutcome
from posrev.messages import Text
from posrev.model.transaction import MalformedRecord, Transaction

SKEW = timedelta(minutes=10)
PAGE_SIZE = 100
MAX_PAGES = 10


def _month_start(moment: datetime) -> datetime:
    return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _month_end(moment: datetime) -> datetime:
    start = _month_start(moment)
    nxt = (start + timedelta(days=32)).replace(day=1)
    return nxt - timedelta(seconds=1)


def month_windows(now: datetime, tz: str) -> list[list[tuple[datetime, datetime]]]:
    """Windows to search, in order: [current month (maybe split at a month boundary)],
    [previous month]. Each window lies inside one calendar month."""
    local = now.astimezone(ZoneInfo(tz)).replace(microsecond=0)
    end = local + SKEW
    current = [(_month_start(local), min(end, _month_end(local)))]
    if end.month != local.month:  # the skew margin crosses into the next month
        current.insert(0, (_month_start(end), end))
    prev_end = _month_start(local) - timedelta(seconds=1)
    previous = [(_month_start(prev_end), prev_end)]
    return [current, previous]


@dataclass(frozen=True)
class LookupResult:
    number: str
    searched_as: str  # the field that found it ("syssn" | "out_trade_no"), or the last tried
    records: tuple[Transaction, ...] = ()
    windows: tuple[str, ...] = field(default=())  # human description of what was searched

    @property
    def found(self) -> bool:
        return bool(self.records)

    @property
    def payments(self) -> tuple[Transaction, ...]:
        return tuple(r for r in self.records if r.is_payment)

    @property
    def candidates(self) -> tuple[Transaction, ...]:
        """Every matching payment record when there is more than one (the cashier picks)."""
        pays = self.payments
        return pays if len(pays) > 1 else ()

    @property
    def transaction(self) -> Transaction | None:
        """The record the verdict is about: the single payment, else a refund record."""
        pays = self.payments
        if len(pays) == 1:
            return pays[0]
        if not pays and self.records:
            return self.records[0]
        return None


QueryFn = Callable[..., list[dict]]


def parse_record(row: dict) -> Transaction:
    """One gateway record as a Transaction; a malformed one means the gateway's answer is
    unreadable, so whatever was asked has an unknown outcome."""
    try:
        return Transaction.from_record(row)
    except MalformedRecord as exc:
        raise UnknownOutcome(Text("net.malformed_record", {"detail": exc.detail})) from None


def _query_all(query: QueryFn, **params: object) -> list[Transaction]:
    out: list[Transaction] = []
    for page in range(1, MAX_PAGES + 1):
        rows = query(page=page, page_size=PAGE_SIZE, **params)
        out.extend(parse_record(r) for r in rows)
        if len(rows) < PAGE_SIZE:
            break
    return out


def lookup(query: QueryFn, number: Number, now: datetime, tz: str) -> LookupResult:
    """Search for ``number``; ``query`` is ``Gateway.query``. Raises the gateway's errors."""
    searched: list[str] = []
    field_name = number.tries[-1]
    for field_name in number.tries:
        if field_name == "syssn":
            searched.append("by QFPay number")
            rows = _query_all(query, syssn=number.text)
            rows = [r for r in rows if r.syssn == number.text]
            if rows:
                return LookupResult(number.text, "syssn", tuple(rows), tuple(searched))
            continue
        for windows in month_windows(now, tz):
            found: list[Transaction] = []
            for start, end in windows:
                searched.append(f"{start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M}")
                found += _query_all(query, out_trade_no=number.text,
                                    start_time=start.strftime(GATEWAY_FORMAT),
                                    end_time=end.strftime(GATEWAY_FORMAT))
            found = [r for r in found if r.out_trade_no == number.text]
            if found:
                unique = {r.syssn: r for r in found}
                return LookupResult(number.text, "out_trade_no", tuple(unique.values()),
                                    tuple(searched))
    return LookupResult(number.text, field_name, (), tuple(searched))
