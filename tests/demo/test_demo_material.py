"""The demo's generated material: fictional codes, valid files, deterministic images and text."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import datetime

from openpyxl import load_workbook
from PIL import Image

from portal.demo import material, media, writer
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
    assert media.portrait_png("a") == media.portrait_png("a")
    assert Image.open(io.BytesIO(media.portrait_png("a"))).size == (300, 400)
    assert Image.open(io.BytesIO(media.cover_jpeg("b"))).size == (1200, 675)


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
        assert 400 <= len(text) <= 1500
        sentences = [s for p in paragraphs for s in p.split("。") if s]
        assert len(sentences) == len(set(sentences))
