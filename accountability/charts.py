"""Server-rendered SVG charts: geometry computed here, markup in templates/accountability/includes/.

No script, no ``style`` attribute (the public CSP allows neither): colours
come from classes in static/accountability/statistics.css, sizes from the
``viewBox`` so the chart scales to the column (readable at 360 px). Each
chart is ``role="img"`` with a title and a description, and the page shows
the same figures as a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 480
HEIGHT = 300
PAD_LEFT = 52
PAD_RIGHT = 28
PAD_TOP = 16
PAD_BOTTOM = 40


def nice_max(value: float) -> int:
    """A round top for the axis: 1, 2, 5 × 10^n at or above ``value``."""
    if value <= 0:
        return 1
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


@dataclass
class Series:
    key: str
    label: str
    points: str  # "x,y x,y …" for <polyline>
    dots: list[tuple[float, float, int]]


def line_chart(rows: list[dict], series: list[tuple[str, str]]) -> dict:
    """A line per series over the rows (months): polylines, axis ticks and labels."""
    top = nice_max(max([row[key] or 0 for row in rows for key, _label in series] or [0]))
    inner_w = WIDTH - PAD_LEFT - PAD_RIGHT
    inner_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = inner_w / max(len(rows) - 1, 1)

    def x(i):
        return round(PAD_LEFT + i * step, 1)

    def y(value):
        return round(PAD_TOP + inner_h - inner_h * (value or 0) / top, 1)

    lines = []
    for key, label in series:
        dots = [(x(i), y(row[key]), row[key] or 0) for i, row in enumerate(rows)]
        lines.append(Series(key, label, " ".join(f"{px},{py}" for px, py, _v in dots), dots))
    ticks = [{"y": y(top * f / 4), "label": round(top * f / 4)} for f in range(5)]
    # every other month: at 360 px the chart is ~340 px wide and each label must stay legible (18 units ≈ 13 px)
    last = len(rows) - 1
    xlabels = [{"x": x(i), "label": f"{row['month']:%m/%y}"} for i, row in enumerate(rows) if (last - i) % 2 == 0]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": PAD_LEFT,
        "right": WIDTH - PAD_RIGHT,
        "bottom": HEIGHT - PAD_BOTTOM,
        "label_y": HEIGHT - PAD_BOTTOM + 18,
        "series": lines,
        "ticks": ticks,
        "xlabels": xlabels,
    }


BAR_H = 20
BAR_GAP = 30  # label above the bar: long agency names wrap nowhere, they sit on their own line
BAR_LEFT = 4


def bar_chart(items: list[dict], *, value_key: str, label_key: str, limit: int = 20) -> dict:
    """Horizontal bars 0–100 (%), the label above each bar, the value at its end."""
    shown = [item for item in items if item.get(value_key) is not None][:limit]
    inner_w = WIDTH - BAR_LEFT - 76
    bars = []
    for i, item in enumerate(shown):
        top = 8 + i * (BAR_H + BAR_GAP)
        value = item[value_key]
        bars.append(
            {
                "label": item[label_key],
                "value": value,
                "label_y": top + 18,
                "y": top + 24,
                "width": round(inner_w * value / 100, 1),
                "value_x": round(BAR_LEFT + inner_w * value / 100 + 6, 1),
                "value_y": top + 24 + 16,
                "late": value < 100,
            }
        )
    height = 20 + len(shown) * (BAR_H + BAR_GAP)
    return {
        "width": WIDTH,
        "height": max(height, 40),
        "left": BAR_LEFT,
        "track": inner_w,
        "bars": bars,
        "bar_h": BAR_H,
    }
