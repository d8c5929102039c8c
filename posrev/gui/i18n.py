"""Languages: English (the source), 繁體中文 (zh_HK), 简体中文 (zh_CN), switchable live.

Sources are Qt Linguist ``.ts`` files in ``resources/i18n/``; the compiled ``.qm`` files are
build outputs (gitignored) in ``posrev/resources/i18n/``, where the packaged app and
``posrev selftest`` look for them. A fresh ``pip install -e .`` has no ``.qm`` yet, so the
first use compiles them with Qt's ``lrelease`` (shipped in PySide6-Essentials) into the
package folder, or a cache folder when the package is read-only.

``python -m posrev.gui.i18n --compile`` compiles them explicitly (the build does this).
Switching language installs a new ``QTranslator``; Qt then sends every widget a
``LanguageChange`` event and each widget re-reads its texts (no restart).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import posrev
from posrev.gui.qt import (
    PYSIDE_DIR,
    QApplication,
    QCoreApplication,
    QFont,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
)
from posrev.locales import NAMES

log = logging.getLogger(__name__)

# code -> the language's own name (shown in the switcher, never translated)
LANGUAGES: dict[str, str] = NAMES  # one list: posrev/locales.py
# Qt's own strings (standard buttons, wizard buttons): zh_HK uses the traditional set.
QT_CATALOG = {"zh_HK": "zh_TW", "zh_CN": "zh_CN"}
# Preferred UI fonts per language; Qt falls back through the list, then to fontconfig.
FONT_FAMILIES = {
    "en": ["Segoe UI", "Noto Sans", "DejaVu Sans"],
    "zh_HK": ["Microsoft JhengHei UI", "Microsoft JhengHei", "Noto Sans CJK HK",
              "Noto Sans CJK TC", "PingFang HK", "Segoe UI"],
    "zh_CN": ["Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "PingFang SC",
              "Segoe UI"],
}
CATALOG = "posrev"


def package_qm_dir() -> Path:
    return Path(posrev.__file__).resolve().parent / "resources" / "i18n"


def ts_dir() -> Path:
    """The ``.ts`` sources: ``resources/i18n`` at the top of a source checkout."""
    return Path(posrev.__file__).resolve().parent.parent / "resources" / "i18n"


def cache_qm_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("posrev", appauthor=False)) / "i18n"


def lrelease() -> str | None:
    """Qt's lrelease: next to PySide6 (PySide6-Essentials ships it), else on PATH."""
    import shutil

    for name in ("lrelease", "lrelease.exe"):
        if (PYSIDE_DIR / name).is_file():
            return str(PYSIDE_DIR / name)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compile_catalogs(out_dir: Path | None = None) -> list[Path]:
    """Compile every ``.ts`` in :func:`ts_dir` into ``out_dir`` (default: the package)."""
    sources = sorted(ts_dir().glob(f"{CATALOG}_*.ts"))
    if not sources:
        raise RuntimeError(f"no translation sources ({CATALOG}_*.ts) in {ts_dir()}")
    import subprocess

    tool = lrelease()
    if tool is None:
        raise RuntimeError("Qt's lrelease was not found (it comes with PySide6-Essentials)")
    out_dir = out_dir or package_qm_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for ts in sources:
        qm = out_dir / ts.with_suffix(".qm").name
        proc = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True,
                              text=True, check=False)
        if proc.returncode != 0 or not qm.exists():
            raise RuntimeError(f"lrelease failed on {ts.name}: {proc.stderr.strip()}")
        made.append(qm)
    return made


def core_catalogs() -> dict[str, list[str]]:
    """Texts written outside the GUI's sources, translated under these contexts: every
    sentence of ``posrev.messages`` (as ``%1``-style sources, ``posrev.gui.texts.render``)
    and the approval reasons a supervisor picks from."""
    from posrev import messages
    from posrev.refunds import REFUND_REASONS
    from posrev.supervisors import REASONS, SETTINGS_REASONS

    reasons = list(dict.fromkeys(REASONS + SETTINGS_REASONS + list(REFUND_REASONS)))
    sentences = list(dict.fromkeys(messages.qt_source(code) for code in messages.CATALOG))
    return {messages.CONTEXT: sentences,
            "Reasons": reasons}


def update_sources() -> list[Path]:
    """Developer step: re-extract the GUI's texts into the ``.ts`` files (keeping the
    translations made), and add the core's tables. Translate with Qt Linguist afterwards."""
    import shutil
    import subprocess
    import xml.etree.ElementTree as ET

    tool = next((str(PYSIDE_DIR / n) for n in ("lupdate", "lupdate.exe")
                 if (PYSIDE_DIR / n).is_file()), None) or shutil.which("pyside6-lupdate")
    if tool is None:
        raise RuntimeError("Qt's lupdate was not found (it comes with PySide6-Essentials)")
    gui = Path(__file__).resolve().parent
    sources = [str(p) for p in sorted(gui.glob("*.py"))
               if p.name not in ("qt.py", "qt_selftest.py", "i18n.py")]
    made = []
    for lang in LANGUAGES:
        if lang == "en":
            continue
        ts = ts_dir() / f"{CATALOG}_{lang}.ts"
        ts.parent.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run([tool, "-silent", "-locations", "none", *sources, "-ts", str(ts)],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"lupdate failed: {proc.stderr.strip()}")
        tree = ET.parse(ts)
        root = tree.getroot()
        root.set("language", lang)
        catalogs = core_catalogs()
        for context in root.findall("context"):  # texts gone from the GUI's sources
            if context.findtext("name") in catalogs:
                continue
            for message in context.findall("message"):
                translation = message.find("translation")
                if translation is not None and translation.get("type") in ("vanished",
                                                                          "obsolete"):
                    context.remove(message)
            if not context.findall("message"):
                root.remove(context)
        for name, texts in catalogs.items():
            found = next((c for c in root.findall("context") if c.findtext("name") == name),
                         None)
            if found is None:
                found = ET.SubElement(root, "context")
                ET.SubElement(found, "name").text = name
            context = found
            known = {m.findtext("source"): m for m in context.findall("message")}
            for text in texts:
                kept = known.get(text)
                if kept is None:
                    added = ET.SubElement(context, "message")
                    ET.SubElement(added, "source").text = text
                    ET.SubElement(added, "translation", type="unfinished")
                    continue
                translation = kept.find("translation")
                if translation is not None and translation.get("type") in ("vanished",
                                                                          "obsolete"):
                    if translation.text:
                        del translation.attrib["type"]
                    else:
                        translation.set("type", "unfinished")
        ET.indent(tree)
        tree.write(ts, encoding="utf-8", xml_declaration=True)
        made.append(ts)
    return made


