"""The demo's generated material: fictional codes, valid files, deterministic images and text."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import zipfile
from datetime import datetime

import pytest
from openpyxl import load_workbook
from PIL import Image

from portal.demo import material, media, pictures, writer
from portal.demo.seed.orgs import uscc


def test_codes_are_18_uppercase_alphanumerics_and_unique():
    codes = [uscc("11", n) for n in range(1, 200)]
    assert all(len(c) == 18 and c.isalnum() and c == c.upper() for c in codes)
    assert len(set(codes)) == len(codes)


def test_departments_and_streets_are_plentiful_and_uniquely_named():
    district = material.district()
    assert len(district["departments"]) >= 18
    assert len(district["streets"]) >= 6
    assert sum(len(s["communities"]) for s in district["streets"]) >= 24
    slugs = [d["slug"] for d in district["departments"]] + [s["slug"] for s in district["streets"]]
    assert len(set(slugs)) == len(slugs)


def test_images_are_deterministic_and_sized():
    assert pictures.portrait_png("a") == pictures.portrait_png("a")
    assert pictures.portrait_png("a") != pictures.portrait_png("b", female=True)
    assert Image.open(io.BytesIO(pictures.portrait_png("a"))).size == (300, 400)
    for scene in pictures.SCENES:
        picture = Image.open(io.BytesIO(pictures.scene_jpeg(scene, "b", (320, 180))))
        assert picture.size == (320, 180)
        assert len(set(picture.convert("L").getdata())) > 30, scene  # a drawing, not a flat placeholder
    assert set(pictures.SCENE_NAMES) == set(pictures.SCENES)


def test_captions_are_webvtt_cues_in_turn():
    track = media.webvtt(["第一句", "第二句"], 2.0).decode()
    assert track.startswith("WEBVTT\n")
    assert (
        "00:00:00.000 --> 00:00:02.000\n第一句" in track and "00:00:02.000 --> 00:00:04.000\n第二句" in track
    )


def test_video_is_rendered_with_ffmpeg_or_falls_back_to_the_shipped_clip(monkeypatch):
    shipped = media.FALLBACK_VIDEO.read_bytes()
    assert shipped.startswith(b"\x1a\x45\xdf\xa3")  # a WebM (EBML) file
    monkeypatch.setattr(media.shutil, "which", lambda name: None)
    assert media.video_webm("park", "x", 1) == shipped
    monkeypatch.setattr(media.shutil, "which", lambda name: "/nonexistent/ffmpeg-that-fails")
    monkeypatch.setattr(media.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 1, b"", b""))
    assert media.video_webm("park", "x", 1) == shipped


@pytest.mark.skipif(not shutil.which("ffmpeg"), reason="ffmpeg is not installed")
def test_video_rendered_with_ffmpeg_is_a_deterministic_webm():
    clip = media.video_webm("night", "x", 0.5)
    assert clip.startswith(b"\x1a\x45\xdf\xa3") and clip == media.video_webm("night", "x", 0.5)


def test_attachment_files_are_real_documents():
    pdf = media.pdf_bytes("示范区", ["第一行"])
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    docx = zipfile.ZipFile(io.BytesIO(media.docx_bytes("标题", ["正文"])))
    assert "word/document.xml" in docx.namelist()
    workbook = load_workbook(io.BytesIO(media.xlsx_bytes("表", ["序号"], [[1]])))
    assert workbook.active["A3"].value == 1


def test_article_bodies_stay_within_bounds_without_repeats():
    for seed in range(40):
        rng = random.Random(seed)
        v = writer.values(rng, datetime(2026, 5, 1), actor="区教育局", org="区教育局", community="文昌里社区")
        v["subject"] = "课后服务"
        paragraphs = writer.news_body(rng, "education", v)
        text = "".join(paragraphs)
        assert 3 <= len(paragraphs) <= 8
        assert 250 <= len(text) <= 1500
        sentences = [s for p in paragraphs for s in p.split("。") if s]
        assert len(sentences) == len(set(sentences))
