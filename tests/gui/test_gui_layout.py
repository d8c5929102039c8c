"""The GUI package's own rules: one module imports Qt; translations are complete and compile
on first use (a fresh ``pip install -e .`` has no .qm files)."""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from import_graph import cycles, graph, imports, within

from posrev.gui import i18n

GUI = pathlib.Path(__file__).resolve().parents[2] / "posrev" / "gui"
QT_MODULES = {"qt.py", "qt_selftest.py"}  # qt_selftest: the selftest's Qt half


def test_only_the_qt_module_imports_pyside6():
    offenders = []
    for path in sorted(GUI.glob("*.py")):
        if path.name in QT_MODULES:
            continue
        for node in imports(ast.parse(path.read_text(encoding="utf-8")), type_checking=True):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""]
            if any(n.split(".")[0] in ("PySide6", "shiboken6") for n in names):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def _gui_imports() -> dict[str, set[str]]:
    """posrev.gui's modules and the posrev.gui modules each imports, anywhere in it (at the
    top, in a function, or for type checking only)."""
    return within(graph(type_checking=True), "posrev.gui")


def test_the_gui_graph_is_read():
    gui = _gui_imports()
    assert "main_window" in gui and "qt" in gui and "__init__" not in gui
    assert "session" in gui["main_window"]  # from posrev.gui.session import ...
    assert "texts" in gui["slip"]  # from posrev.gui import texts
    assert "session" in gui["slip"]  # under if TYPE_CHECKING: only
    assert "session" not in within(graph(), "posrev.gui")["slip"]
    assert set().union(*gui.values()) <= set(gui)  # only the package's own modules


def test_no_window_imports_the_cashier_window_and_no_gui_import_runs_in_a_circle():
    gui = _gui_imports()
    assert sorted(m for m, imported in gui.items() if "main_window" in imported) == []
    assert cycles(gui) == []


def test_importing_posrev_gui_loads_no_qt():
    code = ("import sys, posrev.gui\n"
            "print([m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("lang", ["zh_HK", "zh_CN"])
def test_every_text_is_translated_and_keeps_its_placeholders(lang):
    root = ET.parse(i18n.ts_dir() / f"posrev_{lang}.ts").getroot()
    problems = []
    for context in root.findall("context"):
        for message in context.findall("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            text = translation.text or ""
            if translation.get("type") in ("unfinished", "vanished", "obsolete") or not text:
                problems.append(f"untranslated: {source}")
            for mark in ("%1", "%2", "%3", "%4"):
                if (mark in source) != (mark in text):
                    problems.append(f"placeholder {mark}: {source}")
            if "&" in source and "&" not in text:
                problems.append(f"mnemonic lost: {source}")
    assert problems == []


def test_catalogs_compile_on_first_use(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "package_qm_dir", lambda: tmp_path / "pkg")
    monkeypatch.setattr(i18n, "cache_qm_dir", lambda: tmp_path / "cache")
    qm = i18n.qm_file("zh_HK")
    assert qm == tmp_path / "pkg" / "posrev_zh_HK.qm"
    assert qm.read_bytes()[:4] == bytes.fromhex("3cb86418")


def test_catalogs_fall_back_to_a_cache_when_the_package_is_read_only(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("")
    monkeypatch.setattr(i18n, "package_qm_dir", lambda: blocked / "i18n")
    monkeypatch.setattr(i18n, "cache_qm_dir", lambda: tmp_path / "cache")
    assert i18n.qm_file("zh_CN") == tmp_path / "cache" / "posrev_zh_CN.qm"


def test_compile_command(tmp_path):
    assert i18n.main(["--compile", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["posrev_zh_CN.qm", "posrev_zh_HK.qm"]


def test_a_long_session_does_not_exhaust_none_true_or_false():
    # PySide6 6.12 on CPython 3.11 drops a reference to None on every void call and to
    # True/False on every signal emission; posrev.gui.qt makes them immortal (see there).
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from posrev.gui.qt import QApplication, QLabel, QObject, Signal\n"
        "app = QApplication([])\n"
        "class E(QObject):\n"
        "    s = Signal(object)\n"
        "e = E(); e.s.connect(lambda v: None); label = QLabel()\n"
        "for i in range(100_000): label.setText('x')\n"
        "for i in range(20_000): e.s.emit(False)\n"
        "print('alive')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.strip() == "alive"


def test_every_translation_context_is_one_the_code_looks_up():
    # self.tr() looks texts up under the class name; translate("X", ...) under "X". A
    # lookup under another name (say, some_window.tr() in another class) finds nothing.
    known = set(i18n.core_catalogs())
    for path in GUI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                known.add(node.name)
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") in (
                    "translate", "QT_TRANSLATE_NOOP") and node.args \
                    and isinstance(node.args[0], ast.Constant):
                known.add(node.args[0].value)
    root = ET.parse(i18n.ts_dir() / "posrev_zh_HK.ts").getroot()
    contexts = {c.findtext("name") for c in root.findall("context")}
    assert contexts - known == set()


def test_windows_collected_by_python_do_not_crash_the_process_at_exit():
    # A lambda capturing the window in a signal connection, or a Python event filter left
    # installed, made PySide crash at exit once a window was freed by the garbage collector.
    code = (
        "import gc, os\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from posrev.gui.qt import QApplication\n"
        "app = QApplication([])\n"
        "from posrev.gui.main_window import MainWindow\n"
        "for _ in range(3):\n"
        "    window = MainWindow(None, cashier='C001')\n"
        "    window.show(); app.processEvents(); window.shutdown(); window.close()\n"
        "    del window; gc.collect(); app.processEvents()\n"
        "print('clean')\n")
    for _ in range(3):  # the crash was not every time
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=120)
        assert (proc.returncode, proc.stdout.strip()) == (0, "clean"), proc.stderr[-500:]
