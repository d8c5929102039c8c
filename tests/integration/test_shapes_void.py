"""The void state machine's scenarios against the simulator in each gateway shape.

None may end wrong (the journal's outcome always matches what the gateway did, and at most
one void is applied); each ends final, except where the gateway gives posrev no way to know:
then ``needs_manual``, with a journal entry that says why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from posrev.app import App, AppOptions
from posrev.simulator import Simulator

# (simulator shape, posrev config): each shape the gateway has had, and the settings a
# terminal meeting it would have (defaults unless the IT guide says otherwise).
SHAPES = {
    "signed raw": ({}, ""),
    "signed fields": ({"response_signature": "fields"}, ""),
    "signed fields sha256": ({"response_signature": "fields"},
                             '[gateway]\nsign_type = "sha256"\n'),
    "unsigned": ({"response_signature": "none"}, ""),
    "close POST only (405)": ({"close_method": "post"}, ""),
    "close POST only (404)": ({"close_method": "post", "close_refusal": "404"}, ""),
    "close POST only (501)": ({"close_method": "post", "close_refusal": "501"}, ""),
    "close POST only (json)": ({"close_method": "post", "close_refusal": "json"}, ""),
    "close GET or POST": ({"close_method": "both"}, ""),
    "close POST, set post": ({"close_method": "post"}, '[gateway]\nclose_method = "post"\n'),
    "routing 2025, posrev guide": ({"routing": "2025"}, ""),
    "routing 2025, posrev 2025": ({"routing": "2025"}, '[rules]\nrouting = "2025"\n'),
    "legacy 2999": ({"legacy": True}, ""),
}
# (scenario, order kwargs, scenario kwargs, expected outcome)
SCENARIOS = {
    "at once": ({}, "voided"),
    "in progress twice": ({"in_progress_polls": 2}, "voided"),
    "answer lost": ({"lose_answer": 1}, "voided"),
    "customer pays first": ({"customer_pays_first": True}, "refund_required"),
}
# A reversal-type and a close-type payment of each routing table, and one each table
# routes differently from the other (the routing fallback's case).
PAY_TYPES = ("800108", "800208", "800201")


@pytest.fixture
def shaped(env, clock, make_sim):
    made: list[tuple[Simulator, App]] = []

    def factory(sim_kwargs: dict, config: str) -> tuple[Simulator, App]:
        sim = make_sim(seed=len(made) + 20, clock=None, **sim_kwargs)
        home = Path(env["POSREV_HOME"]) / f"shape{len(made)}"
        home.mkdir(parents=True)
        (home / "config.toml").write_text(config)
        app = App.open(AppOptions(base_url=sim.base_url), clock=clock,
                       environ={**env, "POSREV_HOME": str(home)})
        made.append((sim, app))
        return sim, app

    yield factory
    for _sim, app in made:
        app.close()


def _check_truth(sim: Simulator, app: App, op, syssn: str) -> None:
    record = sim.get(syssn)
    assert sim.voids_applied(syssn) <= 1
    if op.outcome == "voided":
        assert record["cancel"] in ("1", "2"), (op, record)
        assert sim.voids_applied(syssn) == 1
    elif op.outcome == "refund_required":
        assert record["respcd"] == "0000" and record["cancel"] == "0", (op, record)
        assert sim.voids_applied(syssn) == 0


@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_scenario_ends_right_in_every_shape(shaped, shape):
    sim_kwargs, config = SHAPES[shape]
    sim, app = shaped(sim_kwargs, config)
    for pay_type in PAY_TYPES:
        for name, (scenario, expected) in SCENARIOS.items():
            order = sim.create_order(pay_type=pay_type)
            if scenario:
                sim.set_scenario(order["syssn"], **scenario)
            found = app.lookup(order["syssn"], "syssn")
            assert found.verdict.can_void, (pay_type, found.verdict.message)
            op = app.start_void(found.transaction, cashier="C001")
            op = app.drive(op.op_id, foreground=False)
            where = f"{shape} / {pay_type} / {name}: {op.message}"
            assert op.outcome == expected, where
            _check_truth(sim, app, op, order["syssn"])
            assert op.sends <= 3, where


def test_routing_fallback_is_journaled_and_named_by_credentials_check(shaped):
    sim, app = shaped({"routing": "2025"}, "")
    order = sim.create_order(pay_type="800208")  # guide: close; this gateway: reversal only
    found = app.lookup(order["syssn"], "syssn")
    op = app.drive(app.start_void(found.transaction, cashier="C001").op_id, foreground=False)
    assert op.outcome == "voided" and op.action == "reversal"
    events = app.journal.events(op.op_id, "void.")
    kinds = [e["kind"] for e in events]
    assert kinds.count("void.route_fallback") == 1
    # The re-send is its own journaled request, after the enquiry that justified it.
    requests = [e["kind"] for e in app.journal.events(op.op_id, "gateway.")]
    assert requests[:3] == ["gateway.close", "gateway.query", "gateway.reversal"]
    result = app.check_connection()
    assert result.ok
    assert "800208: close -> reversal (1x)" in result.shape
    assert 'routing = "2025"' in result.shape


def test_a_wrong_signature_on_every_answer_ends_needs_manual_saying_why(shaped):
    sim, app = shaped({}, "")
    order = sim.create_order(pay_type="800108")
    found = app.lookup(order["syssn"], "syssn")
    op = app.start_void(found.transaction, cashier="C001")
    sim.set_shape(response_signature="wrong")
    op = app.drive(op.op_id, foreground=False)
    assert op.outcome == "needs_manual"
    assert sim.voids_applied(order["syssn"]) == 1  # applied, but no answer could be trusted
    last = app.journal.events(op.op_id, "void.needs_manual")[-1]
    assert "signature is wrong" in last["detail"]["error"]
    assert "supervisor" in op.message


def test_a_stripped_signature_after_signing_was_seen_is_never_trusted(shaped):
    sim, app = shaped({}, "")
    order = sim.create_order(pay_type="800108")
    found = app.lookup(order["syssn"], "syssn")  # a signed answer: the profile remembers
    op = app.start_void(found.transaction, cashier="C001")
    sim.set_shape(response_signature="none")  # e.g. an on-path attacker strips it
    op = app.drive(op.op_id, foreground=False)
    assert op.outcome == "needs_manual"
    last = app.journal.events(op.op_id, "void.needs_manual")[-1]
    assert "unsigned" in last["detail"]["error"]


def test_a_close_method_the_gateway_refuses_fails_without_applying(shaped):
    # close_method = "get" against a POST-only gateway, on a close-only pay type that the
    # routing fallback cannot help: the truth is "failed, nothing voided".
    sim, app = shaped({"close_method": "post"}, '[gateway]\nclose_method = "get"\n'
                                                '[rules]\nreversal_pay_types = []\n')
    order = sim.create_order(pay_type="800208")
    found = app.lookup(order["syssn"], "syssn")
    op = app.drive(app.start_void(found.transaction, cashier="C001").op_id, foreground=False)
    assert op.outcome == "failed"
    assert sim.voids_applied(order["syssn"]) == 0
    answers = app.journal.events(op.op_id, "void.answer")
    assert answers[0]["detail"] == {"refused": "HTTP 405", "method": "GET"}
    # The routing fallback was tried once (the payment was unfinished) and refused too.
    assert len(app.journal.events(op.op_id, "void.route_fallback")) == 1
    assert [r["method"] for r in sim.requests if r["endpoint"] == "/trade/v1/close"] == ["GET"]
