"""Every sentence of posrev/messages.py has a window rendering and a translation in both
Chinese catalogs; the window words the core's codes, not its English."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from factories import operation

from posrev import messages
from posrev.gui import i18n
from posrev.messages import Text, english


def _sample(code: str) -> Text:
    """The sentence with a recognisable value for each parameter."""
    return Text(code, {name: f"<{name}>" for name in messages.names(code)})


@pytest.fixture
def language(qapp):  # type: ignore[no-untyped-def]
    languages = i18n.Languages.for_app(qapp)
    yield languages
    languages.apply("en")


def test_every_code_renders_in_the_window_as_the_cli_says_it_in_english(language):  # type: ignore[no-untyped-def]
    from posrev.gui import texts

    assert language.apply("en")
    for code in messages.CATALOG:
        assert texts.render(_sample(code)) == english(_sample(code)), code


@pytest.mark.parametrize("lang", ["zh_HK", "zh_CN"])
def test_every_code_has_a_translation(language, lang):  # type: ignore[no-untyped-def]
    from posrev.gui import texts

    assert language.apply(lang)
    untranslated = []
    for code in messages.CATALOG:
        said = texts.render(_sample(code))
        words = re.sub(r"\{\w+\}", "", messages.CATALOG[code])
        if re.search(r"%\d", said) or (said == english(_sample(code))
                                        and re.search(r"[A-Za-z]", words)):
            untranslated.append(code)  # (a sentence with no words may stay as it is)
        assert sorted(re.findall(r"<(\w+)>", said)) == sorted(messages.names(code)), code
    assert untranslated == []


@pytest.mark.parametrize("lang", ["zh_HK", "zh_CN"])
def test_the_catalog_sources_hold_every_sentence_finished(lang):  # type: ignore[no-untyped-def]
    root = ET.parse(i18n.ts_dir() / f"posrev_{lang}.ts").getroot()
    context = next(c for c in root.findall("context") if c.findtext("name") == messages.CONTEXT)
    held = {m.findtext("source"): m.find("translation") for m in context.findall("message")}
    for code in messages.CATALOG:
        translation = held.get(messages.qt_source(code))
        assert translation is not None and translation.text, code
        assert translation.get("type") is None, code  # not "unfinished" or "vanished"


def _window_texts() -> list[tuple[str, str, str]]:
    """Every (context, source) the window's modules translate, read from their code:
    ``translate("Ctx", "…")``, ``QT_TRANSLATE_NOOP("Ctx", "…")`` and ``self.tr("…")`` (its
    class is the context), wherever it stands, inside an f-string too, with where it is."""
    import ast
    from pathlib import Path

    found: list[tuple[str, str, str]] = []

    def visit(node: ast.AST, cls: str, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.ClassDef) else cls
            if isinstance(child, ast.Call):
                func = child.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                strings = [a.value for a in child.args
                           if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                at = f"{where}:{child.lineno}"
                if name in ("translate", "QT_TRANSLATE_NOOP") and len(strings) >= 2 \
                        and len(child.args) >= 2:
                    found.append((strings[0], strings[1], at))
                elif name == "tr" and strings and isinstance(child.args[0], ast.Constant):
                    found.append((cls, strings[0], at))
            visit(child, inner, where)

    gui = Path(i18n.__file__).parent
    for path in sorted(gui.glob("*.py")):
        if path.name not in ("qt.py", "qt_selftest.py", "i18n.py"):
            visit(ast.parse(path.read_text(encoding="utf-8")), "", path.name)
    return found


@pytest.mark.parametrize("lang", ["zh_HK", "zh_CN"])
def test_every_text_the_window_translates_has_a_finished_translation(lang):  # type: ignore[no-untyped-def]
    """Qt's lupdate does not look inside f-strings: a translate() there was never extracted
    and stayed English in the Chinese window (the details dialog's events heading)."""
    root = ET.parse(i18n.ts_dir() / f"posrev_{lang}.ts").getroot()
    finished = {(c.findtext("name"), m.findtext("source"))
                for c in root.findall("context") for m in c.findall("message")
                if (t := m.find("translation")) is not None and t.text and t.get("type") is None}
    texts = _window_texts()
    assert len(texts) > 300  # the walk found the window's texts
    assert [at for context, source, at in texts if (context, source) not in finished] == []


def test_a_failure_is_worded_from_its_code_in_chinese(language):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from posrev.domain.void import failed
    from posrev.gui import texts
    from posrev.messages import journal_columns

    op = operation(state="failed", checks=1,
                   **journal_columns(failed(Text("fail.already_refunded"))))
    assert texts.outcome_headline(op) == ("Failed: the payment was already refunded; there "
                                          "was nothing to void")
    assert language.apply("zh_HK")
    assert texts.outcome_headline(op) == "失敗：這筆付款已經退款，沒有可撤銷的"
    unreachable = replace(op, sends=0,
                          **journal_columns(failed(Text("fail.unreachable"))))
    assert texts.nothing_sent(unreachable) and not texts.nothing_sent(op)
    resolved = replace(op, **journal_columns(Text("op.resolved", {"supervisor": "S001",
                                                                   "note": "checked"})))
    assert texts.outcome_headline(resolved) == "失敗：由 S001 處理：checked"
    # A row journaled before messages had codes: its stored sentence, as it is.
    older = replace(op, message="Failed: something an older posrev said.", message_code="",
                    message_params="{}")
    assert texts.outcome_headline(older) == "Failed: something an older posrev said."


def test_a_supervisor_refusal_is_one_sentence_for_the_cli_and_the_window(language, tmp_path):  # type: ignore[no-untyped-def]
    from posrev.clock import Clock
    from posrev.errors import SupervisorError
    from posrev.gui import texts
    from posrev.supervisors import SupervisorStore

    store = SupervisorStore(tmp_path / "supervisors.sqlite3", udid="T-01", clock=Clock(),
                            audit=lambda event: None)
    try:
        store.add_first("S1", "Ann Supervisor", "97531864")
        with pytest.raises(SupervisorError) as refused:
            store.approve("S9", "97531864", requester="C001", action="void", target="1",
                          reason="Customer left")
    finally:
        store.close()
    assert str(refused.value) == "There is no supervisor with ID S9."  # the CLI's words
    assert texts.error_words(refused.value) == "There is no supervisor with ID S9."
    assert language.apply("zh_HK")
    assert texts.error_words(refused.value) == "沒有編號為 S9 的主管。"


def test_an_outcome_the_journal_could_not_record_is_said_in_chinese(language):  # type: ignore[no-untyped-def]
    from posrev.domain.void import OutcomeNotRecorded
    from posrev.gui import texts

    op = operation(state="sending")
    exc = OutcomeNotRecorded(op, Text("unrecorded.step", {
        "happened": Text("happened.may_have_reached", {"kind": Text("kind.void")}),
        "why": Text("why.vanished"), "when": Text("when.new_journal")}))
    assert texts.error_words(exc) == str(exc)  # English: the CLI's sentence
    assert language.apply("zh_HK")
    assert texts.error_words(exc) == (
        "這項撤銷可能已到達網關，但記錄無法寫入（記錄檔被刪除或取代（這個程式持有的內容已保存，"
        "未完成的撤銷已轉移））；結果會在現用的記錄檔中查核（'posrev pending --resume'）。")


def test_a_void_refused_by_a_full_disk_is_said_in_chinese_to_the_end(language):  # type: ignore[no-untyped-def]
    from posrev.domain.void import failed
    from posrev.gui import texts
    from posrev.messages import journal_columns, store_cause

    full = failed(Text("fail.journal", {"why": store_cause(("disk_full", {}))}))
    op = operation(state="failed", sends=0, checks=1, **journal_columns(full))
    assert texts.outcome_headline(op) == ("Failed: the journal could not be written because "
                                          "the disk is full; nothing was sent")
    assert language.apply("zh_HK")
    assert texts.outcome_headline(op) == "失敗：無法寫入記錄（磁碟已滿），甚麼也沒有發送"


def _entries(ts) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    """(context, source) -> translation of a .ts file; an unfinished one reads '?'."""
    found = {}
    for context in ET.parse(ts).getroot().findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            translation = message.find("translation")
            unfinished = translation is None or translation.get("type") == "unfinished"
            found[(name, message.findtext("source") or "")] = (
                "?" if unfinished else "".join(translation.itertext()))  # type: ignore[union-attr]
    return found


def test_re_extracting_the_catalogs_changes_no_translation(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A developer's `python -m posrev.gui.i18n --update` (Qt's lupdate over the window's
    sources) finds every text in a named context and keeps each translation: a text lupdate
    cannot place (e.g. `tr = self.tr; tr("…")`) would land in a nameless context, untranslated."""
    import shutil

    for ts in i18n.ts_dir().glob("*.ts"):
        shutil.copy(ts, tmp_path / ts.name)
    before = {ts.name: _entries(ts) for ts in tmp_path.glob("*.ts")}
    monkeypatch.setattr(i18n, "ts_dir", lambda: tmp_path)
    i18n.update_sources()
    for name, entries in before.items():
        after = _entries(tmp_path / name)
        assert not [key for key in after if key[0] == ""], name
        assert not [key for key, text in after.items() if text == "?"], name
        assert after == entries, name


def test_every_supervisor_refusal_is_a_catalog_sentence_in_both_front_ends(language, tmp_path):  # type: ignore[no-untyped-def]
    """A wrong PIN (with one try left, and then locked) and an approval used twice: the CLI's
    English and the window's Chinese come from the same code."""
    from posrev.clock import Clock
    from posrev.errors import SupervisorError
    from posrev.gui import texts
    from posrev.supervisors import SupervisorStore

    store = SupervisorStore(tmp_path / "supervisors.sqlite3", udid="T-01", clock=Clock(),
                            audit=lambda event: None)
    refusals = []
    try:
        store.add_first("S1", "Ann Supervisor", "97531864")
        for _ in range(5):
            with pytest.raises(SupervisorError) as refused:
                store.approve("S1", "00000000", requester="C001", action="void", target="1",
                              reason="Customer left")
            refusals.append(refused.value)
    finally:
        store.close()
    store = SupervisorStore(tmp_path / "other.sqlite3", udid="T-01", clock=Clock(),
                            audit=lambda event: None)
    try:
        store.add_first("S2", "Bo Supervisor", "97531864")
        approval = store.approve("S2", "97531864", requester="C001", action="void", target="1",
                                 reason="Customer left")
        other = store.approve("S2", "97531864", requester="C001", action="void", target="1",
                              reason="Customer left")
        with pytest.raises(SupervisorError) as elsewhere:
            store.consume(other, requester="C001", action="refund", target="1")
        store.consume(approval, requester="C001", action="void", target="1")
        with pytest.raises(SupervisorError) as used:
            store.consume(approval, requester="C001", action="void", target="1")
    finally:
        store.close()
    fourth, last = refusals[3], refusals[4]
    assert str(fourth) == "Wrong PIN for supervisor S1; 1 more wrong PIN locks it for 5 minutes."
    assert str(last).startswith("Wrong PIN. Supervisor S1 is locked after 5 wrong PINs until ")
    assert str(used.value) == "This supervisor approval has already been used; ask again."
    assert texts.error_words(fourth) == str(fourth)
    assert language.apply("zh_HK")
    assert texts.error_words(fourth) == "主管 S1 的 PIN 錯誤；再錯 1 次便會鎖定 5 分鐘。"
    assert texts.error_words(used.value) == "這次主管批准已經用過；請重新申請。"
    assert str(elsewhere.value) == ("This supervisor approval was given for void on 1 requested "
                                    "by C001, not for refund on 1 requested by C001.")
    assert texts.error_words(elsewhere.value) == ("這次主管批准是給 C001 申請的撤銷（1），不是給 "
                                                  "C001 申請的退款（1）。")


def test_a_void_the_network_stopped_is_said_in_chinese_to_the_last_word(language):  # type: ignore[no-untyped-def]
    """The gateway client's reasons are sentences of the catalog too: a void to a closed port
    reads in Chinese in the window, reason included, and unchanged in English for the CLI."""
    import socket

    from posrev.gateway.client import Gateway, NotSent
    from posrev.gui import texts

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    gateway = Gateway(f"http://127.0.0.1:{port}", "APP", "KEY", connect_timeout=2)
    try:
        with pytest.raises(NotSent) as stopped:
            gateway.reversal({"syssn": "1", "txamt": 100, "txdtm": "2026-12-01 10:00:00",
                              "udid": "T-01"})
    finally:
        gateway.close_session()
    exc = stopped.value
    assert str(exc) == "The gateway could not be reached (connection refused); nothing was sent."
    assert exc.reason == "connection refused"  # what the journal's event details keep
    step = Text("happened.not_sent", {"reason": exc.reason_text})
    assert language.apply("zh_HK")
    assert texts.render(exc.text) == "無法連接網關（連線被拒），甚麼也沒有發送。"
    assert texts.render(step) == "甚麼也沒有發送（連線被拒）"
    assert language.apply("zh_CN")
    assert texts.render(step) == "没有发送任何请求（连接被拒绝）"