def _stale(qm: Path) -> bool:
    ts = ts_dir() / qm.with_suffix(".ts").name
    try:
        return not qm.exists() or (ts.exists() and ts.stat().st_mtime > qm.stat().st_mtime)
    except OSError:
        return True


def qm_file(lang: str) -> Path | None:
    """The compiled catalog for ``lang``, compiling it on first use if it is missing or older
    than its source (a checkout, ``pip install -e .``)."""
    name = f"{CATALOG}_{lang}.qm"
    for folder in (package_qm_dir(), cache_qm_dir()):
        if not _stale(folder / name):
            return folder / name
    if not (ts_dir() / f"{CATALOG}_{lang}.ts").exists():
        existing = package_qm_dir() / name  # an installed app: use what was built
        return existing if existing.exists() else None
    for folder in (package_qm_dir(), cache_qm_dir()):
        try:
            compile_catalogs(folder)
            return folder / name
        except (OSError, RuntimeError) as exc:
            log.warning("cannot compile translations into %s: %s", folder, exc)
    return None


def qt_catalog_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def qt_catalog_dirs() -> list[str]:
    """Where Qt's own catalogs (``qtbase_zh_TW.qm``: standard buttons, the file and print
    dialogs) may be: Qt's translations folder, PySide6's (a frozen build puts them there),
    and posrev's own catalog folder."""
    found = [qt_catalog_dir(), str(PYSIDE_DIR / "Qt" / "translations"),
             str(PYSIDE_DIR / "translations"), str(package_qm_dir())]
    return list(dict.fromkeys(d for d in found if d))


def load_qt_catalog(translator: QTranslator, lang: str) -> bool:
    name = f"qtbase_{QT_CATALOG[lang]}"
    for folder in qt_catalog_dirs():
        if translator.load(name, folder):
            return True
    log.warning("Qt's own %s catalog (%s.qm) was not found; Qt's dialogs stay in English",
                lang, name)
    return False


class Languages(QObject):
    """Installs the translators for one language at a time."""

    def __init__(self, app: QCoreApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._installed: list[QTranslator] = []
        self.current = "en"

    @classmethod
    def for_app(cls, app: QCoreApplication) -> Languages:
        """The one instance per application, so a second window never stacks translators."""
        found = app.findChild(Languages, "posrevLanguages")
        if found is None:
            found = cls(app, parent=app)
            found.setObjectName("posrevLanguages")
        return found

    def apply(self, lang: str) -> bool:
        """Switch to ``lang``; False (and English stays) if its catalog cannot be loaded."""
        if lang not in LANGUAGES:
            lang = "en"
        translators: list[QTranslator] = []
        if lang != "en":
            qm = qm_file(lang)
            own = QTranslator(self)
            if qm is None or not own.load(str(qm)):
                log.warning("no usable translation for %s", lang)
                return False
            translators.append(own)
            qt_own = QTranslator(self)
            if load_qt_catalog(qt_own, lang):
                translators.append(qt_own)
        for old in self._installed:
            self._app.removeTranslator(old)
        for new in translators:
            self._app.installTranslator(new)
        self._installed = translators
        self.current = lang
        QLocale.setDefault(QLocale(lang.replace("_", "-") if lang != "en" else "en-HK"))
        if isinstance(self._app, QApplication):
            font = QFont(self._app.font())
            font.setFamilies(FONT_FAMILIES[lang])
            self._app.setFont(font)
        return True


def current_language() -> str:
    """The language the application shows now ("en" before any switch)."""
    app = QCoreApplication.instance()
    found = app.findChild(Languages, "posrevLanguages") if app is not None else None
    return found.current if found is not None else "en"


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m posrev.gui.i18n",
                                     description="Compile posrev's translations (.ts -> .qm).")
    parser.add_argument("--compile", action="store_true", help="compile every catalog")
    parser.add_argument("--update", action="store_true",
                        help="re-extract texts into the .ts sources (developers)")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: the package's)")
    args = parser.parse_args(argv)
    if not (args.compile or args.update):
        parser.print_help()
        return 2
    try:
        made = update_sources() if args.update else []
        if args.compile:
            made += compile_catalogs(Path(args.out) if args.out else None)
    except (OSError, RuntimeError) as exc:
        print(f"posrev: {exc}", file=sys.stderr)
        return 1
    for qm in made:
        print(os.fspath(qm))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
