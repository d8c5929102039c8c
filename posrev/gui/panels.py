"""The cashier window's panels below the lookup, built right after its first paint: the
payments sharing a number, the transaction, the progress of a void or refund, its outcome,
the background notice, the demo orders. Each renders what it is given; which one shows is
the window's stage.

The progress words are the ones the pending list shows while it re-checks a void
(:func:`progress_words`): one rendering of the core's ``Progress``.

The panels' sentences keep the translation context "MainWindow", where they were written
and translated.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from posrev.gui import style, texts
from posrev.gui.parts import button, label
from posrev.gui.qt import (
    QFrame,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)

if TYPE_CHECKING:
    from posrev.app import Operation, Progress
    from posrev.config import Settings
    from posrev.gui.shown import Shown
    from posrev.model.transaction import Transaction

USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole; Qt's enum namespace loads after the first paint
SEP = "   ·   "


class Panel(QFrame):
    """A framed panel with a vertical layout, named for tests and the style sheet."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(16, 12, 16, 12)

    def add_actions(self, *buttons: QWidget) -> None:
        """The panel's buttons in a row at its bottom, to the left."""
        row = QHBoxLayout()
        for widget in buttons:
            row.addWidget(widget)
        row.addStretch(1)
        self.box.addLayout(row)


def paid_at_words(txn: Transaction, tz: str) -> str:
    paid_at = txn.sysdtm_at(tz)
    return paid_at.strftime("%Y-%m-%d %H:%M:%S %Z") if paid_at else txn.sysdtm


class CandidatePanel(Panel):
    """Several payments share the number: the cashier picks one."""

    chosen = Signal(object)  # Transaction

    def __init__(self) -> None:
        super().__init__("candidatePanel")
        from posrev.gui.qt import QListView, QListWidget, Qt

        self.title = label("candidateTitle")
        self.box.addWidget(self.title)
        self.list = QListWidget()
        self.list.setObjectName("candidateList")
        self.list.setStyleSheet("QListWidget::item { min-height: 44px; }")
        # A row names amount, wallet, time, number and status: wrapped to the list's width,
        # never cut off behind a horizontal scroll bar on a 1024-pixel screen.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.box.addWidget(self.list)
        self.list.itemActivated.connect(self._picked)
        self.list.itemClicked.connect(self._picked)

    def retranslate(self) -> None:
        self.title.setText(translate("MainWindow", "Several payments have this number. "
                                                   "Choose one:"))

    def render(self, candidates: tuple[Transaction, ...], tz: str) -> None:
        from posrev.gui.qt import QListWidgetItem

        current = self.list.currentRow()
        self.list.clear()
        for txn in candidates:
            item = QListWidgetItem(SEP.join((texts.amount(txn.txamt, txn.txcurrcd),
                                             texts.pay_type_name(txn.pay_type),
                                             paid_at_words(txn, tz), txn.syssn,
                                             texts.txn_status(txn))))
            item.setData(USER_ROLE, txn)
            self.list.addItem(item)
        if candidates:
            self.list.setCurrentRow(max(0, current))

    def _picked(self, item: Any) -> None:
        self.chosen.emit(item.data(USER_ROLE))


