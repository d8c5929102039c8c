"""Journal schema 2: refunds in the operations table, and journals written before refunds
existed stay readable (migrated in place by ``user_version``)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from posrev.journal import _MIGRATIONS, SCHEMA_VERSION, AlreadyLive, Journal
from posrev.store.sqlite import statements


def v1_journal(path) -> None:
    conn = sqlite3.connect(path)
    for statement in statements(_MIGRATIONS[1]):
        conn.execute(statement)
    now = datetime(2026, 11, 26, 4, 0, tzinfo=UTC).isoformat()
    conn.execute("INSERT INTO operations(op_id, orig_syssn, out_trade_no, action, txamt, "
                 "txcurrcd, txdtm, pay_type, udid, cashier, state, final, created_at, "
                 "updated_at) VALUES('old1', '123', 'SHOP-1', 'reversal', 2500, 'HKD', "
                 "'2026-11-26 12:00:00', '800108', 'T1', 'C1', 'voided', 1, ?, ?)",
                 (now, now))
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()


def test_a_journal_from_before_refunds_is_migrated_and_keeps_its_voids(tmp_path):
    path = tmp_path / "journal.sqlite3"
    v1_journal(path)
    journal = Journal(path)
    try:
        assert journal.moved_aside is None
        assert journal._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        old = journal.get("old1")
        assert (old.kind, old.outcome, old.txamt, old.refund_out_trade_no, old.orig_txamt) == (
            "void", "voided", 2500, "", 0)
        refund = journal.create(orig_syssn="123", out_trade_no="SHOP-1", action="refund",
                                txamt=1000, txcurrcd="HKD", txdtm="2026-11-27 10:00:00",
                                pay_type="800108", udid="T1", cashier="C1", approver="S1",
                                refund_out_trade_no="RF1", orig_txamt=2500,
                                audit={"approval_id": "a1"})
        assert (refund.kind, refund.refund_out_trade_no, refund.orig_txamt) == (
            "refund", "RF1", 2500)
        assert [o.op_id for o in journal.refunds_for("123")] == [refund.op_id]
        event = journal.events(refund.op_id, "refund.intent")[0]
        assert event["detail"]["approval_id"] == "a1"
        assert event["detail"]["refund_out_trade_no"] == "RF1"
        assert journal.count_operations(search="RF1") == 1  # searchable by its number
        with pytest.raises(AlreadyLive):  # one live operation per payment, refunds too
            journal.create(orig_syssn="123", out_trade_no="SHOP-1", action="refund",
                           txamt=500, txcurrcd="HKD", txdtm="2026-11-27 10:00:00",
                           pay_type="800108", udid="T1", cashier="C1",
                           refund_out_trade_no="RF2", orig_txamt=2500)
    finally:
        journal.close()
    again = Journal(path)  # reopening does not migrate twice
    try:
        assert again.get(refund.op_id).refund_out_trade_no == "RF1"
    finally:
        again.close()
