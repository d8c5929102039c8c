"""The languages posrev speaks: the one list the CLI, the config check and the window use.

A module of its own so the window can parse its options before it paints without loading the
configuration machinery (docs/GUI.md, "ready to scan").
"""

# Each language by its code, with its name as its speakers write it (the window's picker).
NAMES: dict[str, str] = {"en": "English", "zh_HK": "繁體中文", "zh_CN": "简体中文"}
LANGUAGES = tuple(NAMES)
SOURCE = "en"  # the language the texts are written in; the others are translations
TRANSLATED = tuple(code for code in LANGUAGES if code != SOURCE)
