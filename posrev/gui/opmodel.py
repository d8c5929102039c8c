"""A table model of journaled operations, shared by the pending list and the journal view.

The journal view loads it lazily: Qt asks ``canFetchMore``/``fetchMore`` as the user scrolls,
and each page is read on a worker (``TaskManager``), so 100 000 operations open at once and
scroll without a stall.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from posrev.gui import texts
from posrev.gui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QBrush,
    QColor,
    QHeaderView,
    QModelIndex,
    QObject,
    Qt,
    QTableView,
    Signal,
    translate,
)
from posrev.gui.style import MIN_TARGET
from posrev.gui.tasks import TaskManager
from posrev.model.operation import Operation

PAGE = 200

# What fits a 1024 × 768 screen without scrolling sideways; the approver, void number and
# sends are in the operation's details (double-click a row).
COLUMNS = ("created_at", "amount", "orig_syssn", "out_trade_no", "action", "cashier", "state")
# Widths come from the font (``column_widths``), never from the rows: measuring contents
# would read every row of a 100 000-row journal. The state column takes what is left.
SAMPLES = {"created_at": "2026-12-31 23:59:59", "amount": "HKD 99,999.99",
           "orig_syssn": "20261231235959123456", "out_trade_no": "ORDER-123456789",
           "action": "Reversal", "cashier": "C0001", "state": "Needs a supervisor"}
MAX_WIDTH = {"out_trade_no": 170}

# State cell colours (background, text): green only for voided (done), red for failed,
# pink for a refund to make, amber for a supervisor to act, yellow while still checking.
STATE_COLOURS = {
    "voided": ("#e8f5e9", "#1b5e20"),
    "failed": ("#fbe9e7", "#8e1f0b"),
    "refund_required": ("#fce4ec", "#880e4f"),
    "needs_manual": ("#fff3e0", "#7a4f00"),
}
LIVE_COLOURS = ("#fffde7", "#5d4300")


def state_colours(state: str) -> tuple[str, str]:
    return STATE_COLOURS.get(state, LIVE_COLOURS)


def column_widths(metrics: Any) -> dict[str, int]:
    """Each column's width: its longest sample or title in ``metrics`` (a QFontMetrics),
    plus padding."""
    widths = {}
    for name in COLUMNS:
        texts_ = [column_title(name), SAMPLES[name]]
        if name == "action":
            texts_ += [translate("Action", t) for t in texts.ACTIONS.values()]
        width = max(metrics.horizontalAdvance(t) for t in texts_) + 24
        widths[name] = min(width, MAX_WIDTH.get(name, width))
    return widths


def column_title(name: str) -> str:
    return {
        "created_at": translate("Operations", "Started"),
        "amount": translate("Operations", "Amount"),
        "orig_syssn": translate("Operations", "QFPay number"),
        "out_trade_no": translate("Operations", "Order number"),
        "action": translate("Operations", "Action"),
        "state": translate("Operations", "State"),
        "cashier": translate("Operations", "Cashier"),
    }[name]


class OperationModel(QAbstractTableModel):
    """Rows of :class:`Operation`; either set whole (``set_operations``) or paged in
    (``start_query`` with a page loader)."""

    loaded = Signal(int, int)  # rows loaded, total rows

    def __init__(self, tasks: TaskManager, tz: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._zone = ZoneInfo(tz)
        self._rows: list[Operation] = []
        self._total = 0
        self._loading = False
        self._generation = 0
        self.error = ""
        self._page: Callable[[int, int], list[Operation]] | None = None

    # -- filling ------------------------------------------------------------------------------
    def set_operations(self, ops: list[Operation]) -> None:
        self.beginResetModel()
        self._rows = list(ops)
        self._total = len(ops)
        self._page = None
        self.endResetModel()
        self.loaded.emit(len(self._rows), self._total)

    def start_query(self, count: Callable[[], int],
                    page: Callable[[int, int], list[Operation]]) -> None:
        """Count, then load the first page, on a worker; later pages as the view scrolls."""
        self._generation += 1
        generation = self._generation
        self.error = ""
        self.beginResetModel()
        self._rows, self._total, self._page, self._loading = [], 0, page, True
        self.endResetModel()

        def first(_task: Any) -> tuple[int, list[Operation]]:
            return count(), page(0, PAGE)

        self._tasks.run(first, on_success=lambda r: self._first_page(generation, *r),
                        on_failure=lambda exc: self._failed(generation, exc), name="journal")

    def _first_page(self, generation: int, total: int, rows: list[Operation]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.beginResetModel()
        self._total = max(total, len(rows))
        self._rows = rows
        self.endResetModel()
        self.loaded.emit(len(self._rows), self._total)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            self.error = str(exc)
            self.loaded.emit(len(self._rows), self._total)

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return (not parent.isValid() and self._page is not None and not self._loading
                and len(self._rows) < self._total)

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: N802, B008
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation, offset, page = self._generation, len(self._rows), self._page
        assert page is not None
        self._tasks.run(lambda _t: page(offset, PAGE),
                        on_success=lambda rows: self._more(generation, offset, rows),
                        on_failure=lambda exc: self._failed(generation, exc), name="journal")

    def _more(self, generation: int, offset: int, rows: list[Operation]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._loading = False
        if not rows:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self.loaded.emit(len(self._rows), self._total)

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def total(self) -> int:
        return self._total

    # -- reading ------------------------------------------------------------------------------
    def operation(self, row: int) -> Operation | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def replace(self, op: Operation) -> bool:
        for row, old in enumerate(self._rows):
            if old.op_id == op.op_id:
                self._rows[row] = op
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return True
        return False

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            title = column_title(COLUMNS[section])
            if COLUMNS[section] == "created_at":  # the zone once, in the title
                title += f" ({self._zone_name()})"
            return title
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        op = self._rows[index.row()]
        name = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            if name != "state":
                return None
            background, text = state_colours(op.state)
            return QBrush(QColor(background if role == Qt.ItemDataRole.BackgroundRole
                                 else text))
        if role == Qt.ItemDataRole.ToolTipRole:
            if name == "state":
                return texts.state_words(op.state)
            return texts.core_message(op) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if name == "created_at":
            return self._local(op.created_at)
        if name == "amount":
            return texts.amount(op.txamt, op.txcurrcd)
        if name == "action":
            return translate("Action", texts.ACTIONS.get(op.action, op.action))
        if name == "state":
            return texts.state_words(op.state)
        value = getattr(op, name)
        return str(value) if value not in (None, "") else ""

    def _zone_name(self) -> str:
        return datetime.now(self._zone).strftime("%Z")

    def _local(self, moment: datetime | None) -> str:
        """Local time; its zone is in the column title, and repeated here only when it
        differs (a row from the other side of a daylight-saving change)."""
        if moment is None:
            return ""
        local = moment.astimezone(self._zone)
        zone = local.strftime("%Z")
        text = local.strftime("%Y-%m-%d %H:%M:%S")
        return text if zone == self._zone_name() else f"{text} {zone}"

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(COLUMNS) - 1))


def operation_table(name: str, tasks: TaskManager, tz: str,
                    parent: QObject) -> tuple[OperationModel, QTableView]:
    """A table of operations (named ``name``) over its own lazily loaded model."""
    model = OperationModel(tasks, tz, parent)
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    setup_table(table)
    return model, table


def setup_table(table: QTableView) -> None:
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    # Fixed row heights: Qt never measures 100 000 rows.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(MIN_TARGET)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.setWordWrap(False)
    size_columns(table)


def size_columns(table: QTableView) -> None:
    """Column widths from the font (again after a language change)."""
    widths = column_widths(table.fontMetrics())
    for column, name in enumerate(COLUMNS[:-1]):  # the last one stretches
        table.setColumnWidth(column, widths[name])
