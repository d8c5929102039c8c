"""Touch targets (pop-up rows too), the Pending and Journal windows, the void slip, and the
two Chinese languages all the way through (Qt's own dialogs and the core's sentences)."""

from __future__ import annotations

import pathlib
import re
from datetime import datetime

import pytest
from guihelp import (
    A6_POINTS,
    CASHIER,
    SUPERVISOR,
    SUPERVISOR_PIN,
    approve,
    child,
    click,
    confirm,
    dialog,
    look_up,
    pdf_page_sizes,
    wait_outcome,
)

from posrev.gui.qt import (
    QAbstractButton,
    QCheckBox,
    QColor,
    QComboBox,
    QImage,
    QLabel,
    QLineEdit,
    QPainter,
    QPushButton,
    Qt,
    QTableView,
    QTextDocument,
    QWidget,
    translate,
)

ROOT = pathlib.Path(__file__).resolve().parents[2]
VOIDED = "Voided — the customer will not be charged"
POS_SCREEN = (1024, 768)


def popup_row_heights(qtbot, combo: QComboBox) -> list[int]:  # type: ignore[no-untyped-def]
    """The rows of the combo box's drop-down list as Qt lays them out on screen."""
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    heights = [view.visualRect(combo.model().index(row, 0)).height()
               for row in range(combo.count())]
    combo.hidePopup()
    return heights


def settings_approval(qtbot, window):  # type: ignore[no-untyped-def]
    click(qtbot, window.settings_button)
    return dialog(qtbot, window, "supervisorDialog")


# -- touch -----------------------------------------------------------------------------------
POPUP_NOISE = pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen pop-ups


@POPUP_NOISE
def test_drop_down_rows_and_check_boxes_are_touch_sized(qtbot, window, supervisor):
    for name in ("languageCombo", "lookupModeCombo"):
        heights = popup_row_heights(qtbot, child(window, name, QComboBox))
        assert heights and min(heights) >= 44, (name, heights)
    d = settings_approval(qtbot, window)
    reasons = child(d, "supervisorReasonInput", QComboBox)
    assert min(popup_row_heights(qtbot, reasons)) >= 44
    d.reject()
    click(qtbot, window.journal_button)
    journal = child(window, "journalWindow")
    assert min(popup_row_heights(qtbot, child(journal, "journalOutcome", QComboBox))) >= 44
    assert child(journal, "journalSinceCheck", QCheckBox).height() >= 44


# -- pending and journal windows -------------------------------------------------------------
def _void(qtbot, window, number: str) -> None:  # type: ignore[no-untyped-def]
    look_up(qtbot, window, number)
    click(qtbot, window.void_button)
    confirm(qtbot, window)
    wait_outcome(qtbot, window, VOIDED)


def _no_sideways_scrolling(table: QTableView) -> bool:
    return table.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize("lang", ["en", "zh_HK"])
def test_pending_and_journal_open_centred_and_fit_a_pos_screen(qtbot, window, lang):
    from posrev.gui.session import WINDOW_SIZE

    if lang != "en":
        window.set_language(lang, save=False)
    _void(qtbot, window, "DEMO-REVERSE") if lang == "en" else None
    window.move(0, 0)
    window.resize(776, 700)  # offscreen: an 800-wide screen; nothing is pushed by its edges
    assert WINDOW_SIZE[0] <= POS_SCREEN[0] and WINDOW_SIZE[1] <= POS_SCREEN[1] - 40
    for key, button in (("pending", window.pending_button), ("journal", window.journal_button)):
        click(qtbot, button)
        other = child(window, key + "Window")
        qtbot.waitExposed(other)
        centre, main_centre = other.frameGeometry().center(), window.frameGeometry().center()
        assert abs(centre.x() - main_centre.x()) <= 2 and abs(centre.y() - main_centre.y()) <= 2
        other.resize(*WINDOW_SIZE)  # the size it takes on a 1024 × 768 screen
        table = other.findChild(QTableView)
        qtbot.waitUntil(lambda t=table: _no_sideways_scrolling(t))
        other.close()
        other.resize(600, 500)  # back inside this test's 800-wide offscreen screen
    window.move(50, 80)  # the cashier window moved: each list opens centred on it again
    window.resize(700, 600)
    for key, button in (("pending", window.pending_button), ("journal", window.journal_button)):
        click(qtbot, button)
        other = child(window, key + "Window")
        qtbot.waitExposed(other)
        centre, main_centre = other.frameGeometry().center(), window.frameGeometry().center()
        assert abs(centre.x() - main_centre.x()) <= 2 and abs(centre.y() - main_centre.y()) <= 2
        other.close()


