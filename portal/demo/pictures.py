"""Drawn pictures for the demo: news illustrations of a few kinds of scene, and stylised portraits.

Everything is drawn with Pillow from a seed (the same seed gives the same picture), at twice the
size and scaled down so that edges are smooth. Nothing shows a real place or person.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFilter

SS = 2  # supersampling factor

SKIES = {
    "day": ((86, 146, 214), (214, 232, 246)),
    "morning": ((120, 170, 220), (246, 226, 200)),
    "autumn": ((110, 160, 210), (240, 228, 206)),
    "night": ((10, 18, 48), (48, 60, 110)),
}


def gradient(size: tuple[int, int], top: tuple, bottom: tuple) -> Image.Image:
    """A vertical gradient, drawn as a 1-pixel column and stretched (fast)."""
    w, h = size
    column = Image.new("RGB", (1, h))
    for y in range(h):
        t = y / max(h - 1, 1)
        column.putpixel((0, y), tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    return column.resize((w, h))


def _shade(colour: tuple, amount: int) -> tuple:
    return tuple(max(0, min(255, c + amount)) for c in colour)


def _hills(draw, rng, w, h, base, colours) -> None:
    for layer, colour in enumerate(colours):
        points = [(0, h)]
        phase, amp = rng.uniform(0, 6), rng.uniform(0.04, 0.09) * h
        for x in range(0, w + 40, 40):
            y = base - layer * 0.02 * h - amp * (1 + math.sin(x / w * 5 + phase + layer)) * 0.8
            points.append((x, y + layer * 0.05 * h))
        points.append((w, h))
        draw.polygon(points, fill=colour)


def _sun(draw, rng, w, h, colour=(255, 240, 200)) -> None:
    x, y, r = rng.uniform(0.15, 0.85) * w, rng.uniform(0.1, 0.25) * h, 0.05 * h
    for ring in range(4, 0, -1):
        draw.ellipse(
            [x - r * ring * 0.6, y - r * ring * 0.6, x + r * ring * 0.6, y + r * ring * 0.6],
            fill=_shade(colour, -ring * 6),
        )
    draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)


def _clouds(draw, rng, w, h, n=3) -> None:
    for _ in range(n):
        x, y, s = rng.uniform(0, w), rng.uniform(0.06, 0.3) * h, rng.uniform(0.04, 0.08) * w
        for dx, dy, k in (
            (0, 0, 1),
            (s * 0.7, s * 0.1, 0.8),
            (-s * 0.7, s * 0.15, 0.7),
            (s * 0.2, -s * 0.3, 0.8),
        ):
            draw.ellipse(
                [x + dx - s * k, y + dy - s * k * 0.5, x + dx + s * k, y + dy + s * k * 0.5],
                fill=(250, 252, 255),
            )


def _tree(draw, x, ground, size, leaf) -> None:
    draw.rectangle([x - size * 0.08, ground - size * 0.9, x + size * 0.08, ground], fill=(110, 80, 56))
    for dx, dy, k in ((0, -1.25, 0.55), (-0.3, -0.95, 0.45), (0.3, -0.95, 0.45), (0, -0.8, 0.5)):
        r = size * k
        cx, cy = x + dx * size, ground + dy * size
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=_shade(leaf, int(dy * 10)))


def _building(draw, rng, x, top, width, ground, colour, lit=None) -> None:
    draw.rectangle([x, top, x + width, ground], fill=colour)
    draw.rectangle([x + width * 0.82, top, x + width, ground], fill=_shade(colour, -22))  # side in shade
    rows, cols = max(2, int((ground - top) / (width * 0.22))), max(2, int(width / 34 / SS))
    for r in range(rows):
        for c in range(cols):
            wx = x + width * 0.08 + c * (width * 0.72 / cols)
            wy = top + (ground - top) * 0.06 + r * ((ground - top) * 0.88 / rows)
            on = lit is not None and rng.random() < lit
            window = (255, 214, 120) if on else (_shade(colour, 40) if lit is None else _shade(colour, -30))
            draw.rectangle(
                [wx, wy, wx + width * 0.72 / cols * 0.6, wy + (ground - top) * 0.88 / rows * 0.55],
                fill=window,
            )


def _water(draw, w, top, h, colour) -> None:
    for y in range(int(top), h, 2 * SS):
        t = (y - top) / max(h - top, 1)
        draw.line([(0, y), (w, y)], fill=_shade(colour, int(-30 * t)), width=2 * SS)


def _person(draw, x, ground, size, colour) -> None:
    draw.ellipse([x - size * 0.12, ground - size, x + size * 0.12, ground - size * 0.76], fill=(60, 50, 45))
    draw.rounded_rectangle(
        [x - size * 0.18, ground - size * 0.74, x + size * 0.18, ground - size * 0.3],
        radius=size * 0.08,
        fill=colour,
    )
    draw.rectangle([x - size * 0.14, ground - size * 0.3, x + size * 0.14, ground], fill=(50, 56, 70))


def _wetland(draw, rng, w, h) -> None:
    _sun(draw, rng, w, h)
    _hills(draw, rng, w, h, 0.52 * h, [(150, 180, 170), (120, 160, 140)])
    _water(draw, w, 0.58 * h, h, (96, 150, 190))
    for _ in range(140):  # reeds along the banks
        x = rng.choice([rng.uniform(0, 0.3), rng.uniform(0.7, 1.0)]) * w
        base = rng.uniform(0.8, 1.0) * h
        top = base - rng.uniform(0.12, 0.25) * h
        draw.line([(x, base), (x + rng.uniform(-8, 8) * SS, top)], fill=(120, 140, 70), width=2 * SS)
        draw.ellipse([x - 3 * SS, top - 10 * SS, x + 3 * SS, top + 4 * SS], fill=(180, 150, 90))
    for _ in range(7):  # egrets in flight
        x, y, s = rng.uniform(0.25, 0.75) * w, rng.uniform(0.15, 0.4) * h, rng.uniform(10, 22) * SS
        draw.line([(x - s, y - s * 0.4), (x, y), (x + s, y - s * 0.5)], fill=(250, 250, 250), width=3 * SS)


def _park(draw, rng, w, h) -> None:
    _clouds(draw, rng, w, h)
    _hills(draw, rng, w, h, 0.5 * h, [(130, 160, 120), (100, 140, 96)])
    draw.rectangle([0, 0.62 * h, w, h], fill=(120, 170, 96))
    draw.polygon(
        [(0.42 * w, h), (0.58 * w, h), (0.52 * w, 0.62 * h), (0.49 * w, 0.62 * h)], fill=(214, 196, 160)
    )
    leaves = [(222, 160, 40), (200, 90, 40), (236, 196, 60), (120, 160, 60)]
    for i in range(14):
        x = (i + 0.5) / 14 * w + rng.uniform(-20, 20) * SS
        if 0.4 * w < x < 0.6 * w:
            continue
        ground = 0.64 * h + (abs(x - w / 2) / w) * 0.3 * h
        _tree(draw, x, ground, rng.uniform(0.1, 0.16) * h, rng.choice(leaves))
    for x in (0.3 * w, 0.68 * w):  # benches
        y = 0.86 * h
        draw.rectangle([x, y, x + 0.08 * w, y + 6 * SS], fill=(120, 80, 50))
        draw.rectangle([x, y - 14 * SS, x + 0.08 * w, y - 9 * SS], fill=(120, 80, 50))


def _crane(draw, x, ground, height, jib) -> None:
    yellow = (236, 176, 40)
    top = ground - height
    draw.rectangle([x - 8 * SS, top, x + 8 * SS, ground], outline=yellow, width=3 * SS)
    for y in range(int(top), int(ground), 24 * SS):
        draw.line([(x - 8 * SS, y), (x + 8 * SS, y + 24 * SS)], fill=yellow, width=2 * SS)
    draw.line([(x - jib * 0.3, top), (x + jib, top)], fill=yellow, width=8 * SS)
    draw.line([(x, top - 30 * SS), (x + jib * 0.8, top)], fill=yellow, width=2 * SS)
    draw.line([(x, top - 30 * SS), (x - jib * 0.3, top)], fill=yellow, width=2 * SS)
    draw.rectangle([x - jib * 0.3, top, x - jib * 0.2, top + 18 * SS], fill=(90, 90, 90))
    hook = x + jib * 0.6
    draw.line([(hook, top), (hook, top + height * 0.35)], fill=(60, 60, 60), width=2 * SS)
    draw.rectangle(
        [hook - 20 * SS, top + height * 0.35, hook + 20 * SS, top + height * 0.35 + 12 * SS],
        fill=(160, 90, 60),
    )


def _construction(draw, rng, w, h) -> None:
    _clouds(draw, rng, w, h, 2)
    ground = 0.8 * h
    draw.rectangle([0, ground, w, h], fill=(176, 150, 116))
    for i in range(3):  # buildings going up: concrete frames
        x, bw = (0.12 + i * 0.27) * w, 0.18 * w
        floors = rng.randint(6, 11) - i
        fh = 0.045 * h
        for f in range(floors):
            y = ground - (f + 1) * fh
            draw.rectangle([x, y, x + bw, y + 6 * SS], fill=(170, 170, 165))
            for c in range(5):
                draw.rectangle(
                    [x + c * bw / 4 - 3 * SS, y, x + c * bw / 4 + 3 * SS, y + fh], fill=(150, 150, 148)
                )
        if i == 1:
            draw.rectangle(
                [x, ground - floors * fh * 0.6, x + bw, ground], fill=(120, 150, 170)
            )  # finished glass
    _crane(draw, 0.72 * w, ground, 0.62 * h, 0.4 * w)
    for x in range(0, w, 40 * SS):  # site hoarding
        draw.rectangle(
            [x, ground - 26 * SS, x + 36 * SS, ground],
            fill=(40, 120, 80) if (x // (40 * SS)) % 2 else (240, 240, 236),
        )


def _housing(draw, rng, w, h) -> None:
    _clouds(draw, rng, w, h)
    ground = 0.82 * h
    colours = [(236, 210, 180), (226, 226, 214), (210, 196, 180), (232, 200, 170)]
    for i in range(4):
        x, bw = (0.04 + i * 0.24) * w, 0.2 * w
        top = ground - rng.uniform(0.38, 0.55) * h
        _building(draw, rng, x, top, bw, ground, colours[i])
        draw.rectangle([x - 4 * SS, top - 10 * SS, x + bw + 4 * SS, top], fill=(170, 90, 70))  # roof edge
    draw.rectangle([0, ground, w, h], fill=(110, 110, 114))
    for x in range(0, w, 90 * SS):
        draw.rectangle([x, 0.91 * h, x + 45 * SS, 0.92 * h], fill=(240, 240, 240))
    for i in range(9):
        _tree(draw, (i + 0.3) / 9 * w, ground + 6 * SS, 0.08 * h, (90, 150, 80))


def _night(draw, rng, w, h) -> None:
    for _ in range(60):
        x, y = rng.uniform(0, w), rng.uniform(0, 0.4 * h)
        draw.ellipse([x, y, x + 2 * SS, y + 2 * SS], fill=(230, 230, 255))
    draw.ellipse([0.8 * w, 0.08 * h, 0.86 * w, 0.08 * h + 0.06 * w], fill=(250, 246, 220))
    ground = 0.62 * h
    x = 0
    while x < w:
        bw = rng.uniform(0.05, 0.1) * w
        _building(draw, rng, x, ground - rng.uniform(0.15, 0.5) * h, bw, ground, (40, 48, 80), lit=0.55)
        x += bw + rng.uniform(2, 10) * SS
    _water(draw, w, ground, h, (30, 44, 86))
    for _ in range(70):  # reflections of the lit windows
        x, y = rng.uniform(0, w), rng.uniform(ground + 10 * SS, h)
        draw.line([(x, y), (x + rng.uniform(10, 40) * SS, y)], fill=(200, 170, 90), width=2 * SS)


def _school(draw, rng, w, h) -> None:
    _sun(draw, rng, w, h)
    ground = 0.56 * h
    _building(draw, rng, 0.08 * w, 0.22 * h, 0.55 * w, ground, (236, 226, 206))
    draw.rectangle([0.3 * w, 0.16 * h, 0.41 * w, 0.22 * h], fill=(190, 60, 50))
    draw.rectangle([0, ground, w, h], fill=(96, 160, 90))
    draw.ellipse([0.12 * w, 0.62 * h, 0.88 * w, 0.98 * h], fill=(196, 80, 60))  # running track
    draw.ellipse([0.18 * w, 0.68 * h, 0.82 * w, 0.92 * h], fill=(96, 170, 96))
    for k in range(1, 3):
        inset = k * 0.02
        draw.ellipse(
            [(0.12 + inset) * w, (0.62 + inset) * h, (0.88 - inset) * w, (0.98 - inset) * h],
            outline=(250, 250, 250),
            width=SS,
        )
    pole = 0.78 * w
    draw.rectangle([pole, 0.14 * h, pole + 5 * SS, ground], fill=(200, 200, 200))
    draw.polygon(
        [(pole + 5 * SS, 0.14 * h), (pole + 0.09 * w, 0.165 * h), (pole + 5 * SS, 0.2 * h)],
        fill=(214, 40, 40),
    )


def _logistics(draw, rng, w, h) -> None:
    _clouds(draw, rng, w, h)
    ground = 0.74 * h
    draw.rectangle([0.05 * w, 0.34 * h, 0.6 * w, ground], fill=(200, 206, 214))
    draw.polygon([(0.03 * w, 0.34 * h), (0.325 * w, 0.24 * h), (0.62 * w, 0.34 * h)], fill=(110, 130, 160))
    for i in range(4):
        x = 0.09 * w + i * 0.13 * w
        draw.rectangle([x, 0.52 * h, x + 0.09 * w, ground], fill=(150, 156, 166))
        for y in range(int(0.52 * h), int(ground), 8 * SS):
            draw.line([(x, y), (x + 0.09 * w, y)], fill=(130, 136, 146), width=SS)
    colours = [(200, 70, 50), (40, 110, 170), (70, 150, 90), (220, 150, 40)]
    for r in range(3):  # stacked containers
        for c in range(3 - r):
            x = 0.65 * w + c * 0.1 * w + r * 0.05 * w
            y = ground - (r + 1) * 0.09 * h
            draw.rectangle([x, y, x + 0.095 * w, y + 0.085 * h], fill=rng.choice(colours))
    draw.rectangle([0, ground, w, h], fill=(120, 120, 124))
    for x in (0.15 * w, 0.45 * w):  # trucks
        y = 0.84 * h
        draw.rectangle([x, y - 0.1 * h, x + 0.16 * w, y], fill=(236, 236, 236))
        draw.rectangle([x + 0.16 * w, y - 0.07 * h, x + 0.21 * w, y], fill=(40, 100, 170))
        for wx in (x + 0.03 * w, x + 0.18 * w):
            draw.ellipse([wx - 12 * SS, y - 12 * SS, wx + 12 * SS, y + 12 * SS], fill=(30, 30, 30))


def _sports(draw, rng, w, h) -> None:
    _clouds(draw, rng, w, h)
    draw.rectangle([0, 0.45 * h, w, h], fill=(96, 164, 90))
    for lane in range(6):
        y = 0.58 * h + lane * 0.065 * h
        draw.rectangle([0, y, w, y + 0.06 * h], fill=(200, 84, 64))
        draw.line([(0, y), (w, y)], fill=(250, 250, 250), width=2 * SS)
    colours = [(40, 90, 180), (230, 200, 40), (220, 60, 60), (40, 160, 120), (160, 70, 170)]
    for lane in range(5):
        x = rng.uniform(0.2, 0.8) * w
        _person(draw, x, 0.64 * h + lane * 0.065 * h, 0.16 * h, colours[lane])
    for i in range(22):  # bunting
        x = i / 21 * w
        y = 0.12 * h + math.sin(i / 21 * math.pi) * 0.06 * h
        draw.polygon(
            [(x, y), (x + 0.04 * w, y), (x + 0.02 * w, y + 0.05 * h)], fill=colours[i % len(colours)]
        )


def _office(draw, rng, w, h) -> None:
    draw.rectangle([0, 0, w, 0.6 * h], fill=(226, 232, 238))
    for x in range(0, w, int(0.12 * w)):  # ceiling lights
        draw.rectangle([x + 0.02 * w, 0.04 * h, x + 0.1 * w, 0.06 * h], fill=(255, 255, 240))
    draw.rectangle([0.08 * w, 0.12 * h, 0.92 * w, 0.3 * h], fill=(30, 60, 110))  # information screen
    for r in range(3):
        draw.rectangle(
            [0.12 * w, 0.16 * h + r * 0.045 * h, (0.5 + r * 0.12) * w, 0.18 * h + r * 0.045 * h],
            fill=(120, 200, 240),
        )
    draw.rectangle([0, 0.6 * h, w, h], fill=(196, 186, 170))
    for i in range(5):  # service counters with staff
        x = 0.06 * w + i * 0.19 * w
        _person(draw, x + 0.07 * w, 0.62 * h, 0.2 * h, (40, 70, 130))
        draw.rectangle([x, 0.55 * h, x + 0.15 * w, 0.72 * h], fill=(236, 236, 232))
        draw.rectangle([x, 0.55 * h, x + 0.15 * w, 0.57 * h], fill=(60, 130, 190))
    for _ in range(4):
        _person(
            draw,
            rng.uniform(0.1, 0.9) * w,
            0.96 * h,
            0.26 * h,
            rng.choice([(180, 90, 60), (90, 140, 90), (200, 170, 80)]),
        )


SCENES: dict[str, tuple[str, Callable]] = {
    "wetland": ("morning", _wetland),
    "park": ("autumn", _park),
    "construction": ("day", _construction),
    "housing": ("day", _housing),
    "night": ("night", _night),
    "school": ("morning", _school),
    "logistics": ("day", _logistics),
    "sports": ("day", _sports),
    "office": ("day", _office),
}


# What each scene shows, for alternative text.
SCENE_NAMES = {
    "wetland": "湿地水面上的芦苇和飞鸟",
    "park": "公园步道两旁的秋季树木",
    "construction": "建设工地上的塔吊和在建楼宇",
    "housing": "居民小区的住宅楼、道路和行道树",
    "night": "沿江楼宇的夜景和水面倒影",
    "school": "学校教学楼、操场跑道和旗杆",
    "logistics": "物流园的仓库、集装箱和货车",
    "sports": "运动会跑道上的运动员和彩旗",
    "office": "政务服务大厅的办事窗口和群众",
}


def scene_image(scene: str, seed: str, size: tuple[int, int] = (1200, 675)) -> Image.Image:
    """The drawing of ``scene`` (a key of ``SCENES``) varied by ``seed``."""
    rng = random.Random(f"{scene}:{seed}")
    sky, draw_scene = SCENES[scene]
    w, h = size[0] * SS, size[1] * SS
    img = gradient((w, h), *SKIES[sky])
    draw_scene(ImageDraw.Draw(img), rng, w, h)
    return img.resize(size, Image.LANCZOS)


def scene_jpeg(scene: str, seed: str, size: tuple[int, int] = (1200, 675)) -> bytes:
    buf = io.BytesIO()
    scene_image(scene, seed, size).save(buf, "JPEG", quality=84)
    return buf.getvalue()


# ------------------------------------------------------------------ portraits

BACKGROUNDS = [
    ((200, 214, 232), (150, 170, 200)),
    ((222, 226, 232), (176, 184, 196)),
    ((210, 224, 228), (160, 182, 190)),
]
SKINS = [(236, 200, 172), (226, 188, 158), (214, 174, 142), (240, 210, 184)]
HAIRS = [(26, 24, 24), (40, 34, 30), (58, 50, 44), (90, 86, 84)]
SUITS = [(30, 36, 52), (40, 44, 52), (24, 30, 44), (52, 58, 70)]
TIES = [(150, 30, 40), (36, 60, 120), (110, 30, 50), (60, 70, 90)]


def portrait_image(seed: str, size: tuple[int, int] = (300, 400), female: bool = False) -> Image.Image:
    """A head-and-shoulders portrait in a dark suit on a plain studio background."""
    rng = random.Random(f"portrait:{seed}")
    w, h = size[0] * SS, size[1] * SS
    img = gradient((w, h), *rng.choice(BACKGROUNDS))
    halo = Image.new("L", (w, h), 0)
    ImageDraw.Draw(halo).ellipse([w * 0.1, h * 0.05, w * 0.9, h * 0.75], fill=70)
    img.paste(
        Image.new("RGB", (w, h), (240, 244, 248)), (0, 0), halo.filter(ImageFilter.GaussianBlur(w * 0.12))
    )
    d = ImageDraw.Draw(img)
    skin, hair, suit = rng.choice(SKINS), rng.choice(HAIRS), rng.choice(SUITS)
    cx = w / 2 + rng.uniform(-0.02, 0.02) * w
    head_w, head_h = w * rng.uniform(0.34, 0.38), h * rng.uniform(0.33, 0.36)
    top = h * 0.13
    chin = top + head_h
    shoulder = chin + h * 0.1
    if female:  # hair behind the head, to the shoulders
        d.rounded_rectangle(
            [cx - head_w * 0.68, top - h * 0.01, cx + head_w * 0.68, chin + h * 0.07],
            radius=w * 0.15,
            fill=hair,
        )
    # neck with a shadow under the chin
    d.rectangle(
        [cx - head_w * 0.2, chin - h * 0.04, cx + head_w * 0.2, shoulder + h * 0.05], fill=_shade(skin, -18)
    )
    # jacket: shoulders, then the shirt and tie in the V of the lapels
    d.ellipse([cx - w * 0.56, shoulder, cx + w * 0.56, shoulder + h * 0.7], fill=suit)  # sloping shoulders
    d.rectangle([cx - w * 0.56, shoulder + h * 0.35, cx + w * 0.56, h], fill=suit)
    v_bottom = h * 0.93
    d.polygon(
        [(cx - w * 0.1, shoulder - h * 0.005), (cx + w * 0.1, shoulder - h * 0.005), (cx, v_bottom)],
        fill=(244, 246, 250),
    )
    if female:
        d.polygon(
            [(cx - w * 0.07, shoulder), (cx + w * 0.07, shoulder), (cx, shoulder + h * 0.12)],
            fill=_shade(skin, -8),
        )
    else:
        tie = rng.choice(TIES)
        d.polygon(
            [
                (cx - w * 0.025, shoulder + h * 0.01),
                (cx + w * 0.025, shoulder + h * 0.01),
                (cx + w * 0.018, shoulder + h * 0.04),
                (cx - w * 0.018, shoulder + h * 0.04),
            ],
            fill=tie,
        )
        d.polygon(
            [
                (cx - w * 0.018, shoulder + h * 0.04),
                (cx + w * 0.018, shoulder + h * 0.04),
                (cx + w * 0.04, v_bottom - h * 0.03),
                (cx, v_bottom),
                (cx - w * 0.04, v_bottom - h * 0.03),
            ],
            fill=tie,
        )
    lapel = _shade(suit, 14)
    for side in (-1, 1):
        d.polygon(
            [
                (cx + side * w * 0.1, shoulder - h * 0.005),
                (cx + side * w * 0.2, shoulder + h * 0.02),
                (cx + side * w * 0.12, shoulder + h * 0.12),
                (cx + side * w * 0.005, v_bottom),
            ],
            fill=lapel,
        )
    # ears, face
    for side in (-1, 1):
        ex = cx + side * head_w * 0.5
        d.ellipse(
            [ex - w * 0.03, top + head_h * 0.42, ex + w * 0.03, top + head_h * 0.62], fill=_shade(skin, -10)
        )
    d.ellipse([cx - head_w / 2, top, cx + head_w / 2, chin], fill=skin)
    d.ellipse([cx - head_w * 0.42, top + head_h * 0.55, cx + head_w * 0.42, chin], fill=_shade(skin, -6))
    d.ellipse([cx - head_w * 0.46, top + head_h * 0.05, cx + head_w * 0.46, chin - head_h * 0.08], fill=skin)
    # features
    eye_y, gap = top + head_h * 0.5, head_w * 0.2
    for side in (-1, 1):
        ex = cx + side * gap
        d.ellipse(
            [ex - w * 0.022, eye_y - h * 0.008, ex + w * 0.022, eye_y + h * 0.008], fill=(250, 250, 250)
        )
        d.ellipse([ex - w * 0.011, eye_y - h * 0.008, ex + w * 0.011, eye_y + h * 0.008], fill=(40, 30, 28))
        brow_y = eye_y - h * 0.03
        d.line(
            [(ex - w * 0.035, brow_y + side * 0), (ex + w * 0.035, brow_y - h * 0.004)],
            fill=_shade(hair, 10),
            width=3 * SS,
        )
    d.line(
        [(cx, eye_y + h * 0.01), (cx - w * 0.012, eye_y + h * 0.05), (cx + w * 0.006, eye_y + h * 0.055)],
        fill=_shade(skin, -40),
        width=2 * SS,
    )
    mouth_y = eye_y + h * 0.09
    d.arc(
        [cx - w * 0.05, mouth_y - h * 0.02, cx + w * 0.05, mouth_y + h * 0.012],
        20,
        160,
        fill=(170, 90, 90),
        width=3 * SS,
    )
    if rng.random() < 0.35:  # glasses
        for side in (-1, 1):
            ex = cx + side * gap
            d.rounded_rectangle(
                [ex - w * 0.045, eye_y - h * 0.02, ex + w * 0.045, eye_y + h * 0.02],
                radius=w * 0.01,
                outline=(50, 50, 55),
                width=2 * SS,
            )
        d.line(
            [(cx - gap + w * 0.045, eye_y), (cx + gap - w * 0.045, eye_y)], fill=(50, 50, 55), width=2 * SS
        )
    # hair on top: a side parting for men, a fringe for women
    if female:
        d.chord(
            [cx - head_w * 0.56, top - h * 0.02, cx + head_w * 0.56, top + head_h * 0.62], 180, 360, fill=hair
        )
        d.polygon(
            [
                (cx - head_w * 0.5, top + head_h * 0.3),
                (cx + head_w * 0.1, top + head_h * 0.12),
                (cx - head_w * 0.05, top + head_h * 0.33),
            ],
            fill=hair,
        )
    else:
        part = rng.choice([-0.2, 0.2])
        d.chord(
            [cx - head_w * 0.53, top - h * 0.025, cx + head_w * 0.53, top + head_h * 0.5], 180, 360, fill=hair
        )
        d.polygon(
            [
                (cx - head_w * 0.52, top + head_h * 0.25),
                (cx - head_w * 0.5, top + head_h * 0.38),
                (cx - head_w * 0.44, top + head_h * 0.22),
            ],
            fill=hair,
        )
        d.polygon(
            [
                (cx + head_w * 0.52, top + head_h * 0.25),
                (cx + head_w * 0.5, top + head_h * 0.38),
                (cx + head_w * 0.44, top + head_h * 0.22),
            ],
            fill=hair,
        )
        d.line(
            [(cx + part * head_w, top + h * 0.0), (cx + part * head_w * 1.2, top + head_h * 0.2)],
            fill=_shade(hair, 30),
            width=2 * SS,
        )
        if hair == HAIRS[-1]:  # greying at the temples
            d.line(
                [(cx - head_w * 0.5, top + head_h * 0.3), (cx - head_w * 0.46, top + head_h * 0.2)],
                fill=(150, 150, 150),
                width=3 * SS,
            )
    img = img.resize(size, Image.LANCZOS)
    return img.filter(ImageFilter.GaussianBlur(0.4))


def portrait_png(seed: str, size: tuple[int, int] = (300, 400), female: bool = False) -> bytes:
    buf = io.BytesIO()
    portrait_image(seed, size, female).save(buf, "PNG")
    return buf.getvalue()
