"""The fleet in the window: the shipping backlog beside the navigation, and the supervisor's
Fleet window (report, open operations, filters, take-over), on a real PostgreSQL
(tests/pg_fixtures.py) and the simulator."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from fakeclock import FakeClock
from guihelp import CASHIER, SUPERVISOR, SUPERVISOR_PIN, approve, child, click
from pg_fixtures import fleet_config

from posrev.app import App, AppOptions
from posrev.gui.qt import QLabel, QPushButton, QTableWidget, QWidget
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY


@pytest.fixture
def dead_till(tmp_path, simulator, fleet):
    """Till A of the same store left a void pending, shipped it, and died."""
    home = tmp_path / "till-a"
    home.mkdir()
    (home / "config.toml").write_text(fleet_config(fleet.url, "till-a"))
    app = App.open(AppOptions(base_url=simulator.base_url), clock=FakeClock(datetime.now(UTC)),
                   environ={"POSREV_HOME": str(home), "POSREV_APP_CODE": DEMO_APP_CODE,
                            "POSREV_CLIENT_KEY": DEMO_CLIENT_KEY})
    order = simulator.create_order(respcd="1143", txamt=2500)
    simulator.set_scenario(order["syssn"], in_progress_polls=2)
    stop = threading.Event()
    found = app.lookup(order["syssn"], "syssn")
    op = app.void(found.transaction, cashier="C009", cancel=stop,
                  on_progress=lambda p: stop.set() if p.state == "pending" else None)
    assert op.outcome == "pending"
    app.fleet().sync()
    app.close()
    fleet.admin("UPDATE terminals SET last_seen = clock_timestamp() - interval '1 hour' "
                "WHERE udid = 'till-a'")
    return order, op


@pytest.fixture
def fleet_window(open_window, simulator, credentials, gui_home, fleet):
    from pathlib import Path

    Path(gui_home).mkdir(parents=True, exist_ok=True)
    (Path(gui_home) / "config.toml").write_text(fleet_config(fleet.url, "till-b"))
    window = open_window("--base-url", simulator.base_url, "--cashier", CASHIER)
    window.app.supervisors.add_first(SUPERVISOR, "Sam Supervisor", SUPERVISOR_PIN)
    return window


def test_no_fleet_button_without_a_fleet_database(window):
    assert window.findChild(QPushButton, "fleetButton") is None


def test_the_backlog_is_shown_and_shipped(qtbot, fleet_window, fleet):
    window = fleet_window
    status = child(window, "fleetStatusLabel", QLabel)
    qtbot.waitUntil(lambda: status.text() == "Fleet: everything is shipped.", timeout=20_000)
    shipped = fleet.admin("SELECT count(*) FROM events WHERE udid = 'till-b'")[0][0]
    assert shipped == len(window.app.journal.events())


def test_the_backlog_and_the_trouble_are_said_when_the_database_is_down(
        qtbot, fleet_window, fleet):
    status = child(fleet_window, "fleetStatusLabel", QLabel)
    qtbot.waitUntil(lambda: status.text() == "Fleet: everything is shipped.", timeout=20_000)
    fleet.server.stop()
    try:
        fleet_window.app.journal.audit("test.event")
        qtbot.waitUntil(lambda: "shipping them fails" in status.text(), timeout=30_000)
        assert "cannot be reached" in status.toolTip() or "was lost" in status.toolTip()
        assert status.text().startswith("Fleet: 1 events waiting;")
        assert "Voids are not affected." in status.text()
    finally:
        fleet.server.start()
    qtbot.waitUntil(lambda: status.text() == "Fleet: everything is shipped.", timeout=60_000)


def test_a_supervisor_sees_the_chain_filters_it_and_takes_over_a_dead_tills_void(
        qtbot, fleet_window, dead_till, simulator):
    order, op = dead_till
    window = fleet_window
    # This terminal (till-b) has shipped, so it is one of the chain's terminals to filter by.
    status = child(window, "fleetStatusLabel", QLabel)
    qtbot.waitUntil(lambda: status.text() == "Fleet: everything is shipped.", timeout=20_000)
    click(qtbot, child(window, "fleetButton", QPushButton))
    approve(qtbot, window, SUPERVISOR, SUPERVISOR_PIN, reason="Reconciliation")
    qtbot.waitUntil(lambda: window.findChild(QWidget, "fleetWindow") is not None
                    and window.findChild(QWidget, "fleetWindow").isVisible())
    fw = window.findChild(QWidget, "fleetWindow")
    report = child(fw, "fleetReportTable", QTableWidget)
    qtbot.waitUntil(lambda: report.rowCount() >= 1, timeout=10_000)
    texts = [report.item(r, c).text() for r in range(report.rowCount()) for c in range(9)]
    assert order["syssn"] in texts and "till-a" in texts and "C009" in texts

    terminals = child(fw, "fleetTerminalFilter")
    qtbot.waitUntil(lambda: terminals.findData("till-b") >= 0, timeout=10_000)
    index = terminals.findData("till-b")
    terminals.setCurrentIndex(index)
    terminals.activated.emit(index)
    qtbot.waitUntil(lambda: report.rowCount() == 0, timeout=10_000)
    terminals.setCurrentIndex(0)
    terminals.activated.emit(0)
    qtbot.waitUntil(lambda: report.rowCount() >= 1, timeout=10_000)

    child(fw, "fleetTabs").setCurrentIndex(1)
    pending = child(fw, "fleetPendingTable", QTableWidget)
    qtbot.waitUntil(lambda: pending.rowCount() == 1, timeout=10_000)
    take = child(fw, "fleetTakeOverButton", QPushButton)
    assert not take.isEnabled()
    pending.selectRow(0)
    qtbot.waitUntil(take.isEnabled)
    click(qtbot, take)
    approve(qtbot, window, SUPERVISOR, SUPERVISOR_PIN, reason="Till A is dead")
    status = child(fw, "fleetWindowStatus", QLabel)
    qtbot.waitUntil(lambda: status.text().startswith("Taken over:"), timeout=60_000)
    assert status.text().splitlines()[0] == "Taken over: Voided"
    assert simulator.voids_applied(order["syssn"]) == 1
    mine = window.app.journal.get(op.op_id)
    assert mine.state == "voided" and window.app.journal.events(op.op_id)[0]["kind"] == \
        "fleet.taken_over"


def test_reopening_the_core_keeps_one_fleet_status_and_button(qtbot, fleet_window):
    """Saving settings or finishing setup re-opens the core; the fleet's status and button
    are replaced, not added again beside the old ones (whose timer watched the old core)."""
    window = fleet_window
    qtbot.waitUntil(lambda: len(window.findChildren(QPushButton, "fleetButton")) == 1)
    old = window.app
    window.session.reopen()
    qtbot.waitUntil(lambda: window.app is not None and window.app is not old, timeout=20_000)
    qtbot.waitUntil(lambda: len(window.findChildren(QPushButton, "fleetButton")) == 1
                    and len(window.findChildren(QLabel, "fleetStatusLabel")) == 1,
                    timeout=5_000)
