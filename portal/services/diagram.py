"""A scenario flow drawn as SVG for the admin: questions in columns by depth, arrows labelled
with the answers, and a result box for every answer that ends the flow."""

from __future__ import annotations

from django.utils.html import escape

from .flows import Flow

BOX_W, BOX_H, GAP_X, GAP_Y = 200, 44, 90, 26


def _depths(flow: Flow) -> dict[str, int]:
    depth = {flow.start: 0}
    order = [flow.start]
    for key in order:
        for o in flow.questions[key].options:
            if o.next and depth.get(o.next, -1) < depth[key] + 1:
                depth[o.next] = depth[key] + 1
                order.append(o.next)
    return depth


def flow_svg(flow: Flow) -> str:
    depth = _depths(flow)
    columns: dict[int, list[str]] = {}
    for key, d in sorted(depth.items(), key=lambda kv: kv[1]):
        if key not in columns.get(d, []):
            columns.setdefault(d, []).append(key)
    results = [(q.key, o) for q in flow.questions.values() if q.key in depth for o in q.options if not o.next]
    result_col = max(columns) + 1 if columns else 0
    pos: dict[str, tuple[int, int]] = {}
    for d, keys in columns.items():
        for i, key in enumerate(keys):
            pos[key] = (20 + d * (BOX_W + GAP_X), 20 + i * (BOX_H + GAP_Y) * 2)
    rows = max([len(k) * 2 for k in columns.values()] + [len(results)])
    width = 40 + (result_col + 1) * (BOX_W + GAP_X)
    height = 40 + rows * (BOX_H + GAP_Y)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flow-diagram" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="问题流程图" font-size="12">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    ]
    rx = 20 + result_col * (BOX_W + GAP_X)
    for n, (key, option) in enumerate(results):
        x1, y1 = pos[key]
        y = 20 + n * (BOX_H + GAP_Y)
        items = "、".join(option.items) or "—"
        parts.append(
            f'<path d="M{x1 + BOX_W},{y1 + BOX_H / 2} L{rx},{y + BOX_H / 2}" stroke="#999" fill="none" marker-end="url(#arrow)"/>'
            f'<rect x="{rx}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#e7f5ea" stroke="#2f855a"/>'
            f'<text x="{rx + 8}" y="{y + 18}">{escape(option.label)[:16]} → 结果</text>'
            f'<text x="{rx + 8}" y="{y + 34}" fill="#2f855a">{escape(items)[:28]}</text>'
        )
    for key, (x, y) in pos.items():
        q = flow.questions[key]
        for o in q.options:
            if o.next and o.next in pos:
                x2, y2 = pos[o.next]
                mx, my = (x + BOX_W + x2) / 2, (y + y2) / 2 + BOX_H / 2
                parts.append(
                    f'<path d="M{x + BOX_W},{y + BOX_H / 2} L{x2},{y2 + BOX_H / 2}" stroke="#555" fill="none" marker-end="url(#arrow)"/>'
                    f'<text x="{mx - 20}" y="{my - 4}" fill="#333">{escape(o.label)[:10]}</text>'
                )
        fill = "#fff4e5" if key == flow.start else "#eef2f7"
        parts.append(
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="{fill}" stroke="#2b4c7e"/>'
            f'<text x="{x + 8}" y="{y + 18}" font-weight="bold">{escape(key)}</text>'
            f'<text x="{x + 8}" y="{y + 34}">{escape(q.text)[:15]}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
