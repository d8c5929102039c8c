"""The Qt half of ``posrev selftest`` (DESIGN.md §12): Qt plugin, print support, translations.

Kept here because only ``posrev.gui`` may use Qt (through ``posrev.gui.qt``, as the rest of the
GUI does); ``posrev.selftest`` imports this module lazily, when the Qt checks run. Each
function returns a short detail for the report or raises ``RuntimeError`` with a reason a
person can act on.
"""

from __future__ import annotations

import os
import struct
import sys
import tempfile
from pathlib import Path

from posrev.gui.qt import QApplication, QLabel, QLibraryInfo, QPainter, QTranslator, print_support
from posrev.locales import TRANSLATED

LANGUAGES = TRANSLATED


def _plugin_dirs() -> list[Path]:
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))]
    dirs += [Path(p) for p in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    return dirs


def choose_platform(requested: str | None) -> str:
    """The platform plugin to use: the requested one, ``QT_QPA_PLATFORM``, the system default,
    or ``offscreen`` when there is no display (a CI box, a service, Wine)."""
    if requested:
        return requested
    if os.environ.get("QT_QPA_PLATFORM"):
        return os.environ["QT_QPA_PLATFORM"].split(":")[0]
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "cocoa"
    if os.environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    if os.environ.get("DISPLAY"):
        return "xcb"
    return "offscreen"


def _find_plugin(name: str) -> Path | None:
    for folder in _plugin_dirs():
        platforms = folder / "platforms"
        if not platforms.is_dir():
            continue
        for entry in platforms.iterdir():
            stem = entry.name.split(".")[0]
            if stem in (f"libq{name}", f"q{name}", f"q{name}d"):
                return entry
    return None


def application(platform: str | None = None) -> QApplication:
    """The process's QApplication, created on the chosen platform after checking that the
    plugin file exists (a missing plugin makes Qt abort the process, with no way to report)."""
    app = QApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    name = choose_platform(platform)
    plugin = _find_plugin(name)
    if plugin is None:
        searched = ", ".join(str(d / "platforms") for d in _plugin_dirs())
        raise RuntimeError(f"the '{name}' platform plugin is not installed (searched {searched})")
    return QApplication([sys.argv[0] if sys.argv else "posrev", "-platform", name])


def check_platform(platform: str | None = None) -> str:
    app = application(platform)
    label = QLabel("posrev selftest")
    label.resize(200, 60)
    label.show()
    app.processEvents()
    image = label.grab().toImage()
    label.close()
    label.deleteLater()
    app.processEvents()
    if image.isNull() or image.width() < 1:
        raise RuntimeError(f"the '{app.platformName()}' platform cannot render a widget")
    return app.platformName()


def check_print_support() -> str:
    """Slips print through QtPrintSupport; render one line into a PDF to prove it is there."""
    QPrinter = print_support().QPrinter  # noqa: N806 - Qt's class name

    application()
    with tempfile.TemporaryDirectory(prefix="posrev-selftest-") as tmp:
        target = Path(tmp) / "slip.pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        painter = QPainter()
        if not painter.begin(printer):
            raise RuntimeError("cannot start printing to PDF")
        painter.drawText(100, 100, "posrev selftest")
        painter.end()
        size = target.stat().st_size if target.exists() else 0
        if size < 100 or not target.read_bytes().startswith(b"%PDF"):
            raise RuntimeError("printing to PDF produced no document")
    return "PDF"


# -- translations -------------------------------------------------------------------------------
def qm_messages(data: bytes) -> list[tuple[str, str, str, str]]:
    """(context, source, comment, translation) of each message in a compiled ``.qm`` file.

    The format is Qt's (qtbase ``QTranslator``/linguist ``qm.cpp``): a magic number, then
    tagged blocks; the messages block (tag 0x69) holds tag-length-value records."""
    magic = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
    if not data.startswith(magic):
        raise ValueError("not a Qt .qm file")
    pos, messages_block = len(magic), b""
    while pos + 5 <= len(data):
        tag, length = data[pos], struct.unpack(">I", data[pos + 1:pos + 5])[0]
        if tag == 0x69:
            messages_block = data[pos + 5:pos + 5 + length]
        pos += 5 + length
    out: list[tuple[str, str, str, str]] = []
    fields = {"context": "", "source": "", "comment": "", "translation": ""}
    pos = 0
    while pos < len(messages_block):
        tag = messages_block[pos]
        pos += 1
        if tag == 1:  # end of message
            out.append((fields["context"], fields["source"], fields["comment"],
                        fields["translation"]))
            fields = {"context": "", "source": "", "comment": "", "translation": ""}
            continue
        if tag in (5, 9):  # obsolete tags without payload
            continue
        length = struct.unpack(">I", messages_block[pos:pos + 4])[0]
        pos += 4
        if length == 0xFFFFFFFF:
            continue
        raw = messages_block[pos:pos + length]
        pos += length
        if tag == 3:
            fields["translation"] = raw.decode("utf-16-be", "replace")
        elif tag in (6, 7, 8):
            name = {6: "source", 7: "context", 8: "comment"}[tag]
            fields[name] = raw.decode("utf-8", "replace")
    return out


def check_translations(languages: tuple[str, ...] = LANGUAGES) -> str:
    """The catalogs the GUI loads (``posrev.gui.i18n.qm_file``: ``posrev/resources/i18n``)
    exist, load into a QTranslator and translate one of their own messages."""
    from posrev.gui import i18n

    results = []
    for lang in languages:
        qm = i18n.qm_file(lang)
        if qm is None or not qm.is_file():
            raise RuntimeError(f"no {lang} translation ({i18n.CATALOG}_{lang}.qm) in "
                               f"{i18n.package_qm_dir()}")
        probe = next((m for m in qm_messages(qm.read_bytes())
                      if m[0] and m[1] and m[3] and m[3] != m[1]), None)
        if probe is None:
            raise RuntimeError(f"{qm.name} contains no translated message")
        translator = QTranslator()
        if not translator.load(str(qm)):
            raise RuntimeError(f"Qt cannot load {qm}")
        context, source, comment, expected = probe
        got = translator.translate(context, source, comment or None)
        if got != expected:
            raise RuntimeError(f"{qm.name}: '{source}' translated to {got!r}, "
                               f"expected {expected!r}")
        results.append(f"{lang}: '{source}' -> '{got}'")
    return "; ".join(results)
