# PyInstaller runtime hook: the frozen app on Windows always uses the Windows Credential
# Manager, whatever other keyring backend packages might be found. keyring honours this
# variable; an explicit setting by IT still wins.
import os
import sys

if sys.platform == "win32":
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.Windows.WinVaultKeyring")
