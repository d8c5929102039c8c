"""Files PySide6's PyInstaller hooks collect that posrev never uses; the spec drops them and
``benchmarks/onedir_size.py`` uses the same rule for its like-for-like baseline figure."""

from __future__ import annotations

# Qt's own catalogs (standard buttons, dialogs) are kept for the languages posrev speaks.
QT_CATALOG_SUFFIXES = ("_en.qm", "_zh_CN.qm", "_zh_TW.qm", "_zh_HK.qm")


def unneeded(dest: str) -> bool:
    name = dest.replace("\\", "/")
    base = name.rsplit("/", 1)[-1]
    # Mesa's software OpenGL (20 MB): only for QOpenGL*/Quick without a GPU driver; posrev's
    # widgets paint with the raster engine.
    if base.lower() == "opengl32sw.dll":
        return True
    if "/translations/" in name and base.endswith(".qm"):
        return not base.endswith(QT_CATALOG_SUFFIXES)
    return False