def test_journal_states_are_colour_coded_and_a_double_click_shows_the_details(
        qtbot, window, supervisor, simulator):
    from posrev.gui.opmodel import COLUMNS

    look_up(qtbot, window, "DEMO-BIG")  # needs a supervisor
    click(qtbot, window.void_button)
    approve(qtbot, window, SUPERVISOR, SUPERVISOR_PIN, "Duplicate order")
    confirm(qtbot, window)
    wait_outcome(qtbot, window, VOIDED)
    click(qtbot, window.journal_button)
    journal = child(window, "journalWindow")
    count = child(journal, "journalCountLabel", QLabel)
    qtbot.waitUntil(lambda: count.text() == "1 operation")
    table = child(journal, "journalTable", QTableView)
    state = table.model().index(0, COLUMNS.index("state"))
    background = table.model().data(state, Qt.ItemDataRole.BackgroundRole).color()
    assert background == QColor("#e8f5e9")  # green: done
    assert table.model().data(table.model().index(0, 0),
                              Qt.ItemDataRole.BackgroundRole) is None
    rect = table.visualRect(state)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    d = dialog(qtbot, window, "operationDetailsDialog")
    text = child(d, "operationDetailsText")
    qtbot.waitUntil(lambda: "gateway.reversal" in text.toPlainText(), timeout=10_000)
    details = text.toPlainText()
    op = journal.model.operation(0)
    for expected in (op.orig_syssn, op.void_syssn, "void.intent", "supervisor.approval",
                     SUPERVISOR, "Duplicate order", '"answer"'):
        assert expected in details
    from posrev.simulator import DEMO_CLIENT_KEY

    assert DEMO_CLIENT_KEY not in details and SUPERVISOR_PIN not in details


def test_counts_say_operation_or_operations(qtbot, window):
    _void(qtbot, window, "DEMO-REVERSE")
    click(qtbot, window.journal_button)
    journal = child(window, "journalWindow")
    count = child(journal, "journalCountLabel", QLabel)
    qtbot.waitUntil(lambda: count.text() == "1 operation")
    journal.close()
    _void(qtbot, window, "DEMO-CLOSE")
    click(qtbot, window.journal_button)
    qtbot.waitUntil(lambda: count.text() == "2 operations")
    window.set_language("zh_HK", save=False)
    qtbot.waitUntil(lambda: count.text() == "共 2 項操作")


# -- supervisor dialog -----------------------------------------------------------------------
def test_settings_approval_offers_settings_reasons(qtbot, window, supervisor):
    from posrev.supervisors import REASONS, SETTINGS_REASONS

    d = settings_approval(qtbot, window)
    reasons = child(d, "supervisorReasonInput", QComboBox)
    offered = [reasons.itemData(i) for i in range(reasons.count())]
    assert offered == SETTINGS_REASONS
    assert "Customer left without paying" in REASONS and "Customer left without paying" \
        not in offered


def test_wrong_pin_clears_when_the_pin_is_retyped(qtbot, window, supervisor):
    d = settings_approval(qtbot, window)
    approve(qtbot, window, SUPERVISOR, "000000", "Other")
    error = child(d, "supervisorError", QLabel)
    qtbot.waitUntil(lambda: error.text().startswith("Wrong PIN"))
    qtbot.keyClicks(child(d, "supervisorPinInput"), "2")
    assert error.text() == ""


def test_enter_in_the_reason_field_approves_at_once(qtbot, window, supervisor):
    d = settings_approval(qtbot, window)
    qtbot.keyClicks(child(d, "supervisorIdInput"), SUPERVISOR)
    qtbot.keyClicks(child(d, "supervisorPinInput"), SUPERVISOR_PIN)
    reason = child(d, "supervisorReasonInput", QComboBox).lineEdit()
    reason.setFocus()
    qtbot.keyClicks(reason, "Terminal ID change")
    qtbot.keyClick(reason, Qt.Key.Key_Return)  # once
    dialog(qtbot, window, "settingsDialog")


