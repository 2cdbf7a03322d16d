"""Server-rendered SVG bar charts of survey results (no script, no library): each chart is an
image with a text alternative, and the page shows the same numbers in a table beside it."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_HEIGHT = 26
GAP = 10
LABEL_WIDTH = 190
BAR_WIDTH = 300
WIDTH = LABEL_WIDTH + BAR_WIDTH + 90


def _short(label: str, limit: int = 12) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(rows: list[tuple[str, int, float]], title: str, value_text=None) -> SafeString:
    """Horizontal bars, one per (label, count, share %) row; every text escaped. The bar's length
    follows the share; its text is "count（share%）" unless ``value_text(count, share)`` says."""
    height = max(1, len(rows)) * (BAR_HEIGHT + GAP) + GAP
    top = max((share for _label, _count, share in rows), default=0) or 100
    bars = []
    for i, (label, count, share) in enumerate(rows):
        y = GAP + i * (BAR_HEIGHT + GAP)
        width = round(BAR_WIDTH * share / top, 1) if top else 0
        bars.append(
            (
                LABEL_WIDTH - 8,
                y + BAR_HEIGHT * 0.7,
                _short(label),
                LABEL_WIDTH,
                y,
                max(width, 1),
                BAR_HEIGHT,
                LABEL_WIDTH + width + 6,
                y + BAR_HEIGHT * 0.7,
                value_text(count, share) if value_text else f"{count}（{share}%）",
            )
        )
    body = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
        '<text x="{}" y="{}" class="chart-value">{}</text>',
        bars,
    )
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        title,
        WIDTH,
        height,
        title,
        body,
    )
