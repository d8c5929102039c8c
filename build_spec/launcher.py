"""Entry script of both frozen executables (``posrev`` windowed, ``posrev-cli`` console).

Same code, two subsystems: Windows gives a windowed exe no console, so the command line
(``posrev-cli selftest``, scripts, IT) uses the console twin.
"""

import sys

from posrev.cli import main

if __name__ == "__main__":
    sys.exit(main())