# -- the slip --------------------------------------------------------------------------------
def _slip(window, env: str, store: str = "Harbour Tea House") -> str:  # type: ignore[no-untyped-def]
    from posrev.gui.slip import slip_html

    return slip_html(window.operation, terminal=window.app.udid, tz="Asia/Hong_Kong",
                     printed_at=datetime.now().astimezone(), env=env, store=store)


def _painted(html: str, mark: str, width: int = 420, height: int = 592) -> QImage:
    from posrev.gui.slip import paint_slip

    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_slip(painter, width, height, html, mark)
    painter.end()
    return image


def _light_red(image: QImage) -> int:
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if c.red() > 200 and c.red() - c.green() > 40 and c.red() - c.blue() > 40 \
                    and c.green() > 120:
                count += 1
    return count


def test_slip_names_store_approver_and_reason_and_is_watermarked_outside_live(
        qtbot, window, supervisor):
    look_up(qtbot, window, "DEMO-BIG")
    click(qtbot, window.void_button)
    approve(qtbot, window, SUPERVISOR, SUPERVISOR_PIN, "Duplicate order")
    confirm(qtbot, window)
    wait_outcome(qtbot, window, VOIDED)
    live, test = _slip(window, "LIVE"), _slip(window, "TEST")
    for text in ("Harbour Tea House", "Approved by", SUPERVISOR, "Approval reason",
                 "Duplicate order"):
        assert text in live
    assert "TEST — test environment; no real money" in test and "TEST —" not in live
    assert "SIMULATOR — a test gateway on this computer" in _slip(window, "SIMULATOR")
    assert _light_red(_painted(live, "")) == 0
    assert _light_red(_painted(test, "TEST")) > 500  # the translucent watermark


def test_slip_numbers_never_wrap_and_no_page_number_is_printed(qtbot, window):
    _void(qtbot, window, "DEMO-REVERSE")
    html = _slip(window, "LIVE", store="")
    doc = QTextDocument()
    doc.setHtml(html)
    doc.setTextWidth(200)  # a narrow 58 mm roll
    doc.documentLayout().documentSize()  # lay it out
    op = window.operation
    block = doc.begin()
    seen = set()
    while block.isValid():
        if block.text() in (op.orig_syssn, op.void_syssn, window.app.udid):
            assert block.layout().lineCount() == 1, block.text()
            seen.add(block.text())
        block = block.next()
    assert seen == {op.orig_syssn, op.void_syssn, window.app.udid}
    image = _painted(html, "")
    bottom = [image.pixelColor(x, y) for y in range(image.height() - 60, image.height())
              for x in range(image.width())]
    assert all(c == QColor("white") for c in bottom)  # nothing below the slip, no "1"


def test_the_store_name_comes_from_the_config(qtbot, open_window, simulator, credentials,
                                              demo_orders, gui_home):
    home = pathlib.Path(gui_home)
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[terminal]\nstore_name = "Harbour Tea House"\n',
                                      encoding="utf-8")
    window = open_window("--base-url", simulator.base_url, "--cashier", CASHIER)
    qtbot.waitUntil(lambda: window.app is not None)
    assert window.app.settings.store_name == "Harbour Tea House"


# -- languages -------------------------------------------------------------------------------
def test_qt_own_dialogs_are_translated_and_shipped(qtbot, window):
    from posrev.gui.qt import QFileDialog

    window.set_language("zh_HK", save=False)
    assert translate("QFileDialog", "Save As") == "另存新檔"
    files = QFileDialog(window)
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    texts = " ".join(b.text() for b in files.findChildren(QPushButton))
    assert "儲存" in texts or "存檔" in texts
    files.deleteLater()
    window.set_language("zh_CN", save=False)
    assert translate("QFileDialog", "Save As") == "另存为"
    spec = (ROOT / "build_spec" / "posrev.spec").read_text(encoding="utf-8")
    assert 'f"qtbase_{lang}.qm"' in spec and '"zh_TW", "zh_CN"' in spec
    import sys

    sys.path.insert(0, str(ROOT / "build_spec"))
    try:
        from trim import unneeded
    finally:
        sys.path.pop(0)
    assert not unneeded("PySide6/Qt/translations/qtbase_zh_TW.qm")
    assert not unneeded("PySide6/translations/qtbase_zh_CN.qm")  # a Windows wheel's place


