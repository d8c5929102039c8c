"""The dialogs that ask the cashier or a supervisor something (opened by
:class:`posrev.gui.dialog_service.DialogService`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from posrev.gui import texts
from posrev.gui.dialog_service import fit_height
from posrev.gui.parts import label as named_label
from posrev.gui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QPushButton,
    QRegularExpression,
    QRegularExpressionValidator,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from posrev.gui.style import MIN_TARGET
from posrev.gui.tasks import TaskManager

if TYPE_CHECKING:
    from posrev.model.transaction import Transaction
    from posrev.model.verdict import Verdict

PIN_MAX = 12


def form_layout() -> QFormLayout:
    """A form whose labels sit level with their (touch-sized) fields."""
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def choice(object_name: str, items: Iterable[tuple[str, object]], current: object) -> QComboBox:
    """A combo box of (label, value) items with ``current`` selected (the first if absent)."""
    box = QComboBox()
    box.setObjectName(object_name)
    for label, value in items:
        box.addItem(label, value)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def action_buttons(dialog: QDialog, ok_text: str, ok_name: str,
                   on_ok: Callable[[], object], cancel_name: str = "",
                   ) -> tuple[QDialogButtonBox, QPushButton]:
    """The OK (default, named for tests) and Cancel pair every simple dialog ends with;
    OK runs ``on_ok`` (which validates before accepting), Cancel rejects."""
    buttons = QDialogButtonBox()
    ok = QPushButton(ok_text)
    ok.setObjectName(ok_name)
    ok.setDefault(True)
    buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    # translate(), not dialog.tr(): the text is found under one context whatever the dialog.
    cancel = QPushButton(translate("Dialogs", "Cancel"))
    if cancel_name:
        cancel.setObjectName(cancel_name)
    buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


def confirm_head(layout: QVBoxLayout, question: str, amount: str) -> None:
    """A confirmation's question, then the amount large and centred."""
    head = QLabel(question)
    head.setWordWrap(True)
    layout.addWidget(head)
    amount_label = QLabel(amount)
    amount_label.setObjectName("confirmAmountLabel")
    amount_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(amount_label)


def dialog_layout(dialog: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(dialog)
    layout.setSpacing(10)
    return layout


def _form_row_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class ConfirmVoidDialog(QDialog):
    """Repeats the amount before anything is sent (docs/GUI.md, the flow, step 6)."""

    def __init__(self, parent: QWidget, txn: Transaction, verdict: Verdict, approver: str = ""):
        super().__init__(parent)
        self.setObjectName("confirmVoidDialog")
        amount = texts.amount(txn.txamt, txn.txcurrcd)
        if verdict.code == "failed_payment":  # forced: the payment itself failed
            self.setWindowTitle(self.tr("Void this failed payment?"))
            question = self.tr("Void this failed payment? The gateway says it failed; the "
                               "void makes sure the customer is not charged later.")
        elif verdict.action == "close":
            self.setWindowTitle(self.tr("Close this order?"))
            question = self.tr("Close this unfinished order? The customer will not be able to "
                               "pay it any more.")
        else:
            self.setWindowTitle(self.tr("Reverse this payment?"))
            question = self.tr("Reverse this unfinished payment? The customer will not be "
                               "charged.")
        layout = dialog_layout(self)
        confirm_head(layout, question, amount)
        form = form_layout()
        form.addRow(self.tr("Wallet"), _form_row_label(texts.pay_type_name(txn.pay_type)))
        form.addRow(self.tr("QFPay number"), _form_row_label(txn.syssn))
        if txn.out_trade_no:
            form.addRow(self.tr("Order number"), _form_row_label(txn.out_trade_no))
        if approver:
            form.addRow(self.tr("Approved by"), _form_row_label(approver))
        layout.addLayout(form)
        # A plain row, not a QDialogButtonBox: the box makes its accept button the default
        # when it is shown, and a default button is what a scanner's Enter would press.
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.confirm_button = QPushButton(texts.confirm_button(verdict.action, amount))
        self.confirm_button.setObjectName("confirmButton")
        # No default button: Enter is handled below, so that a scan's Enter never confirms.
        self.confirm_button.setAutoDefault(False)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setObjectName("cancelButton")
        cancel.setAutoDefault(False)
        self._cancel = cancel
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(cancel)
        self.confirm_button.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        layout.addLayout(buttons)
        # A barcode scanner types its code and presses Enter itself: text typed while the
        # question is shown is a scan, and its Enter must not confirm the void. The code is
        # kept in ``scanned`` and the dialog is cancelled, so the window looks it up instead.
        # (Keys reach keyPressEvent below: the buttons pass on what they do not use.)
        self.scanned = ""
        self._typed = ""
        self.confirm_button.setFocus()
        self.setMinimumWidth(460)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._typed:
                self.scanned, self._typed = self._typed, ""
                self.reject()
            elif self.focusWidget() is self._cancel:
                self.reject()
            else:  # Enter alone confirms, as the focused confirm button says
                self.confirm_button.click()
            return
        text = event.text()
        if text and text.isprintable() and not text.isspace() and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                     | Qt.KeyboardModifier.AltModifier)):
            self._typed += text
            return
        super().keyPressEvent(event)


