"""Inline SVG charts for the release pages, drawn from plain Python values.

The pages must work offline from a downloaded folder, so the charts are SVG text written here
rather than a JavaScript library. Each chart carries role="img", an aria-label that states the
numbers, a <title> per mark for a tooltip, and axis titles. Coordinates are rounded to one
decimal, so the same values always give the same bytes.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from html import escape

WIDTH = 960
FONT = 13
SERIES_COLOURS = ("#2f6db5", "#e07b28", "#3a9a5b", "#b8457a", "#7a5cc2", "#8c6d1f", "#2b9aa8", "#6b6b6b")
AXIS_COLOUR = "#555"
GRID_COLOUR = "#e3e3e3"


@dataclass(frozen=True)
class DecadeSeries:
    """One table's dated rows counted per decade, and how many rows had no date."""

    name: str
    decades: Counter
    undated: int

    @property
    def dated(self) -> int:
        return sum(self.decades.values())


@dataclass(frozen=True)
class SinceDot:
    """One stated `since` year of an organization, as one source gave it (statements: rows saying so)."""

    organization: str
    year: int
    since: str
    source_id: str
    status: str
    statements: int


def decade_of(iso_date: str) -> str:
    """'1949-04-04' -> '1940s': the first three digits of the year, then '0s'."""
    return f"{iso_date[:3]}0s"


def decades_chart(series: list[DecadeSeries]) -> str:
    """Stacked bars: rows per decade, one colour per table; decades without rows keep their place."""
    decades = _decade_range([d for s in series for d in s.decades])
    totals = [sum(s.decades.get(d, 0) for s in series) for d in decades]
    label = _decades_label(series)
    if not decades:
        return _empty_chart("Relations established per decade", label, "No row has an established date.")
    top, step = _nice_scale(max(totals))
    left, right, plot_top, height = 60, 16, 52, 360
    bottom = height - 56
    slot = (WIDTH - left - right) / len(decades)
    y = _linear(0, top, bottom, plot_top)
    parts = [_svg_open(height, "Relations established per decade", label)]
    parts += _legend([f"{s.name}: {s.dated} dated, {s.undated} undated" for s in series], left, 20)
    parts += _y_axis(top, step, y, left, WIDTH - right, "relations (rows)", (plot_top + bottom) / 2)
    for index, decade in enumerate(decades):
        x = left + slot * index + slot * 0.15
        base = bottom
        for number, s in enumerate(series):
            count = s.decades.get(decade, 0)
            if count:
                top_y = y(_stacked_below(series, decade, number) + count)
                parts.append(
                    f'<rect class="bar" x="{_n(x)}" y="{_n(top_y)}" width="{_n(slot * 0.7)}" '
                    f'height="{_n(base - top_y)}" fill="{_colour(number)}">'
                    f"<title>{escape(f'{decade}: {count} {s.name} rows')}</title></rect>"
                )
                base = top_y
        if totals[index]:
            parts.append(_text(x + slot * 0.35, base - 5, str(totals[index]), anchor="middle"))
        parts.append(_text(x + slot * 0.35, bottom + 18, decade, anchor="middle"))
    parts.append(_line(left, bottom, WIDTH - right, bottom, AXIS_COLOUR))
    parts.append(_text((left + WIDTH - right) / 2, height - 12, "decade established", anchor="middle"))
    parts.append("</svg>")
    return "".join(parts)


def _stacked_below(series: list[DecadeSeries], decade: str, number: int) -> int:
    """The stacked height below series `number` in `decade`."""
    return sum(s.decades.get(decade, 0) for s in series[:number])