def test_supervisor_refusals_are_translated_from_the_core_codes(qtbot, window, supervisor):
    window.set_language("zh_HK", save=False)
    d = settings_approval(qtbot, window)
    approve(qtbot, window, SUPERVISOR, "000000", "Other")
    error = child(d, "supervisorError", QLabel)
    qtbot.waitUntil(lambda: error.text() == f"主管 {SUPERVISOR} 的 PIN 錯誤；再錯 4 次便會鎖定 "
                                            "5 分鐘。")


# Words that stay as they are in Chinese: names, codes, currencies, the environment badge.
KEEP = {"posrev", "QFPay", "HKD", "DEMO", "TEST", "LIVE", "udid", "app", "code", "client",
        "key", "mchid", "Wi", "Fi", "PIN", "IT", "Alipay", "WeChat", "Pay", "UnionPay", "PayMe",
        "CSV", "PDF", "URL", "HK", "MD", "SHA", "English", "Linux", "gnome", "keyring",
        "https", "http", "App", "Client", "Ctrl", "Esc", "Enter", "Tab", "Backspace"}


def _english_words(text: str, data: set[str]) -> list[str]:
    for value in data:
        text = text.replace(value, " ")
    text = re.sub(r"https?://\S+", " ", text)
    return [w for w in re.findall(r"[A-Za-z]{2,}", text.replace("&", ""))
            if w not in KEEP and not w.isupper()]


def _visible_texts(widget: QWidget, visible_only: bool = True) -> list[str]:
    found = [widget.windowTitle()]
    for w in [widget, *widget.findChildren(QWidget)]:
        if visible_only and not w.isVisible():
            continue
        if isinstance(w, QLabel | QAbstractButton):
            found.append(w.text())
        if isinstance(w, QLineEdit):
            found.append(w.placeholderText())
        if isinstance(w, QComboBox):
            found += [w.itemText(i) for i in range(w.count())]
            if w.isEditable():
                found.append(w.lineEdit().placeholderText())
        if isinstance(w, QTableView):
            model = w.model()
            found += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(model.columnCount())]
            for row in range(min(model.rowCount(), 5)):
                found += [str(model.data(model.index(row, c)) or "")
                          for c in range(model.columnCount())]
        if w.toolTip():
            found.append(w.toolTip())
    return [t for t in found if t]


CHINESE = {"zh_HK": ("查詢(&L)", "訂單號不可包含空格", "其他"),
           "zh_CN": ("查询(&L)", "订单号不能包含空格", "其他")}


@pytest.mark.parametrize("lang", ["zh_HK", "zh_CN"])
def test_no_english_is_left_in_the_chinese_window(qtbot, window, supervisor, demo_orders, lang):
    from posrev.gui.setup import SetupWizard

    lookup, no_spaces, other = CHINESE[lang]
    window.set_language(lang, save=False)
    qtbot.waitUntil(lambda: window.lookup_button.text() == lookup)
    data = {window.app.udid, CASHIER, SUPERVISOR, *demo_orders, *demo_orders.values(),
            "Sam Supervisor"}
    offenders: dict[str, list[str]] = {}

    def check(name: str, widget: QWidget, visible_only: bool = True) -> None:
        words = [w for text in _visible_texts(widget, visible_only)
                 for w in _english_words(text, data)]
        if words:
            offenders[name] = sorted(set(words))

    check("idle", window)
    look_up(qtbot, window, "DEMO-BIG")
    check("needs a supervisor", window)
    click(qtbot, window.void_button)
    d = dialog(qtbot, window, "supervisorDialog")
    check("supervisor dialog", d)
    approve(qtbot, window, SUPERVISOR, "000000", other)
    error = child(d, "supervisorError", QLabel)
    qtbot.waitUntil(lambda: "PIN" in error.text())
    check("wrong PIN", d)
    d.reject()
    look_up(qtbot, window, "DEMO-REVERSE")
    check("reversible", window)
    click(qtbot, window.void_button)
    c = dialog(qtbot, window, "confirmVoidDialog")
    check("confirm", c)
    click(qtbot, child(c, "confirmButton", QPushButton))
    qtbot.waitUntil(lambda: window.stage == "outcome", timeout=30_000)
    check("outcome", window)
    for number in ("DEMO-PAID", "DEMO-VOIDED", "DEMO-FAILED", "NO-SUCH-ORDER"):
        look_up(qtbot, window, number)
        check(number, window)
    from guihelp import scan

    window.new_lookup()
    scan(qtbot, window, "ABC DEF")  # refused before any request: the validation reason
    qtbot.waitUntil(lambda: no_spaces in " ".join(_visible_texts(window)))
    check("bad number", window)
    click(qtbot, window.pending_button)
    pending = child(window, "pendingWindow")
    qtbot.waitUntil(lambda: child(pending, "pendingStatusLabel", QLabel).text() != "")
    check("pending", pending)
    pending.close()
    click(qtbot, window.journal_button)
    journal = child(window, "journalWindow")
    qtbot.waitUntil(lambda: journal.model.rowCount() >= 1)
    check("journal", journal)
    journal.close()
    window.cashier_button.click()
    sign_in = dialog(qtbot, window, "signInDialog")
    check("sign in", sign_in)
    sign_in.reject()
    wizard = SetupWizard(window.session, need_supervisor=True, need_credentials=True)
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        check(f"wizard {page.objectName()}", page, visible_only=False)
        found = [page.title(), page.subTitle()]
        words = [w for t in found for w in _english_words(t, data)]
        if words:
            offenders[f"wizard {page.objectName()} title"] = words
    wizard.deleteLater()
    assert offenders == {}


