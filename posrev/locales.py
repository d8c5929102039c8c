"""The languages posrev speaks: the one list the CLI, the config check and the window use.

A module of its own so the window can parse its options before it paints without loading the
configuration machinery (docs/GUI.md, "ready to scan").
"""

LANGUAGES = ("en", "zh_HK", "zh_CN")
