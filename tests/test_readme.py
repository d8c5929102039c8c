"""README's two commands are the ones CI runs; what README lists exists."""

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]


def sh_blocks(text):
    return re.findall(r"```sh\n(.*?)```", text, flags=re.S)


def test_ci_runs_readmes_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = sh_blocks(readme)
    run_cmd, test_cmd = blocks[0].strip(), blocks[1].strip()
    assert run_cmd == "scripts/bootstrap && posrev --demo"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_cmd in [line.strip() for line in ci.splitlines()]


def test_scripts_named_in_readme_exist():
    for path in ("scripts/bootstrap", "scripts/test", "docs/IT-GUIDE.md",
                 "benchmarks/README.md"):
        assert (ROOT / path).exists(), path
