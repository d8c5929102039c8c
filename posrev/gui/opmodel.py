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

from posrev.domain.operation import Operation
from posrev.gui import texts
from posrev.gui.qt import QAbstractTableModel, QModelIndex, QObject, Qt, Signal, translate
from posrev.gui.tasks import TaskManager

PAGE = 200

COLUMNS = ("created_at", "amount", "orig_syssn", "out_trade_no", "action", "state", "cashier",
           "approver", "sends", "void_syssn")
# Fixed widths (px): measuring contents would read every row of a 100 000-row journal.
WIDTHS = {"created_at": 170, "amount": 120, "orig_syssn": 210, "out_trade_no": 170,
          "action": 110, "state": 280, "cashier": 90, "approver": 90, "sends": 60,
          "void_syssn": 240}


def column_title(name: str) -> str:
    return {
        "created_at": translate("Operations", "Started"),
        "amount": translate("Operations", "Amount"),
        "orig_syssn": translate("Operations", "QFPay number"),
        "out_trade_no": translate("Operations", "Order number"),
        "action": translate("Operations", "Action"),
        "state": translate("Operations", "State"),
        "cashier": translate("Operations", "Cashier"),
        "approver": translate("Operations", "Approver"),
        "sends": translate("Operations", "Sends"),
        "void_syssn": translate("Operations", "Void number"),
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
            return column_title(COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        op = self._rows[index.row()]
        name = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return op.message or None
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

    def _local(self, moment: datetime | None) -> str:
        return moment.astimezone(self._zone).strftime("%Y-%m-%d %H:%M:%S %Z") if moment else ""

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(COLUMNS) - 1))
