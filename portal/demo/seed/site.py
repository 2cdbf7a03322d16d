"""The two home pages (zh-hans and en), the default site and its identity settings."""

from __future__ import annotations

from wagtail.models import Locale, Page, Site

from portal.core.models import SiteIdentity
from portal.pages.models import HomePage

from .context import SeedContext

ZH_TITLE = "示范区人民政府门户网站"
EN_TITLE = "Shifan District Government"

IDENTITY = {
    "site_name": ZH_TITLE,
    "site_domain": "www.shifan.gov.cn",
    "site_id_code": "9999000001",
    "icp_number": "示ICP备2026000001号-1",
    "police_record_number": "示公网安备 99999902000001号",
    "police_record_code": "99999902000001",
    "sponsor": "示范区人民政府办公室",
    "organizer": "示范区政务服务数据管理局",
    "contact_phone": "099-86200001",
    "contact_email": "web@shifan.gov.cn",
    "contact_address": "示范区政务大道88号 示范区政务服务数据管理局（邮编：999101）",
    "party_gov_badge_url": "https://bszs.conac.cn/sitename?method=show&id=0000000000000000",
}


def _locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def _zh_home(ctx: SeedContext) -> HomePage:
    locale = _locale("zh-hans")
    home = HomePage.objects.filter(locale=locale).first()
    if home:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title=ZH_TITLE,
            slug="shifan",
            locale=locale,
            owner_organisation=ctx.orgs["gov-office"],
            intro="示范区人民政府门户网站是示范区人民政府及其部门、街道发布政府信息、提供在线服务、"
            "与公众互动交流的官方网站。",
            date=ctx.now,
            first_published_at=ctx.now,
            last_published_at=ctx.now,
        )
    )
    ctx.created["pages"] += 1
    return home


def _en_home(ctx: SeedContext, zh_home: HomePage) -> HomePage:
    locale = _locale("en")
    home = HomePage.objects.filter(locale=locale).first()
    if home:
        return home
    home = Page.get_first_root_node().add_child(
        instance=HomePage(
            title=EN_TITLE,
            slug="shifan-en",
            locale=locale,
            translation_key=zh_home.translation_key,
            owner_organisation=ctx.orgs["gov-office"],
            intro="The official English website of the Shifan District Government.",
            date=ctx.now,
            first_published_at=ctx.now,
            last_published_at=ctx.now,
        )
    )
    ctx.created["pages"] += 1
    return home


def _point_site(home: HomePage) -> Site:
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    values = {"hostname": "localhost", "port": 80, "root_page_id": home.pk, "site_name": "示范区"}
    if any(getattr(site, k) != v for k, v in values.items()):
        for key, value in values.items():
            setattr(site, key, value)
        site.save()
    return site


def _delete_welcome(ctx: SeedContext) -> None:
    for page in Page.get_first_root_node().get_children():
        if (
            page.specific_class is Page
            and page.slug == "home"
            and not Site.objects.filter(root_page=page).exists()
        ):
            page.delete()
            ctx.created["welcome pages deleted"] += 1


def _identity(site: Site) -> None:
    identity = SiteIdentity.for_site(site)
    if any(getattr(identity, k) != v for k, v in IDENTITY.items()):
        for key, value in IDENTITY.items():
            setattr(identity, key, value)
        identity.full_clean()
        identity.save()


def seed_site(ctx: SeedContext) -> tuple[HomePage, HomePage]:
    zh_home = _zh_home(ctx)
    site = _point_site(zh_home)
    _delete_welcome(ctx)
    _identity(site)
    return zh_home, _en_home(ctx, zh_home)


def link(title: str, icon: str, page=None, url: str = "", description: str = "") -> tuple:
    return ("link", {"title": title, "page": page, "url": url, "icon": icon, "description": description})


def seed_home_links(ctx: SeedContext, home: HomePage) -> None:
    """The four entry points and the quick links, filled only while empty."""
    if len(home.entry_points) and len(home.quick_links):
        return
    c = ctx.columns
    home.entry_points = [
        link("政务公开", "disclosure", c["zwgk"], description="政府信息公开平台"),
        link("政务服务", "service", c["zwfw"], description="个人办事 · 法人办事 · 一件事"),
        link("互动交流", "interaction", c["hdjl"], description="领导信箱 · 咨询 · 征集"),
        link("数据开放", "data", c["sjkf"], description="公共数据目录与接口"),
    ]
    home.quick_links = [
        link("政策文件库", "policy", c["zcwj"]),
        link("政府信息公开年报", "disclosure", c["gknb"]),
        link("领导信箱", "interaction", c["ldxx"]),
        link("示范区政务服务网", "service", url="https://zwfw.shifan.gov.cn/"),
        link("12345政务服务便民热线", "link", url="https://12345.shifan.gov.cn/"),
        link("示范区公共数据开放平台", "data", url="https://data.shifan.gov.cn/"),
    ]
    home.save(update_fields=["entry_points", "quick_links"])
