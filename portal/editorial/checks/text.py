"""Extract the checkable text, links and images of a page, field by field."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "blockquote"}
# Wagtail's own bookkeeping; a page type adds its generated fields with ``content_check_exclude``.
SKIPPED_FIELDS = {"slug", "url_path", "draft_title", "live_revision", "latest_revision"}
BODY_FIELDS = ("body",)


@dataclass
class Link:
    field: str
    href: str = ""
    linktype: str = ""
    target_id: str = ""
    text: str = ""


@dataclass
class ImageRef:
    field: str
    image_id: str = ""
    alt: str | None = None
    decorative: bool = False


@dataclass
class FieldText:
    name: str
    label: str
    text: str
    links: list[Link] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)


class _HtmlExtractor(HTMLParser):
    def __init__(self, field_name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.field_name = field_name
        self.parts: list[str] = []
        self.links: list[Link] = []
        self.images: list[ImageRef] = []
        self._open_link: Link | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in BLOCK_TAGS and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")
        if tag == "a":
            self._open_link = Link(
                field=self.field_name,
                href=(attrs.get("href") or "").strip(),
                linktype=attrs.get("linktype") or "",
                target_id=attrs.get("id") or "",
            )
            self.links.append(self._open_link)
        elif tag == "embed" and attrs.get("embedtype") == "image":
            self.images.append(ImageRef(self.field_name, attrs.get("id") or "", attrs.get("alt")))
        elif tag == "img":
            self.images.append(ImageRef(self.field_name, "", attrs.get("alt")))

    def handle_endtag(self, tag):
        if tag == "a":
            self._open_link = None
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)
        if self._open_link is not None:
            self._open_link.text += data


def parse_html(html: str, field_name: str = "") -> tuple[str, list[Link], list[ImageRef]]:
    parser = _HtmlExtractor(field_name)
    parser.feed(html or "")
    parser.close()
    return "".join(parser.parts).strip("\n"), parser.links, parser.images


def html_to_text(html: str) -> str:
    return parse_html(html)[0]


def _stream_field(name: str, label: str, value) -> FieldText:
    texts: list[str] = []
    result = FieldText(name, label, "")
    for block in value.raw_data:
        kind, data = block.get("type"), block.get("value")
        if kind == "image" and isinstance(data, dict):
            result.images.append(
                ImageRef(
                    name,
                    str(data.get("image") or ""),
                    data.get("alt_text") or None,
                    bool(data.get("decorative")),
                )
            )
        elif isinstance(data, str):
            text, links, images = parse_html(data, name)
            texts.append(text)
            result.links += links
            result.images += images
        elif isinstance(data, dict):
            table = data.get("data")
            if isinstance(table, list):
                texts.append("\n".join(" ".join(str(c or "") for c in row) for row in table))
            for key in ("title", "caption", "text"):
                if isinstance(data.get(key), str):
                    texts.append(data[key])
    result.text = "\n".join(t for t in texts if t)
    return result


def page_fields(page: Page) -> list[FieldText]:
    """Every text-bearing field of ``page`` (specific), in model order, as plain text."""
    found = [FieldText("title", str(Page._meta.get_field("title").verbose_name), page.title or "")]
    skipped = SKIPPED_FIELDS | set(getattr(page, "content_check_exclude", ()))
    for model_field in type(page)._meta.concrete_fields:
        if model_field.model is Page or model_field.name in skipped or model_field.choices:
            continue
        label = str(model_field.verbose_name)
        value = getattr(page, model_field.attname, None)
        if isinstance(model_field, StreamField):
            found.append(_stream_field(model_field.name, label, getattr(page, model_field.name)))
        elif isinstance(model_field, RichTextField):
            text, links, images = parse_html(value or "", model_field.name)
            found.append(FieldText(model_field.name, label, text, links, images))
        elif isinstance(model_field, (models.CharField, models.TextField)) and value:
            found.append(FieldText(model_field.name, label, str(value)))
    return found


def body_field(fields: list[FieldText]) -> FieldText | None:
    for item in fields:
        if item.name in BODY_FIELDS:
            return item
    return None
