"""Approvals are typed and consumed in one place, the App (docs/DESIGN.md, the layers): a
front-end asks ``app.approve(Action, target, ...)`` and hands the approval to the operation,
which consumes exactly the grant it needs; the credentials rule and its audit live there too."""

from __future__ import annotations

import pytest

from posrev.app import App, AppOptions
from posrev.errors import SupervisorError
from posrev.model.approval import Action, Grant, refund_grant, void_grant
from posrev.model.verdict import FORCED


@pytest.fixture
def bare_app(tmp_path, simulator, clock, memory_keyring):
    env = {"POSREV_HOME": str(tmp_path / "home")}  # no credentials anywhere yet
    app = App.open(AppOptions(base_url=simulator.base_url), clock=clock, environ=env)
    yield app
    app.close()


def test_the_grants_name_what_is_approved():
    assert void_grant("S1", ()) == Grant(Action.VOID, "S1")
    assert void_grant("S1", (FORCED,)) == Grant(Action.VOID_FORCED, "S1")
    assert refund_grant("S1", 250) == Grant(Action.REFUND, "S1:250")
    assert [str(a) for a in (Action.VOID, Action.FLEET_TAKEOVER)] == ["void", "fleet_takeover"]


def test_approve_and_void_journals_the_supervised_void(app, simulator):
    order = simulator.create_order(respcd="1143", txamt=50000)
    txn = app.lookup(order["syssn"], "syssn").transaction
    app.add_supervisor("S1", "Sam", "135790", None)
    with pytest.raises(SupervisorError):  # the supervisor cannot approve their own void
        app.approve_and_void(txn, "S1", "135790", cashier="S1", reason="Customer left")
    op = app.approve_and_void(txn, "S1", "135790", cashier="C001", reason="Customer left")
    assert (op.state, op.approver, op.reason) == ("intent", "S1", "Customer left")
    assert app.drive(op.op_id).outcome == "voided"


def test_an_approval_for_one_action_is_refused_for_another(app, simulator):
    order = simulator.create_order(respcd="1143", txamt=50000)
    txn = app.lookup(order["syssn"], "syssn").transaction
    app.add_supervisor("S1", "Sam", "135790", None)
    wrong = app.approve(Action.REFUND, txn.syssn, "S1", "135790", requester="C001",
                        reason="Customer left")
    with pytest.raises(SupervisorError, match="was given for refund"):
        app.start_void(txn, cashier="C001", approval=wrong)
    assert app.live_operation(txn.syssn) is None  # nothing journaled


def test_credentials_need_a_supervisor_once_there_is_one(bare_app):
    app = bare_app
    app.change_credentials("A" * 32, "B" * 32, approval=None, requester="it-admin")
    app.add_supervisor("S1", "Sam", "135790", None)
    with pytest.raises(SupervisorError):
        app.change_credentials("C" * 32, "D" * 32, approval=None, requester="it-admin")
    approval = app.approve(Action.CREDENTIALS, app.profile, "S1", "135790",
                           requester="it-admin", reason="new key")
    app.change_credentials("C" * 32, "D" * 32, approval=approval, requester="it-admin")
    assert app.credentials().app_code == "C" * 32
    changed = app.journal.events(kind_prefix="credentials.changed")
    assert [e["detail"]["approver"] for e in changed] == ["", "S1"]


def test_the_window_and_the_cli_audit_a_credentials_change_under_one_name(bare_app):
    app = bare_app
    # the window's path: the settings dialog (or setup) with an app code and client key
    app.apply_settings({"terminal": {"udid": "TILL-1"}}, app_code="A" * 32,
                       client_key="B" * 32)
    # the CLI's path
    app.change_credentials("C" * 32, "D" * 32, approval=None, requester="it-admin")
    kinds = [e["kind"] for e in app.journal.events(kind_prefix="credentials.")]
    assert kinds == ["credentials.changed", "credentials.changed"]
    settings = app.journal.events(kind_prefix="settings.changed")
    assert len(settings) == 1 and "credentials_changed" not in settings[0]["detail"]
