"""Shared builders for test data: just what a test needs, never the whole demo district."""

from __future__ import annotations

import itertools

from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site

from portal.core.models import Organisation, SiteIdentity, StaffProfile
from portal.disclosure.models import PolicyDocumentPage
from portal.pages.models import ArticlePage, ColumnPage, HomePage

_seq = itertools.count(1)


def organisation(kind=Organisation.Kind.DEPARTMENT, parent=None, **fields) -> Organisation:
    n = next(_seq)
    if kind != Organisation.Kind.DISTRICT and parent is None:
        parent = district()
    defaults = {
        "name": f"测试机构{n}",
        "slug": f"org-{n}",
        "code": f"11999900TEST{n:05d}X"[:18],
        "kind": kind,
        "parent": parent,
    }
    defaults.update(fields)
    org = Organisation(**defaults)
    org.full_clean()
    org.save()
    return org


def district() -> Organisation:
    existing = Organisation.objects.filter(kind=Organisation.Kind.DISTRICT).first()
    return existing or organisation(
        Organisation.Kind.DISTRICT, name="示范区人民政府", slug="district", code="11999900DISTRICT0X"
    )


def home_page(locale_code: str = "zh-hans", **fields) -> HomePage:
    """The site's home page, installed as the default site's root."""
    locale, _ = Locale.objects.get_or_create(language_code=locale_code)
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=locale)
    existing = HomePage.objects.filter(locale=locale).first()
    if existing:
        return existing
    defaults = {"title": "示范区人民政府门户网站", "slug": f"home-{locale_code}", "locale": locale}
    defaults.update(fields)
    if locale_code != "zh-hans":
        zh = home_page()
        defaults["translation_key"] = zh.translation_key
    home = root.add_child(instance=HomePage(**defaults))
    if locale_code == "zh-hans":
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "示范区"},
        )
    return home


def column(parent=None, **fields) -> ColumnPage:
    n = next(_seq)
    parent = parent or home_page()
    defaults = {"title": f"栏目{n}", "slug": f"column-{n}", "column_type": ColumnPage.ColumnType.NEWS}
    defaults.update(fields)
    return parent.add_child(instance=ColumnPage(**defaults))


def article(parent=None, **fields) -> ArticlePage:
    n = next(_seq)
    parent = parent or column()
    defaults = {
        "title": f"测试文章{n}",
        "slug": f"article-{n}",
        "source": "示范区融媒体中心",
        "body": [("paragraph", f"<p>第{n}篇文章的正文。</p>")],
    }
    defaults.update(fields)
    return parent.add_child(instance=ArticlePage(**defaults))


def policy_document(parent=None, **fields) -> PolicyDocumentPage:
    n = next(_seq)
    parent = parent or column(column_type="policy")
    defaults = {
        "title": f"关于印发测试办法的通知{n}",
        "slug": f"policy-{n}",
        "document_number": f"示政发〔2026〕{n}号",
        "body": f"<p>第{n}号文件正文。</p>",
    }
    if "owner_organisation" not in fields:
        defaults["owner_organisation"] = district()
    defaults.update(fields)
    return parent.add_child(instance=PolicyDocumentPage(**defaults))


def site_identity(**fields) -> SiteIdentity:
    site = Site.objects.get(is_default_site=True)
    identity = SiteIdentity.for_site(site)
    defaults = {
        "site_name": "示范区人民政府门户网站",
        "site_domain": "www.shifan.gov.cn",
        "site_id_code": "9999000001",
        "icp_number": "示ICP备2026000001号",
        "police_record_number": "示公网安备99999902000001号",
        "sponsor": "示范区人民政府办公室",
        "organizer": "示范区政务服务数据管理局",
    }
    defaults.update(fields)
    for key, value in defaults.items():
        setattr(identity, key, value)
    identity.save()
    return identity


def staff_user(organisation: Organisation, role=StaffProfile.Role.EDITOR, username=None):
    User = get_user_model()
    user = User.objects.create_user(
        username or f"staff{next(_seq)}", password="pass-Word-2026", is_staff=True
    )
    StaffProfile.objects.create(user=user, organisation=organisation, role=role)
    return user


def document(name="通知.pdf", content=None, collection=None):
    """A stored document (a small PDF unless ``content`` is given)."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from portal.demo.media import pdf_bytes

    # a transactional test starts from an empty database, without Wagtail's root collection
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    doc = get_document_model()(title=name, collection=collection or root)
    doc.file.save(
        name, ContentFile(content if content is not None else pdf_bytes("通知", ["正文"])), save=False
    )
    doc.save()
    return doc


def attached_article(doc, **fields) -> ArticlePage:
    """An article whose body links ``doc`` as an attachment (so the document follows the page)."""
    return article(body=[("attachment", {"document": doc, "title": "附件"})], **fields)
