"""Links and images: broken internal links, unsafe schemes, images without alternative text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from .findings import Finding, Severity

UNSAFE_SCHEMES = {"javascript", "vbscript", "data", "file"}
STATIC_PREFIXES = ("/media/", "/static/", "/documents/", "/admin/", "/api/")


def _own_hosts() -> set[str]:
    return {h.lower() for h in Site.objects.values_list("hostname", flat=True)}


def _normalise(path: str) -> str:
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def _resolve_path(path: str) -> Page | None:
    """The page a site-relative path serves, including ``/en/…`` paths of a translated tree."""
    path = _normalise(path)
    first = path.strip("/").split("/", 1)[0]
    languages = {code for code, _name in settings.LANGUAGES}
    for site in Site.objects.select_related("root_page"):
        attempts = [(site.root_page, path)]
        if first in languages:
            rest = _normalise(path.strip("/")[len(first) :])
            translations = site.root_page.get_translations(inclusive=True).filter(locale__language_code=first)
            attempts += [(root, rest) for root in translations]
        for root, relative in attempts:
            page = Page.objects.filter(url_path=root.url_path.rstrip("/") + relative).first()
            if page is not None:
                return page
    return None


def check_links(page, fields, context) -> list[Finding]:
    findings = []
    hosts = None
    for item in fields:
        for link in item.links:
            label = link.text.strip() or link.href or link.target_id
            where = {"field": item.name, "excerpt": label[:40]}
            if link.linktype == "page":
                target = Page.objects.filter(pk=link.target_id or 0).first()
                if target is None:
                    findings.append(
                        Finding(
                            "broken_link",
                            Severity.BLOCK,
                            _("站内链接“%(label)s”指向的页面不存在") % {"label": label},
                            suggestion=_("重新选择链接页面"),
                            **where,
                        )
                    )
                elif not target.live:
                    findings.append(
                        Finding(
                            "unpublished_link",
                            Severity.WARN,
                            _("站内链接“%(label)s”指向未发布的页面“%(title)s”")
                            % {"label": label, "title": target.title},
                            suggestion=_("先发布目标页面或改链接"),
                            **where,
                        )
                    )
                continue
            if link.linktype == "document":
                if not get_document_model().objects.filter(pk=link.target_id or 0).exists():
                    findings.append(
                        Finding(
                            "broken_link",
                            Severity.BLOCK,
                            _("文档链接“%(label)s”指向的文档不存在") % {"label": label},
                            suggestion=_("重新选择文档"),
                            **where,
                        )
                    )
                continue
            href = re.sub(r"[\s\x00-\x1f]", "", link.href)
            if not href or href.startswith("#"):
                continue
            parts = urlsplit(href)
            scheme = parts.scheme.lower()
            if scheme in UNSAFE_SCHEMES:
                findings.append(
                    Finding(
                        "unsafe_link",
                        Severity.BLOCK,
                        _("链接“%(label)s”使用了不安全的协议 %(scheme)s:")
                        % {"label": label, "scheme": scheme},
                        suggestion=_("删除该链接"),
                        **where,
                    )
                )
                continue
            if scheme == "http":
                findings.append(
                    Finding(
                        "insecure_link",
                        Severity.WARN,
                        _("链接“%(label)s”未使用 HTTPS") % {"label": label},
                        suggestion=href.replace("http://", "https://", 1),
                        **where,
                    )
                )
            internal_path = None
            if not scheme and href.startswith("/") and not href.startswith("//"):
                internal_path = parts.path
            elif scheme in {"http", "https"}:
                hosts = _own_hosts() if hosts is None else hosts
                if (parts.hostname or "").lower() in hosts:
                    internal_path = parts.path
            if internal_path is not None and not internal_path.startswith(STATIC_PREFIXES):
                target = _resolve_path(internal_path)
                if target is None:
                    findings.append(
                        Finding(
                            "broken_link",
                            Severity.BLOCK,
                            _("站内链接“%(label)s”（%(path)s）无法打开")
                            % {"label": label, "path": internal_path},
                            suggestion=_("检查链接地址"),
                            **where,
                        )
                    )
                elif not target.live:
                    findings.append(
                        Finding(
                            "unpublished_link",
                            Severity.WARN,
                            _("站内链接“%(label)s”指向未发布的页面") % {"label": label},
                            suggestion=_("先发布目标页面或改链接"),
                            **where,
                        )
                    )
    return findings


def check_images(page, fields, context) -> list[Finding]:
    findings = []
    Image = get_image_model()
    for item in fields:
        for image in item.images:
            if image.decorative or (image.alt or "").strip():
                continue
            if image.image_id:
                described = (
                    Image.objects.filter(pk=image.image_id).exclude(description="").exists()
                    if hasattr(Image, "description")
                    else False
                )
                if described:
                    continue
            findings.append(
                Finding(
                    "image_alt",
                    Severity.WARN,
                    _("%(field)s中有图片缺少替代文本（无障碍要求）") % {"field": item.label},
                    field=item.name,
                    suggestion=_("为图片填写替代文本，或标记为装饰性图片"),
                )
            )
    return findings
