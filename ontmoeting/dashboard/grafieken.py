"""The dashboard's charts as data for inline SVG (no script: they print, work without
JavaScript and render in the PDF). The x-axis labels never run into each other: a
bar's label is broken into short lines that fit under its bar, and the trend's dates
are turned up and, on a long trend, thinned out."""

from __future__ import annotations

import textwrap

from django.utils.formats import date_format

CHART_W, CHART_H, PAD, PAD_BOTTOM = 520, 260, 40, 90
# The trend's left margin: room for the percentages and the first turned date.
PAD_LEFT_TREND = 80
# Characters per line of a bar's label at 12 px, for a bar 88 px wide (5 classes).
LABEL_CHARS = 13
# Labels are turned up by this many degrees (text-anchor end, under their tick).
LABEL_ANGLE = -35
# At most this many date labels under the trend line; the table below has every day.
MAX_TREND_LABELS = 8


def _label(x: float, y: float, text: str) -> dict:
    return {"x": x, "y": y, "text": text, "transform": f"rotate({LABEL_ANGLE} {x:.1f} {y:.1f})"}


def bar_chart(verdeling: list[dict]) -> dict:
    """Bars per coverage class, each with its value on top and its turned label below."""
    top = max([row["buurten"] for row in verdeling] + [1])
    width = (CHART_W - 2 * PAD) / len(verdeling)
    base = CHART_H - PAD_BOTTOM
    bars = []
    for i, row in enumerate(verdeling):
        height = (base - PAD) * row["buurten"] / top
        cx = PAD + i * width + width / 2
        bars.append({
            "x": PAD + i * width + 6, "y": base - height, "w": width - 12, "h": height,
            "label_lines": textwrap.wrap(str(row["klasse"][2]), LABEL_CHARS) or [""], "value": row["buurten"],
            "fill": row["klasse"][3], "pattern": row["klasse"][4], "cx": cx,
        })
    return {"w": CHART_W, "h": CHART_H, "bars": bars, "base": base}


def _thinned(n: int, most: int = MAX_TREND_LABELS) -> set[int]:
    """Indexes of the points that get a label: evenly spread, first and last included."""
    if n <= most:
        return set(range(n))
    step = (n - 1) / (most - 1)
    return {round(i * step) for i in range(most)}


def line_chart(points: list[dict], key: str) -> dict:
    """A line of shares (0-100%) per computation day, with a grid and thinned date labels."""
    values = [(p["datum"], p[key]) for p in points if p[key] is not None]
    base = CHART_H - PAD_BOTTOM
    grid = [{"y": base - (base - PAD) * v / 100, "label": f"{v}%"} for v in (0, 25, 50, 75, 100)]
    empty = {"w": CHART_W, "h": CHART_H, "points": [], "path": "", "grid": grid, "labels": [], "base": base,
             "left": PAD_LEFT_TREND}
    if not values:
        return empty
    step = (CHART_W - PAD_LEFT_TREND - PAD) / max(len(values) - 1, 1)
    coords = [
        {"x": PAD_LEFT_TREND + i * step, "y": base - (base - PAD) * value / 100, "datum": datum, "value": value}
        for i, (datum, value) in enumerate(values)
    ]
    path = " ".join(f"{'M' if i == 0 else 'L'}{c['x']:.1f},{c['y']:.1f}" for i, c in enumerate(coords))
    shown = _thinned(len(coords))
    labels = [
        _label(c["x"], base + 16, date_format(c["datum"], "j b Y"))
        for i, c in enumerate(coords) if i in shown
    ]
    return {**empty, "points": coords, "path": path, "labels": labels}


# A horizontal bar chart: a label column, then the bars, then the value.
BAR_LABEL_W, BAR_W, BAR_ROW_H = 200, 260, 24


def staafdiagram(rijen: list[tuple[str, object]]) -> dict:
    """Horizontal bars for (label, number) rows, longest bar for the largest number; for
    the annual report's breakdowns (its table beside it gives the same figures)."""
    top = max([float(value) for _label, value in rijen] + [1.0])
    bars = [
        {"y": i * BAR_ROW_H, "w": BAR_W * float(value) / top, "label": textwrap.shorten(str(label), 30, placeholder="…"),
         "value": value, "ty": i * BAR_ROW_H + BAR_ROW_H * 0.65, "by": i * BAR_ROW_H + 4,
         "vx": BAR_LABEL_W + BAR_W * float(value) / top + 6}
        for i, (label, value) in enumerate(rijen)
    ]
    return {"w": BAR_LABEL_W + BAR_W + 60, "h": max(len(rijen), 1) * BAR_ROW_H, "x": BAR_LABEL_W,
            "bars": bars, "label_x": BAR_LABEL_W - 8}
