"""The void slip (SPEC §8): amount, numbers, outcome, cashier, approver, time; printed on the
system printer or saved as PDF. QtPrintSupport is loaded only here, on first use."""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from posrev.domain.operation import Operation
from posrev.gui import texts
from posrev.gui.dialogs import dialog_layout
from posrev.gui.qt import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPageSize,
    QPushButton,
    QTextDocument,
    QWidget,
    print_support,
    translate,
)

if TYPE_CHECKING:
    from posrev.gui.main_window import MainWindow

TIME = "%Y-%m-%d %H:%M:%S %Z"

def slip_html(op: Operation, *, terminal: str, tz: str, printed_at: datetime) -> str:
    zone = ZoneInfo(tz)

    rows = [
        (translate("Slip", "QFPay number"), op.orig_syssn),
        (translate("Slip", "Order number"), op.out_trade_no or "—"),
        (translate("Slip", "Void number"), op.void_syssn or "—"),
        (translate("Slip", "Action"), translate("Action", texts.ACTIONS.get(op.action,
                                                                            op.action))),
        (translate("Slip", "Cashier"), op.cashier),
        (translate("Slip", "Approved by"), op.approver or "—"),
        (translate("Slip", "Terminal"), terminal),
        (translate("Slip", "Started"), op.created_at.astimezone(zone).strftime(TIME)),
        (translate("Slip", "Last update"), op.updated_at.astimezone(zone).strftime(TIME)),
        (translate("Slip", "Printed"), printed_at.astimezone(zone).strftime(TIME)),
        (translate("Slip", "Operation"), op.op_id[:8]),
    ]
    body = "".join(f"<tr><td>{html.escape(k)}</td><td align='right'>{html.escape(str(v))}</td>"
                   "</tr>" for k, v in rows)
    amount = html.escape(texts.amount(op.txamt, op.txcurrcd))
    title = html.escape(translate("Slip", "VOID SLIP"))
    outcome = html.escape(texts.outcome_headline(op))
    return (f"<html><body style='font-size:9pt'>"
            f"<h3 align='center'>{title}</h3>"
            f"<p align='center' style='font-size:18pt'><b>{amount}</b></p>"
            f"<p align='center'><b>{outcome}</b></p>"
            f"<table width='100%' cellspacing='0' cellpadding='1'>{body}</table>"
            f"<p align='center'>posrev</p></body></html>")


def render(op: Operation, printer, *, terminal: str, tz: str) -> None:  # type: ignore[no-untyped-def]
    doc = QTextDocument()
    doc.setHtml(slip_html(op, terminal=terminal, tz=tz, printed_at=datetime.now().astimezone()))
    doc.print_(printer)


def save_pdf(op: Operation, path: str, *, terminal: str, tz: str) -> None:
    qps = print_support()
    printer = qps.QPrinter(qps.QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(qps.QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A6))
    render(op, printer, terminal=terminal, tz=tz)


class SlipDialog(QDialog):
    """Where to print: the system printer (with its own dialog) or a PDF file."""

    def __init__(self, parent: QWidget, has_printer: bool) -> None:
        super().__init__(parent)
        self.setObjectName("printSlipDialog")
        self.setWindowTitle(self.tr("Print the void slip"))
        self.choice = ""
        layout = dialog_layout(self)
        label = QLabel(self.tr("Print the slip on the printer, or save it as a PDF file."))
        label.setWordWrap(True)
        layout.addWidget(label)
        row = QHBoxLayout()
        self.printer_button = QPushButton(self.tr("&Printer…"))
        self.printer_button.setObjectName("printerButton")
        self.printer_button.setEnabled(has_printer)
        if not has_printer:
            self.printer_button.setToolTip(self.tr("No printer is installed on this computer."))
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"))
        self.pdf_button.setObjectName("pdfButton")
        cancel = QPushButton(self.tr("Cancel"))
        for b in (self.printer_button, self.pdf_button, cancel):
            b.setAutoDefault(True)
            row.addWidget(b)
        layout.addLayout(row)
        self.printer_button.clicked.connect(self._choose_printer)
        self.pdf_button.clicked.connect(self._choose_pdf)
        cancel.clicked.connect(self.reject)
        (self.printer_button if has_printer else self.pdf_button).setDefault(True)
        self.setMinimumWidth(440)

    def _choose_printer(self) -> None:
        self._choose("printer")

    def _choose_pdf(self) -> None:
        self._choose("pdf")

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def print_slip(window: MainWindow, op: Operation) -> None:
    qps = print_support()
    has_printer = bool(qps.QPrinterInfo.availablePrinterNames())
    dialog = SlipDialog(window, has_printer)
    terminal, tz = window.app.udid, window.app.settings.timezone

    def chosen() -> None:
        if dialog.choice == "pdf":
            suggested = f"void-slip-{op.orig_syssn}.pdf"
            path = window.dialogs.choose_save_file(window, translate("Slip", "Save the slip"),
                                                   suggested,
                                                   translate("Slip", "PDF files (*.pdf)"))
            if path:
                save_pdf(op, path, terminal=terminal, tz=tz)
                window.slip_saved(path)
        elif dialog.choice == "printer":
            printer = qps.QPrinter(qps.QPrinter.PrinterMode.HighResolution)
            chooser = qps.QPrintDialog(printer, window)
            chooser.setObjectName("systemPrintDialog")
            window.dialogs.open(chooser, on_accept=lambda: render(op, printer, terminal=terminal,
                                                                  tz=tz))

    window.dialogs.open(dialog, on_accept=chosen, on_reject=window.focus_lookup)
