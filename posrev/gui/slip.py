"""The void slip (docs/GUI.md): store, amount, numbers, outcome, cashier, approver and reason,
time; printed on the system printer or saved as PDF. QtPrintSupport is loaded only here, on
first use.

Outside live the slip carries a DEMO / TEST watermark, so it can never pass for a real void.
The slip is painted page by page (``paint_slip``), not with ``QTextDocument.print``, which
adds a page number."""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

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
from posrev.model.operation import Operation

if TYPE_CHECKING:
    from posrev.gui.session import Session

TIME = "%Y-%m-%d %H:%M:%S %Z"
WATERMARK_RGBA = (211, 47, 47, 70)  # translucent red: readable through, never missed


def watermark_text(env: str) -> str:
    """The watermark word outside live: the environment badge's word (DEMO, SIMULATOR,
    TEST)."""
    return "" if env == "LIVE" else env or "TEST"


def slip_html(op: Operation, *, terminal: str, tz: str, printed_at: datetime,
              env: str = "LIVE", store: str = "") -> str:
    zone = ZoneInfo(tz)

    refund = op.kind == "refund"
    rows = [
        (translate("Slip", "QFPay number"), op.orig_syssn),
        (translate("Slip", "Order number"), op.out_trade_no or "—"),
    ]
    if refund:  # a refund slip: the refund's own numbers, and what was paid
        rows += [(translate("Slip", "Refund number"), op.void_syssn or "—"),
                 (translate("Slip", "Refund order number"), op.refund_out_trade_no),
                 (translate("Slip", "Amount paid"), texts.amount(op.orig_txamt,
                                                                 op.txcurrcd))]
    else:
        rows.append((translate("Slip", "Void number"), op.void_syssn or "—"))
    rows += [
        (translate("Slip", "Action"), translate("Action", texts.ACTIONS.get(op.action,
                                                                            op.action))),
        (translate("Slip", "Cashier"), op.cashier),
        (translate("Slip", "Approved by"), op.approver or "—"),
    ]
    if op.approver:
        rows.append((translate("Slip", "Approval reason"),
                     translate("Reasons", op.reason) if op.reason else "—"))
    rows += [
        (translate("Slip", "Terminal"), terminal),
        (translate("Slip", "Started"), op.created_at.astimezone(zone).strftime(TIME)),
        (translate("Slip", "Last update"), op.updated_at.astimezone(zone).strftime(TIME)),
        (translate("Slip", "Printed"), printed_at.astimezone(zone).strftime(TIME)),
        (translate("Slip", "Operation"), op.op_id[:8]),
    ]
    # A number never breaks (nowrap): on a narrow page the label wraps instead.
    body = "".join(f"<tr><td style='color:#555555'>{html.escape(k)}</td>"
                   f"<td align='right' style='white-space:nowrap'><b>{html.escape(str(v))}</b>"
                   f"</td></tr>" for k, v in rows)
    amount = html.escape(texts.amount(op.txamt, op.txcurrcd))
    title = html.escape(translate("Slip", "REFUND SLIP") if refund
                        else translate("Slip", "VOID SLIP"))
    outcome = html.escape(texts.outcome_headline(op))
    mark = watermark_text(env)
    notice = ""
    if mark == "DEMO" and refund:
        notice = translate("Slip", "DEMO — a simulated gateway; nothing was refunded")
    elif mark == "DEMO":
        notice = translate("Slip", "DEMO — a simulated gateway; nothing was voided")
    elif mark == "SIMULATOR":
        notice = translate("Slip", "SIMULATOR — a test gateway on this computer; no real "
                                   "money")
    elif mark:
        notice = translate("Slip", "TEST — test environment; no real money")
    store_line = f"<p align='center'><b>{html.escape(store)}</b></p>" if store else ""
    notice_line = (f"<p align='center' style='color:#b71c1c'><b>{html.escape(notice)}</b></p>"
                   if notice else "")
    return (f"<html><body style='font-size:9pt'>"
            f"{store_line}"
            f"<h3 align='center'>{title}</h3>{notice_line}"
            f"<p align='center' style='font-size:18pt; white-space:nowrap'><b>{amount}</b></p>"
            f"<p align='center'><b>{outcome}</b></p>"
            f"<table width='100%' cellspacing='0' cellpadding='1'>{body}</table>"
            f"</body></html>")