def since_chart(dots: list[SinceDot], subject: str) -> str:
    """One row per organization, a dot per stated `since` year and source: disagreeing sources show apart."""
    title = f"Memberships of {subject} by the year they began"
    if not dots:
        return _empty_chart(title, f"{title}: no membership states a year.", "No membership states a since date.")
    organizations = _organizations_by_first_year(dots)
    sources = sorted({d.source_id for d in dots})
    low, high = _year_range([d.year for d in dots])
    left = min(340, 24 + max(len(name) for name in organizations) * 7.4)
    right, plot_top = 56, 40 + 20 * _legend_lines([f"source: {s}" for s in sources], 16)
    rows = [[d for d in dots if d.organization == name] for name in organizations]
    heights = [20 + 14 * len(row) for row in rows]
    bottom = plot_top + sum(heights)
    height = bottom + 56
    x = _linear(low, high, left, WIDTH - right)
    parts = [_svg_open(height, title, _since_label(dots, subject))]
    parts += _legend([f"source: {s}" for s in sources], 16, 20, circles=True)
    parts += _x_axis(low, high, x, plot_top, bottom, "year the membership began, as each source states it", height - 12)
    top = plot_top
    for name, row, row_height in zip(organizations, rows, heights):
        centre = top + row_height / 2
        parts.append(_text(left - 12, centre + 4, name, anchor="end"))
        parts += _dots_of(name, row, sources, x, centre)
        top += row_height
    parts.append("</svg>")
    return "".join(parts)


def _dots_of(name: str, dots: list[SinceDot], sources: list[str], x, centre: float) -> list[str]:
    """The dots of one organization, each in its own lane, joined by a line when the sources disagree."""
    ordered = sorted(dots, key=lambda d: (d.year, d.source_id))
    lanes = [centre + (index - (len(ordered) - 1) / 2) * 14 for index in range(len(ordered))]
    parts = []
    if len({d.year for d in ordered}) > 1:
        points = " ".join(f"{_n(x(d.year))},{_n(y)}" for d, y in zip(ordered, lanes))
        parts.append(f'<polyline points="{points}" fill="none" stroke="#9aa0a6" stroke-width="2"/>')
    for dot, y in zip(ordered, lanes):
        statements = f", {dot.statements} statements" if dot.statements > 1 else ""
        tip = f"{name}: since {dot.since} ({dot.status}), according to {dot.source_id}{statements}"
        parts.append(
            f'<circle class="dot" cx="{_n(x(dot.year))}" cy="{_n(y)}" r="6" '
            f'fill="{_colour(sources.index(dot.source_id))}" stroke="#fff" stroke-width="1.5">'
            f"<title>{escape(tip)}</title></circle>"
        )
        parts.append(_text(x(dot.year) + 10, y + 4, str(dot.year), size=FONT - 1))
    return parts


def _organizations_by_first_year(dots: list[SinceDot]) -> list[str]:
    first = {}
    for d in dots:
        first[d.organization] = min(first.get(d.organization, d.year), d.year)
    return sorted(first, key=lambda name: (first[name], name))


def _decades_label(series: list[DecadeSeries]) -> str:
    """The chart's numbers in words, for screen readers."""
    parts = []
    for s in series:
        counts = ", ".join(f"{d} {s.decades[d]}" for d in sorted(s.decades)) or "none"
        parts.append(f"{s.name}: {counts}; {s.undated} rows without a date")
    return "Relations established per decade. " + ". ".join(parts) + "."


def _since_label(dots: list[SinceDot], subject: str) -> str:
    by_org: dict[str, list[str]] = {}
    for d in sorted(dots, key=lambda d: (d.year, d.source_id)):
        by_org.setdefault(d.organization, []).append(f"{d.year} ({d.source_id})")
    listed = "; ".join(f"{name}: {', '.join(years)}" for name, years in by_org.items())
    return f"Memberships of {subject} by the year they began, as each source states it. {listed}."


def _decade_range(decades: list[str]) -> list[str]:
    if not decades:
        return []
    first, last = min(int(d[:4]) for d in decades), max(int(d[:4]) for d in decades)
    return [f"{year}s" for year in range(first, last + 1, 10)]


