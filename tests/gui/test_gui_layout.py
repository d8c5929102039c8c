"""The GUI package's own rules: one module imports Qt; translations are complete and compile
on first use (a fresh ``pip install -e .`` has no .qm files)."""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from posrev.gui import i18n

GUI = pathlib.Path(__file__).resolve().parents[2] / "posrev" / "gui"
QT_MODULES = {"qt.py", "qt_selftest.py"}  # qt_selftest: the selftest's Qt half


def test_only_the_qt_module_imports_pyside6():
    offenders = []
    for path in sorted(GUI.glob("*.py")):
        if path.name in QT_MODULES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] in ("PySide6", "shiboken6") for n in names):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def _gui_imports() -> dict[str, set[str]]:
    """posrev.gui's modules and the posrev.gui modules each imports, anywhere in it (at the
    top, in a function, or for type checking only)."""
    modules = {p.stem for p in GUI.glob("*.py")} - {"__init__"}
    graph: dict[str, set[str]] = {}
    for name in modules:
        found = set()
        for node in ast.walk(ast.parse((GUI / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "posrev.gui":
                found |= {a.name for a in node.names if a.name in modules}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "posrev.gui."):
                found.add(node.module.split(".")[2])
            elif isinstance(node, ast.Import):
                found |= {a.name.split(".")[2] for a in node.names
                          if a.name.startswith("posrev.gui.")}
        graph[name] = found - {name}
    return graph


def test_no_window_imports_the_cashier_window_and_no_gui_import_runs_in_a_circle():
    graph = _gui_imports()
    assert sorted(m for m, imports in graph.items() if "main_window" in imports) == []

    def circle_from(start: str) -> list[str] | None:
        path, seen = [start], set()

        def walk(module: str) -> list[str] | None:
            for nxt in sorted(graph.get(module, ())):
                if nxt == start:
                    return [*path, nxt]
                if nxt not in seen:
                    seen.add(nxt)
                    path.append(nxt)
                    found = walk(nxt)
                    if found:
                        return found
                    path.pop()
            return None

        return walk(start)

    assert [c for c in map(circle_from, sorted(graph)) if c] == []


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
