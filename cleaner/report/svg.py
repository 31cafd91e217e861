"""Two charts as inline SVG, written by small string templates: horizontal bars and a histogram.

Inline SVG needs no library, no script and no network, scales to the window, prints sharp and
stays text a test can parse. Bars only (no axes to tick or curves to fit), which is all a run
report draws; a chart that needs more belongs in a plotting library, not here.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.report.page import esc

ROW = 20  # px per bar in a bar chart
CHAR = 7.2  # px per character of a 12px label, to size the label column


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3g}"


def bars(items: Sequence[tuple[str, float]], *, title: str, unit: str = "", width: int = 760) -> str:
    """Horizontal bars, one per ``(label, value)``, longest first as given, value at the end."""
    if not items:
        return f'<p class="none">{esc(title)}: nothing to draw</p>'
    label_w = min(max(len(label) for label, _ in items) * CHAR + 12, width * 0.45)
    value_w = 90
    span = width - label_w - value_w
    top = max(value for _, value in items) or 1
    height = ROW * len(items) + 4
    rows = []
    for k, (label, value) in enumerate(items):
        y = k * ROW + 2
        w = max(span * value / top, 1 if value else 0)
        rows.append(
            f'<g><title>{esc(label)}: {_num(value)}{esc(unit)}</title>'
            f'<text x="{label_w - 6:.0f}" y="{y + 14}" text-anchor="end">{esc(label)}</text>'
            f'<rect x="{label_w:.0f}" y="{y + 3}" width="{w:.1f}" height="{ROW - 6}"/>'
            f'<text x="{label_w + w + 5:.1f}" y="{y + 14}" class="v">{_num(value)}{esc(unit)}</text></g>'
        )
    return (f'<svg class="chart bars" role="img" aria-label="{esc(title)}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}">'
            + "".join(rows) + "</svg>")


def histogram(edges: Sequence[float], counts: Sequence[int], *, title: str, width: int = 560,
              height: int = 220, percent: bool = True) -> str:
    """Vertical bars over ``len(counts)`` bins with ``edges`` as their bounds, count on top."""
    if not counts:
        return f'<p class="none">{esc(title)}: nothing to draw</p>'
    left, bottom, top_pad = 8, 34, 18
    plot_h = height - bottom - top_pad
    bin_w = (width - 2 * left) / len(counts)
    top = max(counts) or 1

    def edge(x: float) -> str:
        return f"{x * 100:.0f}%" if percent else _num(x)

    parts = []
    for k, count in enumerate(counts):
        x = left + k * bin_w
        h = plot_h * count / top
        y = top_pad + plot_h - h
        parts.append(
            f'<g><title>{edge(edges[k])}–{edge(edges[k + 1])}: {count:,}</title>'
            f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{bin_w - 2:.1f}" height="{h:.1f}"/>'
            f'<text x="{x + bin_w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" class="v">{count:,}</text></g>'
        )
    axis_y = top_pad + plot_h
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{width - left}" y2="{axis_y}"/>')
    for k, value in enumerate(edges):
        x = left + k * bin_w
        anchor = "start" if k == 0 else "end" if k == len(edges) - 1 else "middle"
        parts.append(f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="{anchor}">{edge(value)}</text>')
    return (f'<svg class="chart hist" role="img" aria-label="{esc(title)}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}">'
            + "".join(parts) + "</svg>")