def _year_range(years: list[int]) -> tuple[int, int]:
    """Whole decades around the years, at least one decade wide."""
    low = math.floor(min(years) / 10) * 10
    high = max(low + 10, math.ceil((max(years) + 1) / 10) * 10)
    return low, high


def _nice_scale(maximum: int) -> tuple[int, int]:
    """An axis top and tick step (1, 2 or 5 times a power of ten) with at most six ticks above zero."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if math.ceil(maximum / step) <= 6:
                return max(step, math.ceil(maximum / step) * step), step
        magnitude *= 10


def _linear(low: float, high: float, start: float, end: float):
    span = (high - low) or 1
    return lambda value: start + (value - low) / span * (end - start)


def _y_axis(top: int, step: int, y, left: float, right: float, title: str, middle: float) -> list[str]:
    parts = []
    for value in range(0, top + 1, step):
        parts.append(_line(left, y(value), right, y(value), GRID_COLOUR))
        parts.append(_text(left - 8, y(value) + 4, str(value), anchor="end"))
    parts.append(_line(left, y(0), left, y(top), AXIS_COLOUR))
    parts.append(
        f'<text x="16" y="{_n(middle)}" transform="rotate(-90 16 {_n(middle)})" text-anchor="middle" '
        f'font-size="{FONT}" fill="{AXIS_COLOUR}">{escape(title)}</text>'
    )
    return parts


def _x_axis(low: int, high: int, x, top: float, bottom: float, title: str, title_y: float) -> list[str]:
    step = 5 if high - low <= 30 else 10
    parts = []
    for year in range(low, high + 1, step):
        parts.append(_line(x(year), top, x(year), bottom, GRID_COLOUR))
        parts.append(_text(x(year), bottom + 18, str(year), anchor="middle"))
    parts.append(_line(x(low), bottom, x(high), bottom, AXIS_COLOUR))
    parts.append(_text((x(low) + x(high)) / 2, title_y, title, anchor="middle"))
    return parts


def _legend(labels: list[str], left: float, top: float, circles: bool = False) -> list[str]:
    """Colour swatches with their labels, wrapping to a new line when the width runs out."""
    parts = []
    for number, (x, y, label) in enumerate(_legend_places(labels, left, top)):
        colour = _colour(number)
        if circles:
            parts.append(f'<circle cx="{_n(x + 6)}" cy="{_n(y - 4)}" r="6" fill="{colour}"/>')
        else:
            parts.append(f'<rect x="{_n(x)}" y="{_n(y - 10)}" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(x + 18, y, label))
    return parts


def _legend_lines(labels: list[str], left: float) -> int:
    return len({y for _, y, _ in _legend_places(labels, left, 0)})


def _legend_places(labels: list[str], left: float, top: float) -> list[tuple[float, float, str]]:
    """Where each legend entry goes; text width is estimated from the number of characters."""
    places, x, y = [], left, top
    for label in labels:
        width = 18 + len(label) * FONT * 0.6
        if x + width > WIDTH - 16 and x > left:
            x, y = left, y + 20
        places.append((x, y, label))
        x += width + 24
    return places


def _svg_open(height: float, title: str, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'width="{WIDTH}" height="{_n(height)}" role="img" aria-label="{escape(label)}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif">'
        f"<title>{escape(title)}</title>"
    )


def _empty_chart(title: str, label: str, message: str) -> str:
    return _svg_open(60, title, label) + _text(WIDTH / 2, 34, message, anchor="middle") + "</svg>"


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = FONT) -> str:
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-size="{size}" fill="#222">{escape(text)}</text>'


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float = 1) -> str:
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{colour}" stroke-width="{_n(width)}"/>'
    )


def _colour(number: int) -> str:
    return SERIES_COLOURS[number % len(SERIES_COLOURS)]


def _n(value: float) -> str:
    """A coordinate with at most one decimal and no '-0'."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