def paint_slip(painter: Any, page_width: float, page_height: float, html_text: str,
               mark: str, new_page: Any = None) -> int:
    """Paint the slip on ``painter`` (a printer's, or an image's for the screen), one page
    after the other (``new_page()`` between pages), a watermark on each; returns the page
    count. No page number is added."""
    from posrev.gui.qt import QColor, QFont, QRectF, QSizeF, Qt

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(painter.device())
    doc.setHtml(html_text)
    doc.setPageSize(QSizeF(page_width, page_height))
    pages = max(1, doc.pageCount())
    for page in range(pages):
        if page and new_page is not None:
            new_page()
        painter.save()
        painter.translate(0, -page * page_height)
        doc.drawContents(painter, QRectF(0, page * page_height, page_width, page_height))
        painter.restore()
        if mark:
            painter.save()
            font = QFont(painter.font())
            font.setBold(True)
            font.setPixelSize(max(8, int(page_width / max(3, len(mark)) * 0.9)))
            painter.setFont(font)
            painter.setPen(QColor(*WATERMARK_RGBA))
            painter.translate(page_width / 2, page_height / 2)
            painter.rotate(-35)
            painter.drawText(QRectF(-page_width, -page_height / 4, 2 * page_width,
                                    page_height / 2), Qt.AlignmentFlag.AlignCenter, mark)
            painter.restore()
    return pages


def render(op: Operation, printer, *, terminal: str, tz: str, env: str = "LIVE",  # type: ignore[no-untyped-def]
           store: str = "") -> None:
    from posrev.gui.qt import QPainter

    qps = print_support()
    html_text = slip_html(op, terminal=terminal, tz=tz, printed_at=datetime.now().astimezone(),
                          env=env, store=store)
    rect = printer.pageRect(qps.QPrinter.Unit.DevicePixel)
    painter = QPainter(printer)
    try:
        paint_slip(painter, rect.width(), rect.height(), html_text, watermark_text(env),
                   new_page=printer.newPage)
    finally:
        painter.end()


def save_pdf(op: Operation, path: str, *, terminal: str, tz: str, env: str = "LIVE",
             store: str = "") -> None:
    qps = print_support()
    printer = qps.QPrinter(qps.QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(qps.QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A6))
    render(op, printer, terminal=terminal, tz=tz, env=env, store=store)


class SlipDialog(QDialog):
    """Where to print: the system printer (with its own dialog) or a PDF file."""

    def __init__(self, parent: QWidget, has_printer: bool) -> None:
        super().__init__(parent)
        self.setObjectName("printSlipDialog")
        self.setWindowTitle(self.tr("Print the void slip"))
        self.choice = ""
        layout = dialog_layout(self)
        # A greyed button alone does not say why (a tooltip never shows on a touch screen).
        label = QLabel(self.tr("Print the slip on the printer, or save it as a PDF file.")
                       if has_printer else
                       self.tr("No printer is installed on this computer; save the slip as a "
                               "PDF file."))
        label.setObjectName("printSlipHint")
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


def print_slip(session: Session, op: Operation) -> None:
    qps = print_support()
    has_printer = bool(qps.QPrinterInfo.availablePrinterNames())
    window = session.window
    dialog = SlipDialog(window, has_printer)
    app = session.core
    where = {"terminal": app.udid, "tz": app.settings.timezone, "env": app.env_label,
             "store": app.settings.store_name}

    def chosen() -> None:
        if dialog.choice == "pdf":
            suggested = f"{op.kind}-slip-{op.orig_syssn}.pdf"
            path = session.dialogs.choose_save_file(window, translate("Slip", "Save the slip"),
                                                   suggested,
                                                   translate("Slip", "PDF files (*.pdf)"))
            if path:
                save_pdf(op, path, **where)
                session.say(translate("MainWindow", "Slip saved to %1").replace("%1", path))
        elif dialog.choice == "printer":
            printer = qps.QPrinter(qps.QPrinter.PrinterMode.HighResolution)
            chooser = qps.QPrintDialog(printer, window)
            chooser.setObjectName("systemPrintDialog")
            session.dialogs.open(chooser, on_accept=lambda: render(op, printer, **where))

    session.dialogs.open(dialog, on_accept=chosen, on_reject=session.return_focus)
