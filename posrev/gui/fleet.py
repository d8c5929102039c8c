"""The fleet in the window (posrev/fleet): the shipping backlog next to the navigation
buttons, and the supervisor-only Fleet window — every void and refund across the chain and
what is still open, filterable by store and terminal, with take-over of a dead till's live
operation. Shown only when ``[fleet] database_url`` is set. All database work runs on the
window's task executor; nothing here is on a void's path."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from posrev.gui import texts
from posrev.gui.parts import label
from posrev.gui.qt import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    translate,
)
from posrev.gui.style import STYLESHEET
from posrev.model.approval import Action

if TYPE_CHECKING:
    from posrev.gui.session import Session

STATUS_MS = 5000
REPORT_DAYS = 7
VIEW_ACTION = Action.FLEET_VIEW
TAKEOVER_ACTION = Action.FLEET_TAKEOVER
COLUMNS = ("created_at", "store_id", "terminal", "outcome", "action", "amount", "orig_syssn",
           "cashier", "approver")


class FleetHook:
    """What the main window gets when the terminal belongs to a fleet: a status label and
    a button, which the window places in its navigation row."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.button = QPushButton()
        self.button.setObjectName("fleetButton")
        self.button.clicked.connect(self.open)
        self.status = QLabel()
        self.status.setObjectName("fleetStatusLabel")
        self.timer = QTimer(session)
        self.timer.setInterval(STATUS_MS)
        self.timer.timeout.connect(self.update_status)
        self._busy = False
        self.last_status: Any = None
        self.retranslate()

    def dispose(self) -> None:
        """The core it watched is gone (re-opened): stop, and take its widgets away."""
        self.timer.stop()
        for widget in (self.status, self.button):
            widget.hide()
            widget.deleteLater()

    def start(self) -> None:
        app = self.session.core

        def work(_task: Any) -> Any:
            link = app.fleet()  # reads the keyring: off the GUI thread
            if link is not None:
                link.on_handed_over = lambda op: None  # the journal's own signal refreshes
                link.start()
            return link

        self.session.tasks.run(work, on_success=lambda _link: self.update_status(),
                               on_failure=self._failed, name="fleet-start")
        self.timer.start()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(translate("FleetHook", "Fleet: %1").replace("%1", str(exc)))

    def retranslate(self) -> None:
        self.button.setText(translate("FleetHook", "Fleet"))
        if self.last_status is not None:
            self._show(self.last_status)

    def _shut(self) -> bool:
        """The window was shut down (its workers stopped): the timer stops too."""
        if self.session.closed or self.session.tasks.closed:
            self.timer.stop()
            return True
        return False

    def update_status(self) -> None:
        app = self.session.app
        if self._shut() or self._busy or app is None or app.fleet_link is None:
            return
        self._busy = True

        def done(status: Any) -> None:
            self._busy = False
            self._show(status)

        def failed(exc: BaseException) -> None:
            self._busy = False
            self._failed(exc)

        link = app.fleet_link
        self.session.tasks.run(lambda _t: link.status(), on_success=done, on_failure=failed,
                               name="fleet-status")

    def _show(self, status: Any) -> None:
        self.last_status = status
        self.status.setToolTip("")
        if status.backlog == 0 and status.ok:
            text = translate("FleetHook", "Fleet: everything is shipped.")
        elif status.ok:
            text = translate("FleetHook", "Fleet: %1 events waiting to be shipped.") \
                .replace("%1", str(status.backlog))
        else:
            text = translate("FleetHook", "Fleet: %1 events waiting; shipping them fails and "
                                          "is retried (the reason is in the tooltip). Voids "
                                          "are not affected.") \
                .replace("%1", str(status.backlog))
            self.status.setToolTip(status.last_error)
        self.status.setText(text)

    def open(self) -> None:
        session = self.session
        app = session.app
        if app is None:
            return
        requester = session.requester
        store = app.settings.store_id or "-"

        def approve(sup_id: str, pin: str, reason: str) -> Any:
            return app.approve(VIEW_ACTION, store, sup_id, pin, requester=requester,
                               reason=reason)

        def approved(approval: Any) -> None:
            def consume(_t: Any) -> Any:
                return app.open_fleet_view(approval, requester=requester)

            session.tasks.run(consume, on_success=lambda a: session.show_window(
                "fleet", lambda: FleetWindow(session, a.supervisor_id)),
                on_failure=session.show_error, name="fleet-open")

        session.ask_supervisor(translate("FleetHook", "Open the Fleet window (every terminal "
                                                   "of the chain)."), approve, approved)


