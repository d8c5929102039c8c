"""A stateful property test of voids and refunds together: cashier voids, supervisors'
approvals, refunds (full and partial), gateway answers and faults, refund scenarios, restarts
and time, in any order.

Invariants: the gateway never refunds more than was paid; one approval never makes two
refunds, and one refund operation never makes two gateway refunds; ``refunded`` only when
the gateway shows that refund done, ``failed`` only when it shows none; never two live
operations for one payment; at most 3 sends; once the faults stop, every operation ends
final."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, invariant, rule
from sim_machine import SimulatorMachine, machine_simulator

from posrev.app import NotEligible
from posrev.domain.refund import approval_target
from posrev.errors import InputError, PosrevError, SupervisorError
from posrev.refunds import RefundNotEligible, VoidUnresolved

FAULTS = ["drop", "http500", "non_json", "bad_signature", "rate_limit"]
ENDPOINTS = ["reversal", "refund", "query"]
PIN = "135790"


@pytest.fixture(scope="module", autouse=True)
def shared_simulator():
    with machine_simulator(VoidsAndRefunds, seed=5) as sim:
        yield sim


class VoidsAndRefunds(SimulatorMachine):
    home_prefix = "posrev-smr-"
    orders = Bundle("orders")
    approvals = Bundle("approvals")

    def __init__(self) -> None:
        super().__init__()
        self.app.supervisors.add_first("S1", "Sam", PIN)
        self.mine: dict[str, int] = {}  # syssn -> amount paid (or to be paid)

    def teardown(self) -> None:
        try:
            for syssn in self.mine:
                self.sim.set_scenario(syssn, lose_answer=0)
            self.settle(self.mine)
            self.gateway_and_journal_agree()
        finally:
            self.close()

    # -- rules --------------------------------------------------------------------------------
    @rule(target=orders, paid=st.sampled_from([True, True, False]),
          txamt=st.sampled_from([1000, 2500]),
          card=st.booleans())
    def new_order(self, paid, txamt, card):
        pay_type = "802801" if card and paid else "800108"
        order = self.sim.create_order(pay_type=pay_type, respcd="0000" if paid else "1143",
                                      txamt=txamt)
        self.mine[order["syssn"]] = txamt
        return order["syssn"]

    @rule(kind=st.sampled_from(FAULTS), endpoint=st.sampled_from(ENDPOINTS),
          count=st.integers(1, 3), applied=st.sampled_from([None, True, False]))
    def gateway_fault(self, kind, endpoint, count, applied):
        if kind == "rate_limit":
            applied = None  # a rate-limited request is never processed
        self.sim.fault(kind, count=count, endpoint=endpoint, applied=applied)

    @rule(syssn=orders)
    def answer_lost(self, syssn):
        self.sim.set_scenario(syssn, lose_answer=True)

    @rule(syssn=orders, polls=st.sampled_from([0, 1, 3]), closed=st.booleans(),
          short=st.booleans())
    def refund_scenario(self, syssn, polls, closed, short):
        self.sim.set_scenario(syssn, refund_polls=polls, refund_window_closed=closed,
                              refund_balance_short=short)

    @rule(syssn=orders)
    def customer_pays(self, syssn):
        record = self.sim.get(syssn)
        if record and record["cancel"] == "0" and record["respcd"] != "0000":
            self.sim.set_scenario(syssn, customer_pays_first=True)

    @rule(syssn=orders)
    def cashier_voids(self, syssn):
        try:
            txn = self.app.lookup(syssn, "syssn").transaction
            if txn is None:
                return
            op = self.app.start_void(txn, cashier="C001")
        except (NotEligible, SupervisorError, PosrevError):
            return
        self.app.drive(op.op_id)

    @rule(target=approvals, syssn=orders, part=st.sampled_from([1, 2, 0]))
    def supervisor_approves(self, syssn, part):
        amount = self.mine[syssn] // part if part else self.mine[syssn] + 1
        approval = self.app.supervisors.approve("S1", PIN, requester="C001", action="refund",
                                                target=approval_target(syssn, amount),
                                                reason="Goods returned")
        return (syssn, amount, approval)

    @rule(grant=approvals, stop_after=st.sampled_from([None, 1, 2]))
    def cashier_refunds(self, grant, stop_after):
        self._refund(grant, stop_after)

    def _refund(self, grant, stop_after):
        syssn, amount, approval = grant
        try:
            found = self.app.lookup(syssn, "syssn")
            if found.transaction is None:
                return
            op = self.app.start_refund(found.transaction, cashier="C001", approval=approval,
                                       amount=amount, verdict=found.refund)
        except (RefundNotEligible, VoidUnresolved, SupervisorError, InputError):
            return
        except PosrevError:
            return  # the lookup hit a fault: nothing was journaled
        stop = threading.Event()
        seen = [0]

        def on_progress(_):
            seen[0] += 1
            if stop_after is not None and seen[0] >= stop_after:
                stop.set()

        self.app.drive(op.op_id, on_progress=on_progress, cancel=stop)

    @rule(syssn=orders, part=st.sampled_from([1, 1, 2]),
          fault=st.sampled_from([None, "drop", "http500", "non_json", "bad_signature"]),
          applied=st.booleans(), stop_after=st.sampled_from([None, None, 1]))
    def approve_and_refund(self, syssn, part, fault, applied, stop_after):
        """The usual path, made likely: a supervisor approves and the cashier refunds at
        once, with a transport fault on the refund's first send."""
        amount = self.mine[syssn] // part
        approval = self.app.supervisors.approve("S1", PIN, requester="C001", action="refund",
                                                target=approval_target(syssn, amount),
                                                reason="Goods returned")
        if fault is not None:
            self.sim.fault(fault, count=1, endpoint="refund", applied=applied)
        self._refund((syssn, amount, approval), stop_after)

    # -- invariants ---------------------------------------------------------------------------
    @invariant()
    def gateway_and_journal_agree(self):
        ops = self.app.journal.operations(0, 10_000)
        live = Counter(op.orig_syssn for op in ops if not op.is_final)
        assert all(n == 1 for n in live.values()), live
        numbers = Counter(op.refund_out_trade_no for op in ops if op.kind == "refund")
        assert all(n == 1 for n in numbers.values()), numbers  # one number per refund
        used = Counter(e["detail"].get("approval_id")
                       for e in self.app.journal.events(kind_prefix="refund.intent"))
        assert all(n == 1 for n in used.values()), used  # one refund per approval
        for syssn, paid in self.mine.items():
            assert self.sim.refunded_amount(syssn) <= paid
            records = self.sim.model.refund_records(syssn)
            ours = {op.refund_out_trade_no: op for op in ops
                    if op.kind == "refund" and op.orig_syssn == syssn}
            per_number = Counter(r["out_trade_no"] for r in records)
            assert all(n == 1 for n in per_number.values()), per_number
            assert set(per_number) <= set(ours)  # nobody else refunds these orders
            for number, op in ours.items():
                done = [r for r in records if r["out_trade_no"] == number
                        and r["respcd"] == "0000"]
                if op.outcome == "refunded":
                    assert len(done) == 1 and int(done[0]["txamt"]) == op.txamt, (op, records)
                if op.outcome == "failed":
                    assert not [r for r in records if r["out_trade_no"] == number], op
                assert op.sends <= 3


VoidsAndRefunds.TestCase.settings = settings(
    max_examples=300, stateful_step_count=12, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
TestVoidsAndRefunds = VoidsAndRefunds.TestCase
