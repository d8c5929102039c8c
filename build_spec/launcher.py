"""Entry script of both frozen executables (``posrev`` windowed, ``posrev-cli`` console).

Same code, two subsystems: Windows gives a windowed exe no console, so the command line
(``posrev-cli selftest``, scripts, IT) uses the console twin.
"""

import sys

try:
    from posrev.cli import main
except ModuleNotFoundError as exc:  # until posrev.cli lands, the frozen app can self-test
    if exc.name != "posrev.cli":
        raise

    def main() -> int:
        if sys.argv[1:2] == ["selftest"]:
            from posrev.selftest import main as selftest

            return selftest(sys.argv[2:])
        print("posrev: only 'selftest' is available in this build", file=sys.stderr)
        return 2

if __name__ == "__main__":
    sys.exit(main())
