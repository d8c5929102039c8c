"""Frozen size target (SPEC §11): posrev's onedir vs a bare PySide6 QtWidgets onedir built
the same way in the same run (``build_spec/build.py --baseline``), plus installer sizes.

    python benchmarks/onedir_size.py APP_ONEDIR BASELINE_ONEDIR [--file INSTALLER ...]
        [--label TEXT] [--max-ratio 1.2]

Prints one line per figure; exits 1 when the ratio is over ``--max-ratio``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

MIB = 2**20


def tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", type=Path)
    parser.add_argument("baseline", type=Path)
    parser.add_argument("--file", type=Path, action="append", default=[],
                        help="an installer or archive whose size to print")
    parser.add_argument("--label", default="")
    parser.add_argument("--max-ratio", type=float, default=1.2)
    args = parser.parse_args(argv)
    label = f"[{args.label}] " if args.label else ""
    for folder in (args.app, args.baseline):
        if not folder.is_dir():
            print(f"{label}missing onedir: {folder}")
            return 1
    app, app_files = tree_size(args.app)
    base, base_files = tree_size(args.baseline)
    ratio = app / base
    print(f"{label}posrev onedir:   {app / MIB:7.1f} MiB  {app_files:5d} files  {args.app}")
    print(f"{label}baseline onedir: {base / MIB:7.1f} MiB  {base_files:5d} files  {args.baseline}")
    for file in args.file:
        if file.is_file():
            print(f"{label}{file.name}: {file.stat().st_size / MIB:.1f} MiB")
        else:
            print(f"{label}{file.name}: missing")
    verdict = "within" if ratio <= args.max_ratio else "OVER"
    print(f"{label}onedir size ratio: {ratio:.2f}x (target <= {args.max_ratio}x: {verdict})")
    return 0 if ratio <= args.max_ratio else 1


if __name__ == "__main__":
    raise SystemExit(main())
