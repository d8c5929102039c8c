"""The journal view: past operations with search, date and outcome filters, and CSV export.

Model/view with lazy paging (``OperationModel``): the count and each page of 200 rows are read
on a worker, so the view opens at once and stays smooth over 100 000 operations.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from posrev.gui import texts
from posrev.gui.child_window import ChildWindow
from posrev.gui.opmodel import operation_table, size_columns
from posrev.gui.parts import label
from posrev.gui.qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QTimer,
    QVBoxLayout,
    QWidget,
    translate,
)

if TYPE_CHECKING:
    from posrev.gui.session import Session
    from posrev.model.operation import Operation

FILTER_DELAY_MS = 300  # typing in the search box re-queries once the typing pauses


class JournalWindow(ChildWindow):
    def __init__(self, session: Session) -> None:
        super().__init__(session, "journalWindow")
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("journalSearch")
        self.search.setClearButtonEnabled(True)
        filters.addWidget(self.search, 2)
        self.since_check = QCheckBox()
        self.since_check.setObjectName("journalSinceCheck")
        filters.addWidget(self.since_check)
        self.since = QDateEdit(QDate.currentDate())
        self.since.setObjectName("journalSince")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setEnabled(False)
        filters.addWidget(self.since)
        self.outcome = QComboBox()
        self.outcome.setObjectName("journalOutcome")
        self.outcome.addItem("", "")
        for code in texts.OUTCOMES:
            self.outcome.addItem("", code)
        filters.addWidget(self.outcome, 1)
        self.export_button = QPushButton()
        self.export_button.setObjectName("journalExportButton")
        self.export_button.setAutoDefault(True)
        filters.addWidget(self.export_button)
        layout.addLayout(filters)
        self.model, self.table = operation_table("journalTable", session.tasks,
                                                 self.app.settings.timezone, self)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.count_label = label("journalCountLabel")
        bottom.addWidget(self.count_label, 1)
        self.details_button = QPushButton()
        self.details_button.setObjectName("detailsButton")
        self.details_button.setEnabled(False)
        bottom.addWidget(self.details_button)
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeButton")
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

        self._requery = QTimer(self)
        self._requery.setSingleShot(True)
        self._requery.setInterval(FILTER_DELAY_MS)
        self._requery.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_changed)
        self.since_check.toggled.connect(self.since.setEnabled)
        self.since_check.toggled.connect(self.refresh)
        self.since.dateChanged.connect(self._since_changed)
        self.outcome.currentIndexChanged.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.close)
        self.model.loaded.connect(self._render_count)
        self.table.doubleClicked.connect(self.show_details)
        self.details_button.clicked.connect(self.show_details)
        # Bound methods, not lambdas capturing self: a lambda makes a cycle the garbage
        # collector may break on a worker thread, destroying widgets there (a crash).
        self.table.selectionModel().selectionChanged.connect(self._update_details_button)
        self.model.modelReset.connect(self._update_details_button)
        self._export_note = ""
        self.ready()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Journal"))
        self.search.setPlaceholderText(self.tr("Search: QFPay number, order number, void "
                                               "number or cashier"))
        self.since_check.setText(self.tr("From"))
        self.outcome.setItemText(0, self.tr("All outcomes"))
        for i, code in enumerate(texts.OUTCOMES, 1):
            self.outcome.setItemText(i, translate("Outcome", texts.OUTCOMES[code]))
        self.export_button.setText(self.tr("&Export CSV…"))
        self.details_button.setText(self.tr("&Details…"))
        self.close_button.setText(self.tr("Close"))
        self.model.retranslate()
        size_columns(self.table)
        self._render_count()

    def count_words(self, count: int) -> str:
        """"1 operation", "2 operations" (Chinese has one form for both)."""
        if count == 1:
            return self.tr("1 operation")
        return self.tr("%1 operations").replace("%1", f"{count:,}")

    def selected(self) -> Operation | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.operation(rows[0].row()) if rows else None

    def show_details(self, *_: Any) -> None:
        op = self.selected()
        if op is not None:
            show_details(self.session, op, parent=self)

    def _update_details_button(self, *_: Any) -> None:
        self.details_button.setEnabled(self.selected() is not None)

    def _search_changed(self) -> None:
        self._requery.start()  # once the typing pauses

    def _since_changed(self) -> None:
        if self.since_check.isChecked():
            self.refresh()

    def filters(self) -> dict[str, Any]:
        since = None
        if self.since_check.isChecked():
            day = self.since.date()
            since = datetime(day.year(), day.month(), day.day(),
                             tzinfo=ZoneInfo(self.app.settings.timezone))
        return {"search": self.search.text().strip() or None, "since": since,
                "outcome": self.outcome.currentData() or None}

    def refresh(self) -> None:
        app, filters = self.app, self.filters()
        self.model.start_query(lambda: app.count_operations(**filters),
                               lambda offset, limit: app.operations(offset, limit, **filters))
        self._render_count()

    def _render_count(self) -> None:
        if self.model.error:
            text = self.tr("The journal could not be read: %1").replace("%1", self.model.error)
        elif self.model.loading and not self.model.rowCount():
            text = self.tr("Loading…")
        else:
            text = self.count_words(self.model.total)
        if self._export_note:
            text += "   ·   " + self._export_note
        self.count_label.setText(text)

    def export(self) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        path = self.session.dialogs.choose_save_file(self, self.tr("Export the journal"),
                                                  f"posrev-journal-{stamp}.csv",
                                                  self.tr("CSV files (*.csv)"))
        if not path:
            return
        app, filters = self.app, self.filters()
        self.export_button.setEnabled(False)
        self._export_note = self.tr("Exporting…")
        self._render_count()
        self.session.tasks.run(lambda _t: app.export_csv(path, **filters),
                            on_success=lambda n: self._exported(path, n),
                            on_failure=self._export_failed, name="export")

    def _exported(self, path: str, count: int) -> None:
        self.export_button.setEnabled(True)
        if count == 1:
            self._export_note = self.tr("Exported 1 operation to %1").replace("%1", path)
        else:
            self._export_note = self.tr("Exported %1 operations to %2") \
                .replace("%1", f"{count:,}").replace("%2", path)
        self._render_count()

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self._export_note = self.tr("Export failed: %1").replace("%1", str(exc))
        self._render_count()


# Keys whose values are never shown, whatever a future gateway answer holds.
SECRET_KEYS = ("sign", "key", "pin", "app_code", "appcode", "secret", "password", "token")


def _redacted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: ("•••" if any(s in str(k).lower() for s in SECRET_KEYS) else _redacted(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    return value


def details_text(op: Operation, events: list[dict[str, Any]], tz: str) -> str:
    """The operation's record for a supervisor or IT: the fields, then every event of it in
    order (state changes, each request with its answer, approvals). No secret is in the
    journal; keys that look like one are masked anyway."""
    import json

    zone = ZoneInfo(tz)

    def local(moment: Any) -> str:
        if isinstance(moment, str):
            try:
                moment = datetime.fromisoformat(moment.replace("Z", "+00:00"))
            except ValueError:
                return moment
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S %Z") if moment else "—"

    fields = [
        (translate("Details", "Amount"), texts.amount(op.txamt, op.txcurrcd)),
        (translate("Details", "State"), texts.state_words(op.state)),
        (translate("Details", "Action"), translate("Action", texts.ACTIONS.get(op.action,
                                                                               op.action))),
        (translate("Details", "QFPay number"), op.orig_syssn),
        (translate("Details", "Order number"), op.out_trade_no or "—"),
    ]
    if op.kind == "refund":  # the refund's own numbers, and what was paid
        fields += [(translate("Details", "Refund number"), op.void_syssn or "—"),
                   (translate("Details", "Refund order number"), op.refund_out_trade_no),
                   (translate("Details", "Amount paid"), texts.amount(op.orig_txamt,
                                                                      op.txcurrcd))]
    else:
        fields.append((translate("Details", "Void number"), op.void_syssn or "—"))
    fields += [
        (translate("Details", "Cashier"), op.cashier or "—"),
        (translate("Details", "Approved by"), op.approver or "—"),
        (translate("Details", "Approval reason"),
         translate("Reasons", op.reason) if op.reason else "—"),
        (translate("Details", "Sends"), str(op.sends)),
        (translate("Details", "Gateway code"), op.respcd or "—"),
        (translate("Details", "Terminal"), op.udid),
        (translate("Details", "Started"), local(op.created_at)),
        (translate("Details", "Last update"), local(op.updated_at)),
        (translate("Details", "Operation"), op.op_id),
    ]
    import html

    def esc(value: object) -> str:
        return html.escape(str(value))

    rows = "".join(f"<tr><td style='color:#455a64; padding-right:16px'>{esc(k)}</td>"
                   f"<td><b>{esc(v)}</b></td></tr>" for k, v in fields)
    # (translate() outside the f-strings: Qt's lupdate does not look inside them)
    heading = translate("Details", "Events (requests, answers, approvals)")
    parts = [f"<table cellspacing='0' cellpadding='2'>{rows}</table>",
             f"<h4>{esc(heading)}</h4>"]
    if not events:
        none = translate("Details", "No event is recorded.")
        parts.append(f"<p>{esc(none)}</p>")
    for event in events:
        head = "  ".join(x for x in (local(event.get("at")), str(event.get("kind", "")),
                                     str(event.get("actor") or ""),
                                     str(event.get("result") or "")) if x)
        parts.append(f"<p style='margin:6px 0 0 0'><b>{esc(head)}</b></p>")
        detail = _redacted(event.get("detail") or {})
        if detail:
            parts.append("<p style='margin:0 0 0 16px; font-family:monospace'>"
                         + esc(json.dumps(detail, ensure_ascii=False, sort_keys=True,
                                          default=str)) + "</p>")
    return "<html><body>" + "".join(parts) + "</body></html>"


class OperationDetailsDialog(QDialog):
    def __init__(self, parent: QWidget, op: Operation) -> None:
        super().__init__(parent)
        self.setObjectName("operationDetailsDialog")
        self.setWindowTitle(self.tr("Operation %1").replace("%1", op.orig_syssn))
        layout = QVBoxLayout(self)
        self.text = QTextEdit()
        self.text.setObjectName("operationDetailsText")
        self.text.setReadOnly(True)
        self.text.setPlainText(self.tr("Loading…"))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox()
        close = QPushButton(self.tr("Close"))
        close.setObjectName("closeButton")
        close.setDefault(True)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 600)

    def show_text(self, text: str) -> None:
        try:
            if text.startswith("<html>"):
                self.text.setHtml(text)
            else:
                self.text.setPlainText(text)
        except RuntimeError:  # closed before the journal answered
            pass


def show_details(session: Session, op: Operation, parent: QWidget) -> None:
    dialog = OperationDetailsDialog(parent, op)
    app = session.core
    tz = app.settings.timezone
    session.tasks.run(lambda _t: details_text(op, app.operation_history(op), tz),
                   on_success=dialog.show_text,
                   on_failure=lambda exc: dialog.show_text(str(exc)), name="details")
    session.dialogs.open(dialog)
