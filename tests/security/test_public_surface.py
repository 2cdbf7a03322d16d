"""Every public URL × every payload in every parameter (and as a path segment): no 500, nothing
executable reflected (issue 8). Search has its own, deeper suite in tests/search."""

import pytest

from portal.disclosure.models import LeaderDirectoryPage, OrganisationDirectoryPage
from tests import factories
from tests.security.corpus import PAYLOADS, assert_safe, query_string

PARAMETERS = [
    "page",
    "next",
    "url",
    "q",
    "to",
    "from",
    "since",
    "until",
    "org",
    "id",
    "sort",
    "year",
    "format",
]


@pytest.fixture
def site(home):
    org = factories.organisation(name="示范区教育局", slug="edu")
    news = factories.column(parent=home, title="新闻", slug="xw", owner_organisation=org)
    article = factories.article(parent=news, title="社保卡申领 <b>说明</b>")
    policies = factories.column(parent=home, title="政策文件", slug="zcwj", column_type="policy")
    policy = factories.policy_document(parent=policies, owner_organisation=org)
    disclosure = factories.column(parent=home, title="政务公开", slug="zwgk", column_type="disclosure")
    orgs = disclosure.add_child(instance=OrganisationDirectoryPage(title="机构职能", slug="jgzn"))
    leaders = disclosure.add_child(instance=LeaderDirectoryPage(title="领导信息", slug="ldxx"))
    return [
        "/",
        "/en/",
        news.url,
        article.url,
        policies.url,
        policy.url,
        orgs.url,
        orgs.url + "edu/",
        leaders.url,
        news.url + "feed/rss/",
        news.url + "feed/atom/",
        "/sitemap.xml",
        "/sitemap/",
        "/robots.txt",
        "/display/traditional/",
        "/display/elderly/",
        "/qr.svg",
        "/documents/1/x.pdf",
    ]


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: repr(p[:20]))
def test_no_public_parameter_breaks_a_page_or_is_reflected(client, site, payload):
    params = query_string(dict.fromkeys(PARAMETERS, payload))
    for url in site:
        assert_safe(client.get(f"{url}?{params}"), payload)


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: repr(p[:20]))
def test_no_path_segment_breaks_a_page_or_is_reflected(client, site, payload):
    from urllib.parse import quote

    segment = quote(payload[:300].encode("utf-8", "surrogatepass"), safe="")
    for url in site:
        if url.endswith("/"):
            assert_safe(client.get(f"{url}{segment}/"), payload)
    for prefix in ("/documents/", "/media/documents/", "/media/images/", "/display/"):
        assert_safe(client.get(f"{prefix}{segment}"), payload)


def test_display_switch_only_goes_back_to_this_site(client, site):
    for target, expected in [
        ("/xw/", "/xw/"),
        ("abc", "/"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
    ]:
        response = client.get("/display/elderly/", {"next": target})
        assert response.status_code == 302 and response["Location"] == expected, target
