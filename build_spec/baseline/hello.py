"""The size baseline (DESIGN.md §13): a bare PySide6 QtWidgets window, frozen like posrev."""

import sys

from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
label = QLabel("hello")
label.show()
if "--quit" in sys.argv:
    label.close()
    sys.exit(0)
sys.exit(app.exec())
