"""Look: touch-sized targets (≥ 44 px), a large amount (≥ 24 pt), and colours that mean one
thing each. Colours pass WCAG AA with white text."""

from __future__ import annotations

MIN_TARGET = 44  # px, touch target (docs/GUI.md)
AMOUNT_PT = 30  # the amount on the transaction panel and in the confirmation (≥ 24 pt)

# Environment badge: unmistakable at a glance, and not only by colour (the text says it).
BADGE = {
    "DEMO": ("#6a1b9a", "#ffffff"),  # purple: nothing is real
    "TEST": ("#e65100", "#ffffff"),  # orange: real gateway, test money
    "LIVE": ("#1b5e20", "#ffffff"),  # green: real money
    "SIMULATOR": ("#00695c", "#ffffff"),  # teal: posrev's simulator outside the demo
}

# Tones. Green means one thing: done (a void confirmed). Before anything is done a verdict
# is blue ("go": the one button will act) or amber ("approve": after a supervisor);
# "stop": nothing can be done here; "refund": the customer paid, it takes a refund
# elsewhere; "info": a fact, nothing to do; "wait": not final yet.
TONE = {
    "go": ("#e3f2fd", "#0d47a1", "#1565c0"),  # background, text, border
    "approve": ("#fff8e1", "#7a4f00", "#f9a825"),
    "done": ("#e8f5e9", "#1b5e20", "#2e7d32"),
    "stop": ("#fbe9e7", "#8e1f0b", "#d84315"),
    "refund": ("#fce4ec", "#880e4f", "#c2185b"),
    "info": ("#eceff1", "#263238", "#78909c"),
    "wait": ("#fffde7", "#5d4300", "#fbc02d"),
}

VERDICT_TONE = {
    "reversible": "go",
    "closable": "go",
    "already_voided": "info",
    "failed_payment": "info",
    "paid_refund_required": "refund",
    "not_found": "info",
    "refund_record": "info",
    "already_refunded": "info",
    "unsupported_pay_type": "stop",
    "too_old": "stop",
    # refund verdicts (posrev.domain.refund)
    "refundable": "refund",
    "partly_refunded": "refund",
    "refund_too_old": "stop",
}

OUTCOME_TONE = {
    "voided": "done",
    "refunded": "done",
    "refund_required": "refund",
    "failed": "stop",
    "needs_manual": "approve",
    "handed_over": "stop",
    "pending": "wait",
    "unknown": "wait",
}

STYLESHEET = f"""
QPushButton, QToolButton, QComboBox, QLineEdit, QDateEdit {{
    min-height: {MIN_TARGET}px;
}}
QPushButton, QToolButton {{ padding: 0 16px; }}
QComboBox {{ combobox-popup: 0; }}
QComboBox QAbstractItemView::item, QListView::item {{ min-height: {MIN_TARGET}px; }}
QCheckBox, QRadioButton {{ min-height: {MIN_TARGET}px; spacing: 10px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 24px; height: 24px; }}
QLineEdit, QComboBox, QDateEdit {{ padding: 0 8px; }}
QPushButton#voidButton {{
    font-size: 16pt; font-weight: 600; min-height: 60px; padding: 0 28px;
    background: #1565c0; color: white; border: none; border-radius: 6px;
}}
QPushButton#voidButton:disabled {{ background: #b0bec5; color: #eceff1; }}
QPushButton#voidButton:focus {{ outline: 3px solid #ffb300; border: 3px solid #ffb300; }}
QPushButton#confirmButton {{
    font-weight: 600; background: #1565c0; color: white; border: none; border-radius: 6px;
}}
QLineEdit#lookupInput {{ font-size: 16pt; min-height: 52px; }}
QLabel#amountLabel {{ font-size: {AMOUNT_PT}pt; font-weight: 700; }}
QLabel#confirmAmountLabel {{ font-size: {AMOUNT_PT}pt; font-weight: 700; }}
QLabel#outcomeLabel {{ font-size: {AMOUNT_PT}pt; font-weight: 700; }}
QFrame#outcomeBanner {{ border-radius: 8px; }}
QLabel#verdictLabel {{ font-size: 13pt; padding: 10px; border-radius: 6px; }}
QLabel#progressLabel {{ font-size: 13pt; }}
QLabel#envBadge {{
    qproperty-alignment: AlignCenter;
    font-weight: 800; font-size: 12pt; padding: 4px 14px; border-radius: 4px;
    min-height: 32px;
}}
QLabel#txnStatusLabel {{ qproperty-alignment: 'AlignRight | AlignVCenter'; }}
QLabel#statusLine {{ color: #37474f; }}
QLabel#errorLine {{ color: #b71c1c; font-weight: 600; }}
QFrame#transactionPanel, QFrame#progressPanel, QFrame#outcomePanel, QFrame#candidatePanel,
QFrame#demoPanel {{
    border: 1px solid #cfd8dc; border-radius: 8px; background: palette(base);
}}
QPushButton.pad {{ font-size: 16pt; min-width: 64px; min-height: 52px; }}
"""


CONNECTION = {"unknown": "#546e7a", "ok": "#1b5e20", "unreachable": "#b71c1c",
              "unclear": "#e65100", "rejected": "#b71c1c"}


def badge_css(label: str) -> str:
    bg, fg = BADGE.get(label, ("#90a4ae", "#ffffff"))  # grey until the core says which
    return f"background: {bg}; color: {fg};"


def tone_css(tone: str) -> str:
    bg, fg, border = TONE[tone]
    return f"background: {bg}; color: {fg}; border: 2px solid {border};"