def test_nothing_is_pending_follows_a_language_change(qtbot, window):
    click(qtbot, window.pending_button)
    pending = child(window, "pendingWindow")
    status = child(pending, "pendingStatusLabel", QLabel)
    qtbot.waitUntil(lambda: status.text() == "Nothing is pending.")
    window.set_language("zh_HK", save=False)
    qtbot.waitUntil(lambda: status.text() == "沒有待確認的撤銷。")


def test_the_cores_operation_messages_are_translated(qtbot, window):
    from posrev.domain.void import Progress
    from posrev.gui import texts
    from posrev.messages import Text, english

    def said(text: Text) -> Progress:
        return Progress(op_id="x", state="unknown", attempt=1, elapsed=0.0,
                        next_check_in=None, message=english(text), text=text)

    unknown = said(Text("op.outcome_unknown", {"reason": "timeout"}))
    assert texts.core_message(unknown) == "Outcome unknown (timeout); checking."
    window.set_language("zh_HK", save=False)
    assert texts.core_message(said(Text("op.void_accepted"))) == "網關已接受撤銷，正在確認。"
    assert texts.core_message(said(Text("op.needs_manual_sends", {"sends": 3}))) == \
        "發送 3 次後仍未確認；必須由主管處理。"
    # A sentence with a variable part is translated too (the gateway client's technical
    # detail stays as the client words it).
    assert texts.core_message(unknown) == "結果不明（timeout）；正在查核。"
    # A row journaled before messages had codes shows its stored sentence as it is.
    older = Progress(op_id="x", state="unknown", attempt=1, elapsed=0.0, next_check_in=None,
                     message="Outcome unknown (timeout); checking.")
    assert texts.core_message(older) == "Outcome unknown (timeout); checking."


def test_a_supervisor_sets_the_store_name_in_settings(qtbot, window, supervisor):
    click(qtbot, window.settings_button)
    approve(qtbot, window, SUPERVISOR, SUPERVISOR_PIN, "Other")
    d = dialog(qtbot, window, "settingsDialog")
    child(d, "settingsStoreName", QLineEdit).setText("海港茶樓 Central")  # QTest types Latin-1
    click(qtbot, child(d, "settingsSaveButton", QPushButton))
    qtbot.waitUntil(lambda: window.app.settings.store_name == "海港茶樓 Central"
                    and window.stage == "idle", timeout=10_000)


@pytest.mark.parametrize("lang", ["en", "zh_HK"])
def test_the_slip_pdf_is_one_a6_page(qtbot, window, tmp_path, lang):
    from posrev.gui.slip import save_pdf

    _void(qtbot, window, "DEMO-REVERSE")
    window.set_language(lang, save=False)  # the slip is worded in the current language
    path = tmp_path / "slip.pdf"
    save_pdf(window.operation, str(path), terminal=window.app.udid, tz="Asia/Hong_Kong",
             env="TEST", store="Harbour Tea House")
    assert pdf_page_sizes(path) == [pytest.approx(A6_POINTS, abs=2)]  # one A6 page