class TransactionPanel(Panel):
    """The payment looked up, the verdict, and the void (or forced void) button."""

    NAMES = (  # also on the window, by name
        "amount_label", "txn_status_label", "wallet_label", "time_label", "numbers_label",
        "verdict_label", "void_button", "force_button",
    )

    def __init__(self) -> None:
        super().__init__("transactionPanel")
        top = QHBoxLayout()
        self.amount_label = label("amountLabel", wrap=False)
        top.addWidget(self.amount_label)
        top.addStretch(1)
        self.txn_status_label = label("txnStatusLabel")
        top.addWidget(self.txn_status_label, 1)
        self.box.addLayout(top)
        self.wallet_label = label("walletLabel")
        self.time_label = label("timeLabel")
        self.numbers_label = label("numbersLabel")
        self.verdict_label = label("verdictLabel")
        for widget in (self.wallet_label, self.time_label, self.numbers_label,
                       self.verdict_label):
            self.box.addWidget(widget)
        self.void_button = button("voidButton")
        self.force_button = button("forceVoidButton")
        self.add_actions(self.void_button, self.force_button)

    def retranslate(self) -> None:
        self.force_button.setText(translate("MainWindow", "Void anyway (supervisor)"))

    def set_deciding(self, deciding: bool) -> None:
        self.verdict_label.setVisible(deciding)
        self.txn_status_label.setVisible(deciding)  # the record as looked up; stale later

    def render(self, shown: Shown, settings: Settings, *, deciding: bool) -> None:
        """The payment ``shown`` (or that none was found), with ``settings``' time zone."""
        txn, verdict, lookup = shown.txn, shown.verdict, shown.lookup
        if verdict is None:
            return
        searched, tz = lookup.result.number if lookup else "", settings.timezone
        if txn is None:
            self.amount_label.setText(translate("MainWindow", "No payment found"))
            for widget in (self.txn_status_label, self.wallet_label, self.time_label):
                widget.setText("")
            self.numbers_label.setText(translate("MainWindow", "Searched for %1")
                                       .replace("%1", searched))
        else:
            self.amount_label.setText(texts.amount(txn.txamt, txn.txcurrcd))
            self.txn_status_label.setText(texts.txn_status(txn))
            self.wallet_label.setText(texts.pay_type_name(txn.pay_type))
            age = texts.ago(verdict.age_seconds)
            self.time_label.setText(texts.time_words(txn).replace("%1", paid_at_words(txn, tz))
                                    + (f" ({age})" if age else ""))
            numbers = translate("MainWindow", "QFPay number %1").replace("%1", txn.syssn)
            if txn.out_trade_no:
                numbers += SEP + translate("MainWindow", "Order number %1").replace(
                    "%1", txn.out_trade_no)
            self.numbers_label.setText(numbers)
        tone = style.VERDICT_TONE.get(verdict.code, "info")
        if verdict.can_void:
            tone = "approve" if verdict.needs_supervisor else "go"
        self.verdict_label.setText(texts.verdict_text(verdict))
        self.verdict_label.setStyleSheet(style.tone_css(tone))
        can_void = verdict.can_void and txn is not None
        self.void_button.setVisible(can_void and deciding)
        self.void_button.setEnabled(can_void and deciding)
        if can_void:
            words = texts.action_button(verdict.action)
            if verdict.needs_supervisor:
                words += " " + translate("MainWindow", "(supervisor)")
            self.void_button.setText(words)
        self.force_button.setVisible(deciding and verdict.code == "failed_payment"
                                     and not verdict.can_void and txn is not None)


def progress_words(progress: Progress, since: float, *, kind: str = "void",
                   stopping: bool = False) -> tuple[str, str]:
    """The state in words, and the checks so far ("Check 2 · 0:07 elapsed · next check in
    3 s"), ``since`` seconds after the core reported ``progress``."""
    p = progress
    parts = [translate("MainWindow", "Check %1").replace("%1", str(p.attempt)),
             translate("MainWindow", "%1 elapsed").replace(
                 "%1", texts.duration(p.elapsed + since))]
    left = None if p.next_check_in is None else p.next_check_in - since
    if left is not None:
        if left > 0.5:
            parts.append(translate("MainWindow", "next check in %1 s").replace(
                "%1", str(round(left))))
        else:
            parts.append(translate("MainWindow", "checking now…"))
    if stopping:
        parts.append(translate("MainWindow", "stopping…"))
    return texts.state_words(p.state, kind), SEP.join(parts)


