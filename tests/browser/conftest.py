import atexit
import os
import shutil

import pytest

from tests import factories

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


_shared: dict = {}


def shared_browser():
    """One headless Chromium per test process, however many conftest modules ask for it.

    Playwright's sync API refuses a second instance in a thread whose first is still open, so
    app conftests that import the ``browser`` fixture get this same instance.
    """
    if "browser" not in _shared:
        if not shutil.which(CHROMIUM):
            pytest.fail("Debian's chromium is required for browser tests (apt-get install chromium)")
        # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are safe.
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        _shared["playwright"] = playwright
        _shared["browser"] = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        atexit.register(_close_shared_browser)
    return _shared["browser"]


def _close_shared_browser() -> None:
    browser, playwright = _shared.pop("browser", None), _shared.pop("playwright", None)
    if browser is not None:
        browser.close()
    if playwright is not None:
        playwright.stop()


@pytest.fixture(scope="session")
def browser():
    return shared_browser()


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


@pytest.fixture
def site(transactional_db):
    """A home page, a news column in the menu and one article."""
    home = factories.home_page()
    factories.site_identity()
    news = factories.column(parent=home, title="区政府要闻", slug="news", show_in_menus=True)
    article = factories.article(
        parent=news,
        title="示范区召开常务会议",
        slug="meeting",
        body=[("paragraph", "<p>会议研究了民生实事项目。会议强调，要抓好落实。</p>")],
    )
    return home, news, article


@pytest.fixture
def public_site(site):
    """The page types the public checks visit: home (with a headline carousel, topics and new
    media), a news column, an article, a policy column and document, search and the English home."""
    from django.core.management import call_command
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    home, news, article = site
    identity = factories.site_identity(
        contact_phone="099-86200001",
        contact_address="示范区政务大道88号",
        sponsor_en="General Office of the Shifan District People's Government",
        organizer_en="Shifan District Government Services and Data Administration",
        contact_address_en="88 Zhengwu Avenue, Shifan District",
    )
    identity.new_media = [
        (
            "account",
            {
                "platform": "wechat",
                "name": "示范区发布",
                "url": "https://weixin.example/",
                "note": "扫码关注",
            },
        ),
        ("account", {"platform": "weibo", "name": "示范区发布", "url": "https://weibo.example/", "note": ""}),
    ]
    identity.save()
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:  # a transactional test's flush removes it
        Collection.add_root(name="Root")
    Image = get_image_model()
    for n in range(2):
        image = Image.objects.create(title=f"题图{n}", file=get_test_image_file(f"cover{n}.png"))
        factories.article(
            parent=news,
            title=f"示范区图片新闻第{n + 1}条",
            cover_image=image,
            is_headline=True,
            summary="图片新闻的摘要。",
        )
    topics = factories.column(parent=home, title="专题专栏", slug="topics", column_type="topic")
    factories.column(
        parent=topics, title="优化营商环境", slug="yshj", column_type="topic", description="营商环境专题"
    )
    policies = factories.column(parent=home, title="政策文件", slug="policies", column_type="policy")
    import datetime

    policy = factories.policy_document(
        parent=policies,
        title="示范区人民政府关于印发学前教育发展实施方案的通知",
        slug="preschool",
        issuing_organ="示范区人民政府",
        written_date=datetime.date(2026, 3, 2),
    )
    english = factories.home_page(
        "en", title="Shifan District Government", intro="The official English website."
    )
    call_command("rebuild_search_index")
    return {
        "home": home.url,
        "column": news.url,
        "article": article.url,
        "policies": policies.url,
        "policy": policy.url,
        "search": "/search/?q=常务会议",
        "english": english.url,
    }
