"""posrev/messages.py: every sentence written once, keyed by a code with parameters; the core
hands out codes, the journal keeps them, and no module takes a sentence apart."""

from __future__ import annotations

import ast
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from posrev import messages
from posrev.domain.eligibility import evaluate
from posrev.domain.void import failed
from posrev.journal import _MIGRATIONS, Journal
from posrev.messages import Text, english, qt_source, respcd_described
from posrev.model.rules import Rules
from posrev.model.transaction import Transaction
from posrev.store.sqlite import migrate

ROOT = Path(__file__).resolve().parents[2]
POSREV = ROOT / "posrev"


def _sources() -> list[Path]:
    return [p for p in POSREV.rglob("*.py") if p.name != "messages.py"]


def test_no_module_takes_a_sentence_apart() -> None:
    # Deciding by what a sentence says (stripping "Failed: ", splitting on "A supervisor
    # must approve", comparing an operation's message with words) breaks as soon as the
    # wording changes or is translated: the core's codes say it.
    parsing = re.compile(
        r"""removeprefix\(\s*["']Failed"""
        r"""|split\(\s*["']A supervisor"""
        r"""|partition\(\s*["']A supervisor"""
        r"""|startswith\(\s*["']Failed"""
        r"""|\.message\s*==|==\s*\w+\.message\b"""
        r"""|\.message\.(startswith|endswith|removeprefix|removesuffix|split|partition|rstrip)""")
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
             for p in _sources()
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if parsing.search(line)]
    assert found == []


def test_every_sentence_is_written_once() -> None:
    # No other module of posrev spells one of the catalog's sentences (in English or as the
    # window's %1 source): each lives in posrev/messages.py only. (The simulator plays the
    # gateway: its error texts are the gateway's words, not posrev's.)
    sentences = {s for s in messages.CATALOG.values() if len(s) > 20}
    sentences |= {qt_source(c) for c in messages.CATALOG if len(messages.CATALOG[c]) > 20}
    twice = []
    for path in _sources():
        if "simulator" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in sentences:
                twice.append(f"{path.relative_to(ROOT)}: {node.value}")
    assert twice == []


def test_a_sentence_renders_its_parameters_and_its_qt_source_numbers_them() -> None:
    text = Text("op.route_fallback", {"action": Text("action.reversal"),
                                      "refused": respcd_described("1155"),
                                      "other": Text("action.close")})
    assert english(text) == ("The gateway refused the reversal (the gateway refused to revoke "
                             "this transaction (1155)) and the payment is still unfinished; "
                             "sending a close instead.")
    assert qt_source("op.route_fallback") == ("The gateway refused the %1 (%2) and the payment "
                                              "is still unfinished; sending a %3 instead.")
    assert english(respcd_described("7777")) == "gateway code 7777 (7777)"
    assert english(respcd_described("")) == "no response code"


def test_a_verdict_carries_a_code_and_parameters() -> None:
    now = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)
    txn = Transaction(syssn="20261126000100020000000001", out_trade_no="O1", txamt=60000,
                      txcurrcd="HKD", pay_type="800108", respcd="1202", cancel=0,
                      txdtm="2026-11-26 11:58:00", sysdtm="2026-11-26 11:58:00",
                      order_type="payment")
    v = evaluate(txn, Rules(), now, "Asia/Hong_Kong", force=True)
    assert v.text.code == "verdict.needs_supervisor"
    assert v.text.params["verdict"] == Text("verdict.forced_reversal", {"amount": "HKD 600.00"})
    assert v.text.params["reasons"] == (Text("reason.amount_over_threshold"),
                                        Text("reason.forced"))
    assert v.message == ("This failed payment of HKD 600.00 can be reversed to be sure "
                         "(forced). A supervisor must approve: the amount is at or over the "
                         "supervisor threshold; the void is forced on a payment that failed.")


def _op_kwargs() -> dict[str, object]:
    return dict(orig_syssn="20261126000100020000000001", out_trade_no="O1", action="reversal",
                txamt=2500, txcurrcd="HKD", txdtm="2026-11-26 12:00:00", pay_type="800108",
                udid="T1", cashier="C001")


