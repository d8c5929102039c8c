"""README's two commands are the ones CI runs; what README lists exists."""

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]


def sh_blocks(text):
    return re.findall(r"```sh\n(.*?)```", text, flags=re.S)


def test_ci_runs_readmes_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = sh_blocks(readme)
    run_cmd, test_cmd = blocks[0].strip(), blocks[1].strip()
    assert run_cmd == "scripts/bootstrap && scripts/posrev --demo"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.strip() for line in ci.splitlines()]
    assert test_cmd in lines
    assert f"sh -c '{run_cmd}'" in lines
    # the system Python comes first on PATH before either command runs
    path_line = next(i for i, line in enumerate(lines) if line.startswith('export PATH="/usr/'))
    assert path_line < lines.index(f"sh -c '{run_cmd}'") < lines.index(test_cmd)


def test_bootstrap_never_installs_into_the_system_python():
    text = (ROOT / "scripts" / "bootstrap").read_text(encoding="utf-8")
    assert "--break-system-packages" not in text
    pip_lines = [line for line in text.splitlines() if "pip install" in line
                 and not line.lstrip().startswith("#")]
    assert pip_lines and all('"$VENV/bin/python" -m pip' in line for line in pip_lines)


def test_scripts_named_in_readme_exist():
    for path in ("scripts/bootstrap", "scripts/test", "scripts/posrev", "docs/IT-GUIDE.md",
                 "benchmarks/README.md"):
        assert (ROOT / path).exists(), path
