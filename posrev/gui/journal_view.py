"""The journal view: past operations with search, date and outcome filters, and CSV export.

Model/view with lazy paging (``OperationModel``): the count and each page of 200 rows are read
on a worker, so the view opens at once and stays smooth over 100 000 operations.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from posrev.gui import texts
from posrev.gui.opmodel import OperationModel
from posrev.gui.pending import setup_table
from posrev.gui.qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPushButton,
    QShortcut,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    translate,
)
from posrev.gui.style import STYLESHEET

if TYPE_CHECKING:
    from posrev.gui.main_window import MainWindow

FILTER_DELAY_MS = 300  # typing in the search box re-queries once the typing pauses


class JournalWindow(QWidget):
    def __init__(self, main: MainWindow) -> None:
        super().__init__(main, Qt.WindowType.Window)
        self.setObjectName("journalWindow")
        self.main = main
        self.app = main.app
        self.setStyleSheet(STYLESHEET)
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
        self.model = OperationModel(main.tasks, self.app.settings.timezone, self)
        self.table = QTableView()
        self.table.setObjectName("journalTable")
        self.table.setModel(self.model)
        setup_table(self.table)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("journalCountLabel")
        self.count_label.setWordWrap(True)
        bottom.addWidget(self.count_label, 1)
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
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)
        self._export_note = ""
        self.resize(1100, 620)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Journal"))
        self.search.setPlaceholderText(self.tr("Search: QFPay number, order number, void "
                                               "number or cashier"))
        self.since_check.setText(self.tr("From"))
        self.outcome.setItemText(0, self.tr("All outcomes"))
        for i, code in enumerate(texts.OUTCOMES, 1):
            self.outcome.setItemText(i, translate("Outcome", texts.OUTCOMES[code]))
        self.export_button.setText(self.tr("&Export CSV…"))
        self.close_button.setText(self.tr("Close"))
        self.model.retranslate()
        self._render_count()

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
        journal, filters = self.app.journal, self.filters()
        self.model.start_query(lambda: journal.count_operations(**filters),
                               lambda offset, limit: journal.operations(offset, limit, **filters))
        self._render_count()

    def _render_count(self) -> None:
        if self.model.error:
            text = self.tr("The journal could not be read: %1").replace("%1", self.model.error)
        elif self.model.loading and not self.model.rowCount():
            text = self.tr("Loading…")
        else:
            text = self.tr("%1 operations").replace("%1", f"{self.model.total:,}")
        if self._export_note:
            text += "   ·   " + self._export_note
        self.count_label.setText(text)

    def export(self) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        path = self.main.dialogs.choose_save_file(self, self.tr("Export the journal"),
                                                  f"posrev-journal-{stamp}.csv",
                                                  self.tr("CSV files (*.csv)"))
        if not path:
            return
        journal, filters = self.app.journal, self.filters()
        self.export_button.setEnabled(False)
        self._export_note = self.tr("Exporting…")
        self._render_count()
        self.main.tasks.run(lambda _t: journal.export_csv(path, **filters),
                            on_success=lambda n: self._exported(path, n),
                            on_failure=self._export_failed, name="export")

    def _exported(self, path: str, count: int) -> None:
        self.export_button.setEnabled(True)
        self._export_note = self.tr("Exported %1 operations to %2").replace("%1", f"{count:,}") \
            .replace("%2", path)
        self._render_count()

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self._export_note = self.tr("Export failed: %1").replace("%1", str(exc))
        self._render_count()

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().closeEvent(event)
        self.main.focus_lookup()