class ProgressPanel(Panel):
    """A void or refund being sent and checked: its state, the checks, a countdown."""

    NAMES = (  # also on the window, by name
        "progress_label", "progress_detail", "progress_bar", "stop_button",
    )

    def __init__(self) -> None:
        super().__init__("progressPanel")
        from posrev.gui.qt import QProgressBar

        self.progress_label = label("progressLabel")
        self.box.addWidget(self.progress_label)
        self.progress_detail = label("progressDetailLabel")
        self.box.addWidget(self.progress_detail)
        bar_row = QHBoxLayout()
        # A countdown to the next check (full = a whole interval left, empty = checking).
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("progressBar")
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedWidth(240)
        bar_row.addWidget(self.progress_bar)
        bar_row.addStretch(1)
        self.stop_button = button("stopWaitingButton")
        bar_row.addWidget(self.stop_button)
        self.box.addLayout(bar_row)
        self.progress: Progress | None = None
        self._at = 0.0

    def retranslate(self) -> None:
        self.stop_button.setText(translate("MainWindow", "&Stop waiting"))
        self.stop_button.setToolTip(translate("MainWindow", "It keeps being checked in the "
                                                            "background and stays in the "
                                                            "pending list."))

    def start(self) -> None:
        self.progress = None
        self.stop_button.setEnabled(True)

    def report(self, progress: Progress) -> None:
        self.progress, self._at = progress, time.monotonic()

    def render(self, kind: str, stopping: bool) -> None:
        p = self.progress
        if p is None:
            self.progress_label.setText(texts.state_words("intent", kind))
            self.progress_detail.setText(
                translate("MainWindow", "Writing the refund to the journal…")
                if kind == "refund" else
                translate("MainWindow", "Writing the void to the journal…"))
            self.progress_bar.hide()
            return
        since = time.monotonic() - self._at
        state, checks = progress_words(p, since, kind=kind, stopping=stopping)
        self.progress_label.setText(state + "\n" + checks)
        left = None if p.next_check_in is None else p.next_check_in - since
        if left is not None and p.next_check_in:
            self.progress_bar.setValue(round(1000 * max(0.0, left) / p.next_check_in))
            self.progress_bar.show()
        else:
            self.progress_bar.hide()
        # The core's own sentence only where the state's words do not already say it (a
        # lost answer, a refusal being checked); never "processing" a second time.
        said = p.state not in ("unknown", "refused")
        self.progress_detail.setText("" if said else texts.core_message(p))


class OutcomePanel(Panel):
    """The outcome: a full-width banner, an icon and a headline as large as the amount."""

    NAMES = (  # also on the window, by name
        "outcome_label", "outcome_detail", "new_lookup_button", "print_button",
    )

    def __init__(self) -> None:
        super().__init__("outcomePanel")
        self.outcome_banner = QFrame()
        self.outcome_banner.setObjectName("outcomeBanner")
        banner = QHBoxLayout(self.outcome_banner)
        banner.setContentsMargins(16, 12, 16, 12)
        banner.setSpacing(16)
        self.outcome_icon = label("outcomeIcon", wrap=False)
        self.outcome_icon.setFixedSize(64, 64)
        banner.addWidget(self.outcome_icon)
        self.outcome_label = label("outcomeLabel")
        banner.addWidget(self.outcome_label, 1)
        self.box.addWidget(self.outcome_banner)
        self.outcome_detail = label("outcomeDetailLabel")
        self.box.addWidget(self.outcome_detail)
        self.new_lookup_button = button("newLookupButton")
        self.print_button = button("printSlipButton")
        self.add_actions(self.new_lookup_button, self.print_button)

    def retranslate(self) -> None:
        self.new_lookup_button.setText(translate("MainWindow", "&New lookup"))
        self.print_button.setText(translate("MainWindow", "&Print slip"))

    def render(self, op: Operation) -> None:
        from posrev.gui.icons import outcome_icon

        tone = style.OUTCOME_TONE[op.outcome]
        self.outcome_label.setText(texts.outcome_headline(op))
        self.outcome_label.setStyleSheet(f"color: {style.TONE[tone][1]};")
        self.outcome_banner.setStyleSheet("QFrame#outcomeBanner { " + style.tone_css(tone)
                                          + " }")
        self.outcome_icon.setPixmap(outcome_icon(tone, 64))
        lines = [texts.outcome_detail(op)]
        if op.void_syssn and op.kind == "refund":
            lines.append(translate("MainWindow", "Refund number %1").replace("%1",
                                                                              op.void_syssn))
        elif op.void_syssn:
            lines.append(translate("MainWindow", "Void number %1").replace("%1", op.void_syssn))
        if op.approver:
            lines.append(translate("MainWindow", "Approved by %1").replace("%1", op.approver))
        said = texts.core_message(op)  # posrev's last step: its own words, no "Gateway:"
        if said and (not op.is_final or op.outcome == "needs_manual"):  # (often its conclusion)
            lines.append(said)
        self.outcome_detail.setText("\n".join(lines))