def test_the_journal_keeps_the_code_and_parameters_next_to_the_english(tmp_path) -> None:  # type: ignore[no-untyped-def]
    journal = Journal(tmp_path / "journal.sqlite3")
    try:
        op = journal.create(**_op_kwargs())  # type: ignore[arg-type]
        assert op.text == Text("op.journaled") and op.message == "Journaled; not sent yet."
        said = failed(Text("fail.refund_refused", {"respcd": respcd_described("1265",
                                                                              refund=True)}))
        op = journal.transition(op, event="void.failed", state="failed", text=said)
        again = journal.get(op.op_id)
        assert again is not None and again.text == said
        assert again.message == ("Failed: the refund was refused (this payment cannot be "
                                 "refunded now (for example around midnight); try later "
                                 "(1265)); nothing was refunded.")
    finally:
        journal.close()


def test_an_older_journals_rows_keep_their_sentence_and_have_no_code(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "journal.sqlite3"
    conn = sqlite3.connect(path)
    migrate(conn, {n: sql for n, sql in _MIGRATIONS.items() if n <= 2})  # as posrev wrote it
    conn.execute(
        "INSERT INTO operations(op_id, orig_syssn, action, txamt, txcurrcd, txdtm, pay_type, "
        "udid, cashier, state, final, message, created_at, updated_at) VALUES('a', '1', "
        "'reversal', 100, 'HKD', '', '800108', 'T1', 'C001', 'failed', 1, "
        "'Failed: the gateway is unreachable; nothing was sent.', "
        "'2026-11-26T04:00:00+00:00', '2026-11-26T04:00:00+00:00')")
    conn.commit()
    conn.close()
    journal = Journal(path)
    try:
        op = journal.get("a")
        assert op is not None and op.text is None
        assert op.message == "Failed: the gateway is unreachable; nothing was sent."
    finally:
        journal.close()


def test_what_the_cli_says_when_the_journal_cannot_record_a_step_is_unchanged() -> None:
    step = Text("unrecorded.step", {
        "happened": Text("happened.void_answered", {"respcd": respcd_described("0000")}),
        "why": "the disk is full", "when": Text("when.disk_has_room")})
    assert english(step) == ("The gateway answered the void (success (0000)), but the journal "
                             "could not record it because the disk is full; the outcome will "
                             "be checked when the disk has room ('posrev pending --resume').")
    pending = Text("unrecorded.not_sent", {"kind": Text("kind.refund"),
                                            "why": Text("why.vanished"),
                                            "when": Text("when.new_journal")})
    assert english(pending) == (
        "Nothing was sent, because the journal could not be written (the journal file was "
        "deleted or replaced (what this process held was saved and its unfinished voids "
        "carried over)). The refund stays pending in the journal: 'posrev pending --resume' "
        "will send it from the journal now in place.")


def test_errors_that_carry_a_sentence_survive_copy_and_pickle():
    """A gateway or journal error keeps its sentence, code and parameters when copied or
    pickled (their constructors take a Text, not the message ``args`` holds)."""
    import copy
    import pickle

    from posrev.errors import JournalError
    from posrev.gateway.errors import GatewayRefusal, MethodRefused, NotSent, UnknownOutcome

    errors = [NotSent(Text("net.no_route")), UnknownOutcome(Text("net.not_json")),
              MethodRefused("GET", "HTTP 405", other="POST"), GatewayRefusal("1266", "amount"),
              JournalError(Text("store.journal_newer", {"path": "/j", "version": 9}))]
    for error in errors:
        for again in (copy.copy(error), pickle.loads(pickle.dumps(error))):
            assert type(again) is type(error)
            assert str(again) == str(error)
            assert again.text == error.text  # type: ignore[attr-defined]
    assert pickle.loads(pickle.dumps(Text("a", {"b": Text("c")}))) == Text("a", {"b": Text("c")})


def test_a_gateway_error_without_its_own_sentence_still_has_one():
    from posrev.gateway.errors import GatewayError

    class Odd(GatewayError):
        pass

    assert english(Odd("the gateway did something odd").text) == "the gateway did something odd"
