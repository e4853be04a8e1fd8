"""Web app (presentation): tiny horizontal bar charts as inline SVG, from (label, value) pairs.

Pure and dependency-free: the markup is built here with every label escaped, so templates only
insert it. Values are drawn relative to the largest one; an empty series gives a short note.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from markupsafe import Markup

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 180
BAR_WIDTH = 360


def bar_chart(
    series: Sequence[tuple[str, float]],
    *,
    title: str,
    format_value: Callable[[float], str] = lambda value: f"{value:g}",
    limit: int = 12,
) -> Markup:
    """An accessible SVG bar chart (``role="img"`` with a title) of the first ``limit`` items."""
    items = list(series)[:limit]
    if not items:
        return Markup('<p class="muted">No data yet.</p>')
    largest = max(value for _, value in items) or 1.0
    height = len(items) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + 90
    parts = [
        f'<svg class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>"
    ]
    for row, (label, value) in enumerate(items):
        y = GAP + row * (BAR_HEIGHT + GAP)
        length = max(BAR_WIDTH * value / largest, 1.0) if value > 0 else 0.0
        short = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 5}" text-anchor="end">'
            f"{escape(short)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" rx="3">'
            f"<title>{escape(label)}: {escape(format_value(value))}</title></rect>"
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + BAR_HEIGHT - 5}">'
            f"{escape(format_value(value))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def format_duration(seconds: float) -> str:
    """``3725`` -> ``1h 02m``; ``95`` -> ``1m 35s``; ``4.2`` -> ``4s``."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    if minutes:
        return f"{minutes}m {secs:02d}s"
    return f"{secs}s"


def step_flow(labels: Sequence[str], *, title: str) -> Markup:
    """The task map of one routine as a vertical chain of step boxes joined by arrows."""
    if not labels:
        return Markup('<p class="muted">No steps.</p>')
    box_w, box_h, gap = 420, 30, 18
    height = len(labels) * (box_h + gap)
    parts = [
        f'<svg class="flow" role="img" width="{box_w + 20}" height="{height}" '
        f'viewBox="0 0 {box_w + 20} {height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>"
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        'fill="#667085"/></marker></defs>'
    ]
    for row, label in enumerate(labels):
        y = row * (box_h + gap)
        short = label if len(label) <= 60 else label[:59] + "…"
        parts.append(
            f'<rect x="10" y="{y}" width="{box_w}" height="{box_h}" rx="6" fill="#eef2ff" '
            f'stroke="#2f6fde"/><text x="22" y="{y + 20}" font-size="12" '
            f'font-family="system-ui, sans-serif">{row}. {escape(short)}</text>'
        )
        if row + 1 < len(labels):
            x = 10 + box_w // 2
            parts.append(
                f'<line x1="{x}" y1="{y + box_h}" x2="{x}" y2="{y + box_h + gap - 2}" '
                'stroke="#667085" marker-end="url(#arrow)"/>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