class NoticePanel(QFrame):
    """A void settled in the background while the cashier was on another payment: a
    notice above the lookup, which does not take the focus or block anything."""

    KEEP = 3  # the newest outcomes shown

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("backgroundNotice")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 6, 6)
        self.notice_label = label("backgroundNoticeLabel")
        row.addWidget(self.notice_label, 1)
        self.close_button = button("backgroundNoticeCloseButton")
        self.close_button.setAutoDefault(False)
        row.addWidget(self.close_button)
        self.notices: list[Operation] = []  # newest first
        self.hide()

    def retranslate(self) -> None:
        self.close_button.setText(translate("MainWindow", "Dismiss"))
        self.render()

    def announce(self, op: Operation) -> None:
        self.notices.insert(0, op)
        del self.notices[self.KEEP:]
        self.render()
        self.show()

    def dismiss(self) -> None:
        self.notices.clear()
        self.hide()

    def render(self) -> None:
        if not self.notices:
            return
        lines = []
        for op in self.notices:
            payment = texts.amount(op.txamt, op.txcurrcd)
            if op.out_trade_no:
                payment += ", " + translate("MainWindow", "order %1").replace("%1",
                                                                              op.out_trade_no)
            notice = (translate("MainWindow", "An earlier refund is now final: %1 (QFPay "
                                              "number %2): %3") if op.kind == "refund" else
                      translate("MainWindow", "An earlier void is now final: %1 (QFPay "
                                              "number %2): %3"))
            lines.append(notice.replace("%1", payment).replace("%2", op.orig_syssn)
                         .replace("%3", texts.outcome_headline(op)))
        self.notice_label.setText("\n".join(lines))
        self.setStyleSheet("QFrame#backgroundNotice { "
                           + style.tone_css(style.OUTCOME_TONE[self.notices[0].outcome])
                           + " border-radius: 6px; }")


class DemoPanel(Panel):
    """Demo mode: the simulator's orders, each with what it shows."""

    chosen = Signal(str)  # the order's number

    def __init__(self) -> None:
        super().__init__("demoPanel")
        from posrev.gui.qt import QListWidget

        self.title = label("demoTitle")
        self.box.addWidget(self.title)
        self.list = QListWidget()
        self.list.setObjectName("demoList")
        self.list.setStyleSheet("QListWidget::item { min-height: 40px; }")
        self.list.itemActivated.connect(self._picked)
        self.list.itemClicked.connect(self._picked)
        self.box.addWidget(self.list)

    def fill(self, demo: bool) -> None:
        self.list.clear()
        if not demo:
            return
        from posrev.gui.qt import QListWidgetItem
        from posrev.simulator import DEMO_ORDERS

        for number in dict.fromkeys(d.out_trade_no or d.name for d in DEMO_ORDERS):
            item = QListWidgetItem()
            item.setData(USER_ROLE, number)
            self.list.addItem(item)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("MainWindow", "Demo orders — choose one, or type its "
                                                   "number above:"))
        hints = {
            "DEMO-REVERSE": translate("MainWindow", "unpaid, can be reversed"),
            "DEMO-CLOSE": translate("MainWindow", "unpaid, can be closed"),
            "DEMO-MPM": translate("MainWindow", "unpaid WeChat Pay QR order"),
            "DEMO-BIG": translate("MainWindow", "large amount: needs a supervisor"),
            "DEMO-LATE": translate("MainWindow", "40 minutes old: needs a supervisor"),
            "DEMO-SLOW": translate("MainWindow", "the gateway takes a while to confirm"),
            "DEMO-PAYS": translate("MainWindow", "the customer pays just before the void"),
            "DEMO-LOST": translate("MainWindow", "the gateway's answer gets lost"),
            "DEMO-PAID": translate("MainWindow", "already paid: refund instead"),
            "DEMO-VOIDED": translate("MainWindow", "already voided"),
            "DEMO-REFUNDED": translate("MainWindow", "already refunded"),
            "DEMO-REFUND-REC": translate("MainWindow", "a refund record"),
            "DEMO-FAILED": translate("MainWindow", "the payment failed"),
            "DEMO-OTHERWALLET": translate("MainWindow", "a wallet that cannot be voided here"),
            "DEMO-OLD": translate("MainWindow", "too old to void"),
            "DEMO-TWICE": translate("MainWindow", "two payments with one order number"),
        }
        for row in range(self.list.count()):
            item = self.list.item(row)
            number = item.data(USER_ROLE)
            hint = hints.get(number, "")
            item.setText(f"{number} — {hint}" if hint else number)

    def _picked(self, item: Any) -> None:
        self.chosen.emit(item.data(USER_ROLE))
