"""Frozen size target (DESIGN.md §13): posrev's onedir vs a bare PySide6 QtWidgets onedir built
the same way in the same run (``build_spec/build.py --baseline``), plus installer sizes.

    python benchmarks/onedir_size.py APP_ONEDIR BASELINE_ONEDIR [--file INSTALLER ...]
        [--label TEXT] [--max-ratio 1.2]

Prints one line per figure; exits 1 when the ratio is over ``--max-ratio``. Also prints, for
information, the ratio against the baseline without the Qt files posrev's spec drops.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "build_spec"))
from trim import unneeded  # noqa: E402  (the spec's own rule for Qt files posrev drops)

MIB = 2**20


def tree_size(folder: Path, trimmed: bool = False) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()
             and not (trimmed and unneeded(str(p.relative_to(folder))))]
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
    # For information: the baseline with the same Qt trimming as posrev's spec (like for like).
    trimmed, _ = tree_size(args.baseline, trimmed=True)
    print(f"{label}onedir size ratio vs the baseline trimmed like posrev "
          f"({trimmed / MIB:.1f} MiB): {app / trimmed:.2f}x")
    return 0 if ratio <= args.max_ratio else 1


if __name__ == "__main__":
    raise SystemExit(main())
