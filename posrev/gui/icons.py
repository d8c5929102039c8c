"""The outcome banner's icons, drawn (no icon font or image file to ship): a filled circle in
the tone's colour with a white mark, so the outcome reads by shape as well as colour."""

from __future__ import annotations

from posrev.gui import style


def outcome_icon(tone: str, size: int = 64):  # type: ignore[no-untyped-def]  # noqa: ANN201
    """A QPixmap: ✓ done, ✕ stop, ! refund/approve, a clock for wait, i otherwise."""
    from posrev.gui.qt import QColor, QPainter, QPainterPath, QPen, QPixmap, QPointF, Qt

    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(style.TONE[tone][2]))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    pen = QPen(QColor("#ffffff"), size / 9)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    s = size / 64

    def p(x: float, y: float) -> QPointF:
        return QPointF(x * s, y * s)

    if tone == "done":
        path = QPainterPath(p(18, 33))
        path.lineTo(p(28, 43))
        path.lineTo(p(46, 22))
        painter.drawPath(path)
    elif tone == "stop":
        painter.drawLine(p(22, 22), p(42, 42))
        painter.drawLine(p(42, 22), p(22, 42))
    elif tone == "wait":
        painter.drawEllipse(p(16, 16).x(), p(16, 16).y(), 32 * s, 32 * s)
        painter.drawLine(p(32, 32), p(32, 22))
        painter.drawLine(p(32, 32), p(39, 36))
    elif tone in ("refund", "approve"):
        painter.drawLine(p(32, 16), p(32, 36))
        painter.drawPoint(p(32, 47))
    else:
        painter.drawPoint(p(32, 18))
        painter.drawLine(p(32, 28), p(32, 46))
    painter.end()
    return pixmap