class PinPad(QWidget):
    """A numeric pad for touch screens; it types into ``target`` and never takes focus, so a
    keyboard user types the PIN directly."""

    def __init__(self, target: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinPad")
        self._target = target
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"]
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(keys):
            button = QPushButton()
            button.setProperty("class", "pad")
            button.setObjectName(f"pinPad_{key}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumSize(64, max(MIN_TARGET, 52))
            button.setProperty("key", key)
            button.clicked.connect(self._pressed)
            grid.addWidget(button, i // 3, i % 3)
            self.buttons[key] = button
        self.retranslate()

    def retranslate(self) -> None:
        for key, button in self.buttons.items():
            if key == "clear":
                button.setText(self.tr("Clear"))
            elif key == "back":
                button.setText("⌫")
                button.setToolTip(self.tr("Delete the last digit"))
            else:
                button.setText(key)

    def _pressed(self) -> None:
        self.press(self.sender().property("key"))

    def press(self, key: str) -> None:
        text = self._target.text()
        if key == "clear":
            text = ""
        elif key == "back":
            text = text[:-1]
        elif len(text) < PIN_MAX:
            text += key
        self._target.setText(text)
        self._target.setFocus()


class ReasonInput(QComboBox):
    """The approval reason: pick one of the standard reasons (shown translated, recorded as
    the core words them) or type your own."""

    def __init__(self, reasons: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for reason in reasons:
            self.addItem(translate("Reasons", reason), reason)
        self.setCurrentIndex(-1)
        self.lineEdit().setPlaceholderText(self.tr("Choose or type a reason"))

    def text(self) -> str:
        typed = self.currentText().strip()
        index = self.findText(typed)
        return self.itemData(index) if typed and index >= 0 else typed

    def setText(self, text: str) -> None:  # noqa: N802 - mirrors QLineEdit for callers
        self.setCurrentText(text)


class SupervisorDialog(QDialog):
    """A supervisor approves one action on this terminal with ID, PIN and reason (docs/GUI.md).

    The PIN is checked by the core on a worker (the hash is slow on purpose); a wrong PIN, a
    lock-out, or the cashier approving themself is said in the dialog, which stays open.
    """

    approved = Signal(object)

    def __init__(self, parent: QWidget, *, tasks: TaskManager, summary: str,
                 reasons: list[str], approve: Callable[[str, str, str], Any]) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorDialog")
        self.setWindowTitle(self.tr("Supervisor approval"))
        self._tasks = tasks
        self._approve = approve
        self._busy = False
        layout = dialog_layout(self)
        intro = QLabel(summary)
        intro.setObjectName("supervisorSummary")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = form_layout()
        self.id_input = QLineEdit()
        self.id_input.setObjectName("supervisorIdInput")
        self.id_input.setPlaceholderText(self.tr("Supervisor ID"))
        self.pin_input = QLineEdit()
        self.pin_input.setObjectName("supervisorPinInput")
        self.pin_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_input.setMaxLength(PIN_MAX)
        self.pin_input.setValidator(QRegularExpressionValidator(
            QRegularExpression(f"[0-9]{{0,{PIN_MAX}}}"), self.pin_input))
        self.pin_input.setPlaceholderText(self.tr("6 to 12 digits"))
        self.reason_input = ReasonInput(reasons)
        self.reason_input.setObjectName("supervisorReasonInput")
        form.addRow(self.tr("Supervisor &ID"), self.id_input)
        form.addRow(self.tr("&PIN"), self.pin_input)
        form.addRow(self.tr("&Reason"), self.reason_input)
        for field, buddy in ((0, self.id_input), (1, self.pin_input), (2, self.reason_input)):
            item = form.itemAt(field, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                item.widget().setBuddy(buddy)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        self.pad = PinPad(self.pin_input)
        row.addWidget(self.pad)
        row.addStretch(1)
        layout.addLayout(row)
        self.error_label = named_label("supervisorError")
        self.error_label.setStyleSheet("color: #b71c1c; font-weight: 600;")
        # Room for a two-line refusal from the start, so the PIN pad never gets squeezed.
        self.error_label.setMinimumHeight(2 * self.error_label.fontMetrics().lineSpacing() + 4)
        layout.addWidget(self.error_label)
        buttons, self.ok_button = action_buttons(self, self.tr("Approve"),
                                                 "supervisorApproveButton", self.submit,
                                                 "cancelButton")
        layout.addWidget(buttons)
        # A refusal ("Wrong PIN …") goes as soon as the PIN is retyped; Enter in the reason
        # field approves at once (an editable combo box would otherwise swallow the first).
        self.pin_input.textChanged.connect(self._pin_retyped)
        self.reason_input.lineEdit().returnPressed.connect(self.submit)
        self.setTabOrder(self.id_input, self.pin_input)
        self.setTabOrder(self.pin_input, self.reason_input)
        self.setTabOrder(self.reason_input, self.ok_button)
        self.setTabOrder(self.ok_button, buttons.findChild(QPushButton, "cancelButton"))
        self.id_input.setFocus()
        self.setMinimumWidth(440)

    def _pin_retyped(self, text: str) -> None:
        if text and not self._busy and self.error_label.text():
            self.error_label.setText("")

    def _fail(self, text: str, focus: QWidget) -> None:
        self.error_label.setText(text)
        fit_height(self)  # a longer message may need another line
        focus.setFocus()

    def submit(self) -> None:
        if self._busy:
            return
        sup_id = self.id_input.text().strip()
        pin = self.pin_input.text()
        reason = self.reason_input.text()
        if not sup_id:
            return self._fail(self.tr("Enter the supervisor's ID."), self.id_input)
        if not pin:
            return self._fail(self.tr("Enter the supervisor's PIN."), self.pin_input)
        if not reason:
            return self._fail(self.tr("Choose or type a reason."), self.reason_input)
        self._busy = True
        self.ok_button.setEnabled(False)
        self.error_label.setText(self.tr("Checking…"))
        self._tasks.run(lambda _task: self._approve(sup_id, pin, reason),
                        on_success=self._done, on_failure=self._refused, name="approve")

    def _done(self, approval: Any) -> None:
        self._busy = False
        self.approved.emit(approval)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._busy = False
        self.ok_button.setEnabled(True)
        self.pin_input.clear()
        self._fail(texts.error_words(exc), self.pin_input)


class SignInDialog(QDialog):
    """The cashier signs in with their ID (the journal records who voided what)."""

    def __init__(self, parent: QWidget, current: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Cashier sign-in"))
        layout = dialog_layout(self)
        intro = QLabel(self.tr("Enter your cashier ID. Every void is recorded under it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.cashier_input = QLineEdit(current)
        self.cashier_input.setObjectName("cashierIdInput")
        self.cashier_input.setMaxLength(32)
        self.cashier_input.setPlaceholderText(self.tr("Cashier ID"))
        layout.addWidget(self.cashier_input)
        self.error_label = named_label("signInError")
        self.error_label.setStyleSheet("color: #b71c1c; font-weight: 600;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons, _ok = action_buttons(self, self.tr("Sign in"), "signInButton",
                                      self._accept_if_filled)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def _accept_if_filled(self) -> None:
        from posrev.domain.identifiers import check_identifier
        from posrev.errors import InputError

        if not self.cashier_input.text().strip():
            self.cashier_input.setFocus()
            return
        try:  # the core's rule, the same the command line and App.start_void apply
            check_identifier(self.cashier_input.text(), "cashier ID")
        except InputError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            fit_height(self)
            self.cashier_input.setFocus()
            return
        self.accept()

    @property
    def cashier(self) -> str:
        return self.cashier_input.text().strip()


class NewSupervisorDialog(QDialog):
    """ID, name and PIN (twice) of a new supervisor; the core checks and stores them."""

    def __init__(self, parent: QWidget, intro: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("addSupervisorDialog")
        self.setWindowTitle(self.tr("Add a supervisor"))
        layout = dialog_layout(self)
        if intro:
            label = QLabel(intro)
            label.setObjectName("addSupervisorIntro")
            label.setWordWrap(True)
            layout.addWidget(label)
        form = form_layout()
        self.sup_id, self.name, self.pin, self.pin2 = (QLineEdit() for _ in range(4))
        for edit, name in ((self.sup_id, "newSupervisorIdInput"),
                           (self.name, "newSupervisorNameInput"),
                           (self.pin, "newSupervisorPinInput"),
                           (self.pin2, "newSupervisorPin2Input")):
            edit.setObjectName(name)
        for edit in (self.pin, self.pin2):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(PIN_MAX)
            edit.setValidator(QRegularExpressionValidator(
                QRegularExpression(f"[0-9]{{0,{PIN_MAX}}}"), edit))
        form.addRow(self.tr("Supervisor ID"), self.sup_id)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("PIN (6 to 12 digits)"), self.pin)
        form.addRow(self.tr("PIN again"), self.pin2)
        layout.addLayout(form)
        self.error = named_label("addSupervisorError")
        self.error.setStyleSheet("color: #b71c1c;")
        layout.addWidget(self.error)
        buttons, _ok = action_buttons(self, self.tr("Add"), "addSupervisorButton", self._check)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def values(self) -> tuple[str, str, str]:
        return self.sup_id.text().strip(), self.name.text().strip(), self.pin.text()

    def _check(self) -> None:
        if not all(self.values()):
            self.error.setText(self.tr("Fill in every field."))
        elif self.pin.text() != self.pin2.text():
            self.error.setText(self.tr("The two PINs are not the same."))
        else:
            self.accept()
