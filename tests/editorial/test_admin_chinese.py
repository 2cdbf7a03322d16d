"""The admin speaks Chinese: every Wagtail string has a Chinese translation, and the screens staff
use show no English sentence (issue 11)."""

from __future__ import annotations

import ast
import glob
import html.parser
import json
import os
import re

import pytest
import wagtail
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from portal.editorial.transitions import submit_for_review
from tests import factories

from .conftest import draft_article

WAGTAIL = os.path.dirname(wagtail.__file__)

# Strings that read the same in Chinese: names, codes and formats.
SAME_IN_CHINESE = {
    "Wagtail API v2",
    "ID",
    "URL",
    "HTML",
    "JSON",
    "CSV",
    "RSS",
    "SVG",
    "Wagtail",
    "OK",
    "Email",
    "Twitter",
}


def _unescape(po_string: str) -> str:
    return ast.literal_eval('"' + po_string + '"')


def _installed(po_path: str) -> bool:
    module = "wagtail" + po_path[len(WAGTAIL) :].split("/locale/")[0].replace("/", ".")
    return apps.is_installed(module) or module == "wagtail.admin"


def wagtail_messages(domain: str) -> list[tuple[str | None, str, str | None]]:
    """(context, msgid, plural) of every message in the source (English) catalogues of the
    Wagtail apps this site installs."""
    found = []
    for path in sorted(glob.glob(f"{WAGTAIL}/**/locale/en/LC_MESSAGES/{domain}.po", recursive=True)):
        if not _installed(path):
            continue
        text = open(path, encoding="utf-8").read()
        for block in re.split(r"\n\s*\n", text):
            fields: dict[str, str] = {}
            key = None
            for line in block.splitlines():
                match = re.match(r"(msgctxt|msgid_plural|msgid) \"(.*)\"$", line)
                if match:
                    key = match.group(1)
                    fields[key] = match.group(2)
                elif line.startswith('"') and key:
                    fields[key] += line[1:-1]
                elif line.startswith("msgstr"):
                    key = None
            if fields.get("msgid"):
                found.append(
                    (
                        _unescape(fields["msgctxt"]) if "msgctxt" in fields else None,
                        _unescape(fields["msgid"]),
                        _unescape(fields["msgid_plural"]) if "msgid_plural" in fields else None,
                    )
                )
    return found


def _needs_translation(msgid: str) -> bool:
    letters = re.sub(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>|&\w+;", "", msgid)
    return bool(re.search(r"[A-Za-z]{2}", letters)) and msgid not in SAME_IN_CHINESE


def test_every_wagtail_admin_string_has_chinese():
    missing = []
    with translation.override("zh-hans"):
        for context, msgid, plural in wagtail_messages("django"):
            if not _needs_translation(msgid):
                continue
            if plural:
                text = (
                    translation.npgettext(context, msgid, plural, 1)
                    if context
                    else translation.ngettext(msgid, plural, 1)
                )
            else:
                text = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            if text == msgid:
                missing.append(msgid)
    assert missing == [], f"{len(missing)} Wagtail strings without Chinese, e.g. {missing[:10]}"


def test_the_admin_script_catalogue_is_complete(admin_client):
    response = admin_client.get(reverse("wagtailadmin_javascript_catalog"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    source = response.content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", source, re.S).group(1))
    missing = [
        msgid
        for context, msgid, _plural in wagtail_messages("djangojs")
        if _needs_translation(msgid) and (f"{context}\x04{msgid}" if context else msgid) not in catalog
    ]
    assert missing == [], missing


class _VisibleText(html.parser.HTMLParser):
    """Text a sighted or screen-reader user meets: text nodes and the labelling attributes."""

    SKIP = {"script", "style", "template", "textarea", "code", "pre"}
    ATTRIBUTES = {
        "title",
        "aria-label",
        "placeholder",
        "alt",
        "aria-description",
        "data-w-tooltip-content-value",
    }

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.texts.append(value)
            if (
                tag in ("input", "button")
                and name == "value"
                and dict(attrs).get("type") in ("submit", "button")
            ):
                self.texts.append(value or "")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.texts.append(data)


# English that may legitimately appear: product and standard names, formats, user data below.
ALLOWED_ENGLISH = re.compile(
    r"^(Wagtail|TOTP|Microsoft Authenticator|FreeOTP|Google|CSV|Excel|XLSX|PDF|RSS|Atom|URL|HTML|ID|"
    r"Draftail|OpenAPI|JSON|English|简体中文|mm/dd/yyyy|[\w.+-]+@[\w.-]+)$"
    # time zone names in the account settings' time zone list
    r"|^[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+)+$|^[A-Z][A-Za-z]*-[A-Za-z-]+$"
)


def english_sentences(page_html: str, allowed_data: set[str]) -> list[str]:
    parser = _VisibleText()
    parser.feed(page_html)
    found = []
    for raw in parser.texts:
        text = " ".join(raw.split())
        if not text or text in allowed_data or ALLOWED_ENGLISH.match(text):
            continue
        # Two Latin words in a row is English, a CJK sentence with a product name is not.
        if re.search(r"[A-Za-z]{2,}[ ,.'’-]+[A-Za-z]{2,}", text) and not re.search(r"[\u4e00-\u9fff]", text):
            found.append(text)
    return sorted(set(found))


def _sidebar_labels(page_html: str) -> list[str]:
    match = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', page_html, re.S
    )
    labels: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            labels.extend(v for k, v in node.items() if k == "label" and isinstance(v, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    if match:
        walk(json.loads(match.group(1)))
    return labels


@pytest.fixture
def in_review(district, django_capture_on_commit_callbacks):
    """A column with a published article and a draft waiting at 部门审核."""
    live = factories.article(parent=district.edu_column, title="教育局已发布的通知")
    page = draft_article(district.edu_column, title="教育局待审核的通知")
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(page, district.editor)
    district.live, district.pending = live, page
    return district


def _screens(d) -> list[str]:
    pending, column = d.pending, d.edu_column
    return [
        "/admin/",
        reverse("wagtailadmin_explore", args=[d.home.pk]),
        reverse("wagtailadmin_explore", args=[column.pk]),
        reverse("wagtailadmin_pages:edit", args=[pending.pk]),
        reverse("wagtailadmin_pages:edit", args=[d.live.pk]),
        reverse("wagtailadmin_pages:history", args=[pending.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[column.pk]),
        reverse("wagtailadmin_pages:add", args=["pages", "articlepage", column.pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add"),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_account"),
        "/admin/audit/",
        "/admin/notifications/",
        reverse("accounts_2fa_setup"),
        reverse("wagtailadmin_pages:search") + "?q=通知",
    ]


@pytest.mark.parametrize("who", ["editor", "reviewer"])
def test_the_screens_staff_use_show_no_english(client, in_review, who):
    user = getattr(in_review, who)
    client.force_login(user)
    data = {user.username, user.email, "edu_editor", "edu_reviewer"}
    problems = {}
    for url in _screens(in_review):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans", follow=True)
        assert response.status_code == 200, url
        page_html = response.content.decode()
        english = english_sentences(page_html, data) + [
            label for label in _sidebar_labels(page_html) if english_sentences(f"<p>{label}</p>", data)
        ]
        if english:
            problems[url] = english
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


def test_the_login_page_is_chinese_and_names_no_product(client, db):
    page_html = client.get("/admin/login/").content.decode()
    assert english_sentences(page_html, set()) == [], english_sentences(page_html, set())
    assert "登录网站管理后台" in page_html
    assert "<title>登录 - 网站管理后台</title>" in page_html
