"""Build the posrev onedir for the platform this runs on: ``python build_spec/build.py``.

Steps: compile ``resources/i18n/*.ts`` to ``posrev/resources/i18n/*.qm`` (lrelease),
generate the icon and version resources from ``posrev.__version__`` into ``build/assets``,
then run PyInstaller on ``build_spec/posrev.spec``. Output: ``dist/posrev/`` with
``posrev`` (windowed) and ``posrev-cli`` (console), ``.exe`` on Windows.

``--prepare-only`` does the first two steps (the Wine build runs them on the Linux host,
where lrelease works) and ``--no-prepare`` skips them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "build_spec"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import assets  # noqa: E402
from onedir_size import tree_size  # noqa: E402


def package_version() -> str:
    import posrev  # the package's __init__ holds only the version (and a docstring)

    return posrev.__version__


def compile_translations() -> list[Path]:
    """``resources/i18n/*.ts`` -> ``posrev/resources/i18n/*.qm`` with the GUI's own compiler
    (``posrev.gui.i18n``: PySide6-Essentials' lrelease), where the GUI and selftest load them."""
    from posrev.gui.i18n import compile_catalogs, package_qm_dir

    try:
        made = compile_catalogs()
    except RuntimeError as exc:
        raise SystemExit(f"translations: {exc}") from None
    print(f"translations: {', '.join(p.name for p in made)} -> {package_qm_dir()}", flush=True)
    return made


def run_pyinstaller(spec: Path, distpath: Path, workpath: Path, assets_dir: Path,
                    clean: bool) -> None:
    cmd = [sys.executable, "-m", "PyInstaller", str(spec), "--noconfirm",
           "--distpath", str(distpath), "--workpath", str(workpath), "--log-level", "WARN"]
    if clean:
        cmd.append("--clean")
    env = dict(os.environ, POSREV_ASSETS=str(assets_dir))
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)


def build_baseline(distpath: Path, workpath: Path) -> Path:
    """The size baseline of DESIGN.md §13: a bare QtWidgets window, frozen with the same
    PyInstaller, interpreter and options (onedir, windowed, no UPX)."""
    hello = ROOT / "build_spec" / "baseline" / "hello.py"
    subprocess.run([sys.executable, "-m", "PyInstaller", str(hello), "--onedir", "--windowed",
                    "--noupx", "--noconfirm", "--name", "hello", "--distpath", str(distpath),
                    "--workpath", str(workpath), "--specpath", str(workpath),
                    "--log-level", "WARN"], check=True, cwd=ROOT)
    return distpath / "hello"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distpath", type=Path, default=ROOT / "dist")
    parser.add_argument("--workpath", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--assets", type=Path, default=ROOT / "build" / "assets")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--baseline", action="store_true",
                        help="build only the bare QtWidgets baseline onedir (size target) "
                             "into DISTPATH/hello")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--prepare-only", action="store_true",
                       help="compile translations and generate assets, then stop")
    group.add_argument("--no-prepare", action="store_true",
                       help="use the translations and assets already prepared")
    args = parser.parse_args(argv)

    version = package_version()
    started = time.perf_counter()
    if args.baseline:
        onedir = build_baseline(args.distpath, args.workpath)
        size, count = tree_size(onedir)
        print(f"baseline onedir: {onedir} {size / 2**20:.1f} MiB in {count} files; "
              f"build took {time.perf_counter() - started:.0f} s", flush=True)
        return 0
    if not args.no_prepare:
        compile_translations()
        assets.write_assets(args.assets, version)
        print(f"assets: icon and version resources for {version} -> {args.assets}", flush=True)
    if args.prepare_only:
        return 0
    run_pyinstaller(ROOT / "build_spec" / "posrev.spec", args.distpath, args.workpath,
                    args.assets, args.clean)
    onedir = args.distpath / "posrev"
    suffix = ".exe" if sys.platform == "win32" else ""
    for name in ("posrev", "posrev-cli"):
        if not (onedir / f"{name}{suffix}").is_file():
            raise SystemExit(f"build failed: {onedir / (name + suffix)} is missing")
    size, count = tree_size(onedir)
    print(f"onedir: {onedir} {size / 2**20:.1f} MiB in {count} files "
          f"(posrev {version}, {sys.platform}); build took {time.perf_counter() - started:.0f} s",
          flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
