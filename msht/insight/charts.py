"""Server-side SVG charts. Each chart has a title and a description for assistive technology and
is always shown beside a table of the same figures; the SVG is decoration for sighted readers.
No inline styles: colours come from classes in msht.css (the insight block).
"""

from html import escape

from markupsafe import Markup

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48


def _numeric(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    for step in (
        1,
        2,
        5,
        10,
        20,
        25,
        50,
        100,
        200,
        250,
        500,
        1000,
        2000,
        5000,
        10000,
        20000,
        50000,
        100000,
        200000,
        500000,
        1000000,
    ):
        if value <= step * 5:
            return step * 5
    return value


def line_chart(chart_id: str, title: str, x_labels: list[str], series: list[tuple[str, list]]):
    """Lines over periods: one per series (for example an Area and the national figure)."""
    values = [_numeric(v) for _name, points in series for v in points]
    top = _nice_max(max([v for v in values if v is not None], default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = max(len(x_labels), 1)

    def x(i):
        return LEFT + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y(v):
        return TOP + plot_h - plot_h * v / top

    parts = [
        f'<svg class="msht-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(_describe(x_labels, series))}</desc>',
    ]
    for tick in range(0, 6):
        v = top * tick / 5
        parts.append(
            f'<line class="msht-chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{y(v):.1f}" y2="{y(v):.1f}"/>'
            f'<text class="msht-chart__tick" x="{LEFT - 6}" y="{y(v) + 4:.1f}" '
            f'text-anchor="end">{v:g}</text>'
        )
    step = max(1, count // 8)
    for i, label in enumerate(x_labels):
        if i % step == 0 or i == count - 1:
            parts.append(
                f'<text class="msht-chart__tick" x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'text-anchor="middle">{escape(_short(label))}</text>'
            )
    for index, (name, points) in enumerate(series):
        coords = []
        for i, value in enumerate(points):
            number = _numeric(value)
            if number is None:
                if len(coords) > 1:
                    parts.append(_polyline(coords, index))
                coords = []
                continue
            coords.append((x(i), y(number)))
        if coords:
            parts.append(_polyline(coords, index))
        legend_y = HEIGHT - 12
        legend_x = LEFT + index * 200
        parts.append(
            f'<rect class="msht-chart__key msht-chart__series-{index % 4}" x="{legend_x}" '
            f'y="{legend_y - 9}" width="12" height="12"/>'
            f'<text class="msht-chart__label" x="{legend_x + 18}" y="{legend_y + 2}">'
            f"{escape(name[:28])}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text value is escaped above


def _polyline(coords, index) -> str:
    points = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
    if len(coords) == 1:
        cx, cy = coords[0]
        return f'<circle class="msht-chart__point-{index % 4}" cx="{cx:.1f}" cy="{cy:.1f}" r="3"/>'
    return f'<polyline class="msht-chart__line msht-chart__series-{index % 4}" points="{points}"/>'


def bar_chart(chart_id: str, title: str, bars: list[tuple[str, object]], reference=None):
    """Horizontal bars (for example Areas side by side), with an optional reference line
    (the national figure)."""
    values = [_numeric(v) for _l, v in bars] + [_numeric(reference)]
    top = _nice_max(max([v for v in values if v is not None], default=0))
    row_h = 22
    label_w = 210
    height = TOP + row_h * max(len(bars), 1) + 24
    plot_w = WIDTH - label_w - RIGHT - 40
    parts = [
        f'<svg class="msht-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">'
        f"{escape('; '.join(f'{label}: {value}' for label, value in bars))}</desc>",
    ]
    for i, (label, value) in enumerate(bars):
        y = TOP + i * row_h
        number = _numeric(value)
        parts.append(
            f'<text class="msht-chart__label" x="{label_w - 8}" y="{y + 15}" '
            f'text-anchor="end">{escape(label[:32])}</text>'
        )
        if number is not None:
            w = plot_w * number / top
            parts.append(
                f'<rect class="msht-chart__bar" x="{label_w}" y="{y + 3}" width="{w:.1f}" '
                f'height="{row_h - 6}"/>'
                f'<text class="msht-chart__tick" x="{label_w + w + 4:.1f}" y="{y + 15}">'
                f"{escape(_format(number))}</text>"
            )
        else:
            parts.append(
                f'<text class="msht-chart__tick" x="{label_w + 4}" y="{y + 15}">'
                f"{escape(str(value))}</text>"
            )
    ref = _numeric(reference)
    if ref is not None:
        rx = label_w + plot_w * ref / top
        parts.append(
            f'<line class="msht-chart__reference" x1="{rx:.1f}" x2="{rx:.1f}" y1="{TOP}" '
            f'y2="{height - 20}"/>'
            f'<text class="msht-chart__tick" x="{rx:.1f}" y="{height - 6}" '
            f'text-anchor="middle">England and Wales {escape(_format(ref))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - escaped above


def _format(number: float) -> str:
    return f"{number:,.1f}".rstrip("0").rstrip(".") if number % 1 else f"{int(number):,}"


def _short(label: str) -> str:
    bits = label.split(" ")
    if len(bits) == 2 and bits[1].isdigit():  # "January 2024" -> "Jan 24"
        return f"{bits[0][:3]} {bits[1][2:]}"
    return label.split(" (")[0]


def _describe(x_labels, series) -> str:
    parts = []
    for name, points in series:
        shown = [v for v in points if _numeric(v) is not None]
        if shown:
            parts.append(f"{name}: from {shown[0]} ({x_labels[0]}) to {shown[-1]} ({x_labels[-1]})")
    return "; ".join(parts) or "No figures for this period."
