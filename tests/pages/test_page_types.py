import pytest
from django.core.exceptions import ValidationError

from portal.disclosure.models import LeaderDirectoryPage, OrganisationDirectoryPage
from tests import factories


def test_each_page_type_renders(client, home):
    org = factories.organisation(name="示范区教育局", slug="jyj", address="示范大道1号", phone="0999-1234567")
    org.leaders.create(name="李明", slug="li-ming", title="局长", portfolio="主持全面工作。")
    org.save()
    news = factories.column(parent=home, title="新闻动态")
    article = factories.article(parent=news, title="教育局开展开学安全检查")
    policy = factories.policy_document(title="关于印发示范区就业补贴办法的通知")
    disclosure = factories.column(parent=home, title="政务公开", column_type="disclosure")
    orgs = disclosure.add_child(instance=OrganisationDirectoryPage(title="机构职能", slug="jgzn"))
    leaders = disclosure.add_child(instance=LeaderDirectoryPage(title="领导信息", slug="ldxx"))

    pages = {
        home.url: "示范区",
        news.url: "教育局开展开学安全检查",
        article.url: "教育局开展开学安全检查",
        policy.url: policy.index_number,
        orgs.url: "示范区教育局",
        orgs.url_for(org): "示范大道1号",
        leaders.url: "李明",
        leaders.url_for(org.leaders.get()): "主持全面工作",
    }
    for url, expected in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in response.content.decode(), url


def test_unknown_organisation_is_404(client, home):
    disclosure = factories.column(parent=home)
    orgs = disclosure.add_child(instance=OrganisationDirectoryPage(title="机构职能", slug="jgzn"))
    assert client.get(orgs.url + "no-such-org/").status_code == 404


def test_column_lists_items_newest_first_with_pagination(client, home):
    from datetime import timedelta

    from django.utils import timezone

    news = factories.column(parent=home, title="区政府要闻")
    now = timezone.now()
    for days in range(25):
        factories.article(parent=news, title=f"第{days:02d}天前的新闻", date=now - timedelta(days=days))
    html = client.get(news.url).content.decode()
    assert html.index("第00天前的新闻") < html.index("第01天前的新闻")
    assert "第24天前的新闻" not in html  # on page 2
    assert "第24天前的新闻" in client.get(news.url + "?page=2").content.decode()
    assert "共 25 条" in html


def test_article_inherits_owner_organisation_from_column(home):
    org = factories.organisation()
    news = factories.column(parent=home, owner_organisation=org)
    article = factories.article(parent=news)
    assert article.owner_organisation == org


def test_organisation_tree_rules(db):
    district = factories.district()
    street = factories.organisation(kind="street", parent=district)
    factories.organisation(kind="community", parent=street)
    with pytest.raises(ValidationError):
        factories.organisation(kind="community", parent=district)


def test_listings_leave_out_columns_and_directories(home):
    from portal.core.models import BasePage

    policies = factories.column(parent=home, column_type="policy")
    sub = factories.column(parent=policies, column_type="policy", title="区政府文件")
    doc = factories.policy_document(parent=sub)
    items = list(BasePage.items().descendant_of(policies))
    assert [p.pk for p in items] == [doc.pk]


def test_site_map_page_lists_three_levels(client, home):
    level1 = factories.column(parent=home, title="政务公开")
    level2 = factories.column(parent=level1, title="法定主动公开内容")
    factories.column(parent=level2, title="财政信息")
    html = client.get("/sitemap/").content.decode()
    for title in ["政务公开", "法定主动公开内容", "财政信息"]:
        assert title in html


def test_article_links_to_neighbours(client, home):
    from datetime import timedelta

    from django.utils import timezone

    column = factories.column(parent=home)
    now = timezone.now()
    old = factories.article(parent=column, title="较早一篇", date=now - timedelta(days=2))
    mid = factories.article(parent=column, title="中间一篇", date=now - timedelta(days=1))
    new = factories.article(parent=column, title="最新一篇", date=now)
    html = client.get(mid.url).content.decode()
    assert old.url in html and new.url in html


def test_missing_page_has_a_helpful_404(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "您访问的页面不存在" in response.content.decode()
