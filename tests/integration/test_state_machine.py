"""A stateful property test of voids (DESIGN.md §14): cashier actions, gateway answers, faults and
restarts in any order. Invariants: never two live voids for one transaction; the gateway
never applies two voids for one original; never ``voided`` without an enquiry that showed it;
never ``refund_required`` unless the payment was paid; every operation ends final or stays
resumable; and once the faults stop, resuming ends every operation final."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, invariant, rule
from sim_machine import SimulatorMachine, machine_simulator

from posrev.app import NotEligible
from posrev.errors import PosrevError, SupervisorError

FAULTS = ["drop", "http500", "non_json", "bad_signature", "rate_limit"]
ENDPOINTS = ["reversal", "close", "query"]
PAY_TYPES = ["800108", "800208"]  # one reversal, one close


@pytest.fixture(scope="module", autouse=True)
def shared_simulator():
    with machine_simulator(Voids, seed=3) as sim:
        yield sim


class Voids(SimulatorMachine):
    home_prefix = "posrev-sm-"
    orders = Bundle("orders")

    def __init__(self) -> None:
        super().__init__()
        self.mine: list[str] = []

    def teardown(self) -> None:
        try:
            self.settle(self.mine)  # with the faults gone, a resume always ends final
            self.journal_and_gateway_agree()
        finally:
            self.close()

    # -- rules --------------------------------------------------------------------------------
    @rule(target=orders, pay_type=st.sampled_from(PAY_TYPES),
          polls=st.sampled_from([0, 0, 1, 3]))
    def new_order(self, pay_type, polls):
        order = self.sim.create_order(pay_type=pay_type, respcd="1143", txamt=2500)
        if polls:
            self.sim.set_scenario(order["syssn"], in_progress_polls=polls)
        self.mine.append(order["syssn"])
        return order["syssn"]

    @rule(kind=st.sampled_from(FAULTS), endpoint=st.sampled_from(ENDPOINTS),
          count=st.integers(1, 3))
    def gateway_fault(self, kind, endpoint, count):
        self.sim.fault(kind, count=count, endpoint=endpoint)

    @rule(syssn=orders)
    def answer_lost(self, syssn):
        self.sim.set_scenario(syssn, lose_answer=True)

    @rule(syssn=orders)
    def customer_pays(self, syssn):
        record = self.sim.get(syssn)
        if record and record["cancel"] == "0" and record["respcd"] != "0000":
            self.sim.set_scenario(syssn, customer_pays_first=True)

    @rule(syssn=orders, stop_after=st.sampled_from([None, 1, 2]), double=st.booleans())
    def cashier_voids(self, syssn, stop_after, double):
        try:
            found = self.app.lookup(syssn, "syssn")
        except PosrevError:
            return  # the lookup hit a fault: the cashier sees an error and nothing happens
        txn = found.transaction
        if txn is None:
            return
        try:
            op = self.app.start_void(txn, cashier="C001")
            if double:
                assert self.app.start_void(txn, cashier="C001").op_id == op.op_id
        except NotEligible:
            return
        except SupervisorError:
            # An earlier void of it did not succeed (DESIGN.md §9): without a supervisor the core
            # refuses, and nothing is journaled or sent.
            assert self.app.journal.live_for(txn.syssn) is None
            return
        stop = threading.Event()
        seen = [0]

        def on_progress(_):
            seen[0] += 1
            if stop_after is not None and seen[0] >= stop_after:
                stop.set()  # "Stop waiting"

        self.app.drive(op.op_id, on_progress=on_progress, cancel=stop)

    # -- invariants ---------------------------------------------------------------------------
    @invariant()
    def journal_and_gateway_agree(self):
        live: dict[str, int] = {}
        for op in self.app.journal.operations(0, 10_000):
            if not op.is_final:
                live[op.orig_syssn] = live.get(op.orig_syssn, 0) + 1
                assert op.next_check_at is not None or op.state == "sending", op
            record = self.sim.get(op.orig_syssn)
            if op.outcome == "voided":
                assert record["cancel"] in ("1", "2") or record["respcd"] not in (
                    "1143", "1145", "1298", "0000"), (op, record)
                shown = [e for e in self.app.journal.events(op.op_id, "gateway.query")
                         if _shows_void(e, op.orig_syssn)]
                assert shown, "voided without an enquiry that showed it"
            if op.outcome == "refund_required":
                assert record["respcd"] == "0000" and record["cancel"] == "0", (op, record)
            assert op.sends <= 3
        assert all(n == 1 for n in live.values()), live
        for syssn in self.mine:
            assert self.sim.voids_applied(syssn) <= 1


def _shows_void(event, syssn) -> bool:
    answer = event["detail"].get("answer") or {}
    for rec in answer.get("data") or []:
        if rec.get("syssn") == syssn and (str(rec.get("cancel")) in ("1", "2") or str(
                rec.get("respcd")) not in ("1143", "1145", "1298", "0000")):
            return True
    return False


Voids.TestCase.settings = settings(
    max_examples=500, stateful_step_count=12, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
TestVoids = Voids.TestCase