def attach_fleet(session: Session) -> FleetHook | None:
    app = session.app
    if app is None or not app.settings.database_url:
        return None
    hook = FleetHook(session)
    hook.start()
    return hook


class FleetWindow(QWidget):
    def __init__(self, session: Session, supervisor: str) -> None:
        super().__init__(session.window, Qt.WindowType.Window)
        self.setObjectName("fleetWindow")
        self.session = session
        self.app = session.core
        self.supervisor = supervisor
        self.setStyleSheet(STYLESHEET)
        self._pending_rows: list[dict[str, Any]] = []
        self._note = ""  # the last take-over's result, kept above the counts
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.store_label = QLabel()
        self.store_filter = QComboBox()
        self.store_filter.setObjectName("fleetStoreFilter")
        self.terminal_label = QLabel()
        self.terminal_filter = QComboBox()
        self.terminal_filter.setObjectName("fleetTerminalFilter")
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("fleetRefreshButton")
        for w in (self.store_label, self.store_filter, self.terminal_label,
                  self.terminal_filter):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)
        layout.addLayout(filters)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("fleetTabs")
        self.report_table = self._table("fleetReportTable")
        self.pending_table = self._table("fleetPendingTable")
        self.tabs.addTab(self.report_table, "")
        self.tabs.addTab(self.pending_table, "")
        layout.addWidget(self.tabs, 1)
        self.status = label("fleetWindowStatus")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.takeover_button = QPushButton()
        self.takeover_button.setObjectName("fleetTakeOverButton")
        self.takeover_button.setEnabled(False)
        self.close_button = QPushButton()
        self.close_button.setObjectName("fleetCloseButton")
        row.addWidget(self.takeover_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.refresh_button.clicked.connect(self.refresh)
        self.store_filter.activated.connect(lambda _i: self.refresh())
        self.terminal_filter.activated.connect(lambda _i: self.refresh())
        self.takeover_button.clicked.connect(self.take_over)
        self.close_button.clicked.connect(self.close)
        self.pending_table.itemSelectionChanged.connect(self._update_buttons)
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        session.place_window(self)
        self.retranslate()

    @staticmethod
    def _table(name: str) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS))
        table.setObjectName(name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fleet"))
        self.store_label.setText(self.tr("Store:"))
        self.terminal_label.setText(self.tr("Terminal:"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.tabs.setTabText(0, self.tr("Voids and refunds (last %1 days)")
                             .replace("%1", str(REPORT_DAYS)))
        self.tabs.setTabText(1, self.tr("Open across the chain"))
        self.takeover_button.setText(self.tr("Take over on this terminal"))
        self.close_button.setText(self.tr("Close"))
        headers = [self.tr("Created"), self.tr("Store"), self.tr("Terminal"),
                   self.tr("Outcome"), self.tr("Action"), self.tr("Amount"),
                   self.tr("QFPay number"), self.tr("Cashier"), self.tr("Approver")]
        for table in (self.report_table, self.pending_table):
            table.setHorizontalHeaderLabels(headers)

    # -- loading --------------------------------------------------------------------------
    def _filter(self, combo: QComboBox) -> str | None:
        value = combo.currentData()
        return value or None

    def refresh(self) -> None:
        app = self.app
        link = app.fleet_link
        if link is None:
            self.status.setText(self.tr("The fleet database is not configured."))
            return
        store, terminal = self._filter(self.store_filter), self._filter(self.terminal_filter)
        self.status.setText("\n".join(filter(None, [self._note, self.tr("Loading…")])))
        self.refresh_button.setEnabled(False)

        def work(_task: Any) -> dict[str, Any]:
            from posrev.fleet import views
            from posrev.fleet.settings import connect

            conn = connect(link.config)
            try:
                since = datetime.now(UTC) - timedelta(days=REPORT_DAYS)
                return {"stores": views.stores(conn),
                        "terminals": views.terminals(conn, store),
                        "report": views.report(conn, since=since, store=store,
                                               terminal=terminal, limit=2000),
                        "pending": views.pending(conn, store=store, terminal=terminal)}
            finally:
                conn.close()

        self.session.tasks.run(work, on_success=self._loaded, on_failure=self._failed,
                               name="fleet-refresh")

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(str(exc))

    def _loaded(self, data: dict[str, Any]) -> None:
        self.refresh_button.setEnabled(True)
        self._fill_combo(self.store_filter, self.tr("All stores"), data["stores"])
        self._fill_combo(self.terminal_filter, self.tr("All terminals"),
                         [t["udid"] for t in data["terminals"]])
        self._fill(self.report_table, data["report"])
        self._pending_rows = data["pending"]
        self._fill(self.pending_table, data["pending"])
        counts = self.tr("%1 operations in the last %2 days; %3 open.") \
            .replace("%1", str(len(data["report"]))).replace("%2", str(REPORT_DAYS)) \
            .replace("%3", str(len(data["pending"])))
        self.status.setText(f"{self._note}\n{counts}" if self._note else counts)
        self._update_buttons()

    @staticmethod
    def _fill_combo(combo: QComboBox, everything: str, values: list[str]) -> None:
        current = combo.currentData()
        combo.clear()
        combo.addItem(everything, "")
        for v in values:
            combo.addItem(v, v)
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(0, index))

    def _fill(self, table: QTableWidget, rows: list[dict[str, Any]]) -> None:
        tz = self.app.settings.timezone
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            from zoneinfo import ZoneInfo

            values = [row["created_at"].astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M"),
                      row["store_id"], row["terminal"],
                      translate("Outcome", texts.OUTCOMES.get(row["outcome"], row["outcome"])),
                      row["action"], texts.amount(row["txamt"], row["txcurrcd"]),
                      row["orig_syssn"], row["cashier"], row["approver"]]
            for c, value in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(str(value)))
        table.resizeColumnsToContents()

    # -- take-over ------------------------------------------------------------------------
    def _selected_pending(self) -> dict[str, Any] | None:
        rows = self.pending_table.selectionModel().selectedRows() \
            if self.pending_table.selectionModel() else []
        if not rows or self.tabs.currentIndex() != 1:
            return None
        index = rows[0].row()
        return self._pending_rows[index] if index < len(self._pending_rows) else None

    def _update_buttons(self) -> None:
        row = self._selected_pending()
        link = self.app.fleet_link
        self.takeover_button.setEnabled(
            row is not None and link is not None and row["store_id"] == link.config.store_id
            and row["terminal"] != link.config.udid and row["outcome"] != "needs_manual")

    def take_over(self) -> None:
        row = self._selected_pending()
        if row is None:
            return
        session, app = self.session, self.app
        requester = session.requester
        op_id = row["op_id"]

        def approve(sup_id: str, pin: str, reason: str) -> Any:
            return app.approve(TAKEOVER_ACTION, op_id, sup_id, pin, requester=requester,
                               reason=reason)

        def approved(approval: Any) -> None:
            def work(_t: Any) -> Any:
                op = app.take_over(op_id, approval, requester=requester)
                return app.recheck(op.op_id)  # an enquiry first, then the usual schedule

            self.status.setText(self.tr("Taking it over and checking the payment…"))
            session.tasks.run(work, on_success=self._taken, on_failure=self._failed,
                              name="fleet-takeover")

        summary = self.tr("Take over the void of %1 (%2) from terminal %3 on this terminal.") \
            .replace("%1", row["orig_syssn"]) \
            .replace("%2", texts.amount(row["txamt"], row["txcurrcd"])) \
            .replace("%3", row["terminal"])
        session.ask_supervisor(summary, approve, approved, parent=self)

    def _taken(self, op: Any) -> None:
        self._note = self.tr("Taken over: %1").replace(
            "%1", translate("State", texts.STATES.get(op.state, op.state)))
        self.status.setText(self._note)
        self.refresh()  # the pending count follows the core's change event
