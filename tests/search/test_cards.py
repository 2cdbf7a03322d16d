"""Answer cards for each registered intent, and the registry proven with a tests-only app."""

import pytest
from django.core.management import call_command
from django.test import modify_settings

from portal.core.models import Leader
from portal.disclosure.models import LeaderDirectoryPage, OrganisationDirectoryPage
from portal.search.answers import cards_for
from portal.search.registry import registry
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def district_content(home, publish, on_commit):
    info = factories.column(title="政府信息公开", column_type="disclosure")
    on_commit(lambda: info.add_child(instance=OrganisationDirectoryPage(title="机构职能", slug="orgs")))
    on_commit(lambda: info.add_child(instance=LeaderDirectoryPage(title="领导信息", slug="leaders")))
    org = on_commit(
        factories.organisation,
        name="示范区人力资源和社会保障局",
        short_name="区人社局",
        address="示范大道88号",
        office_hours="工作日 9:00-17:00",
        phone="0000-12333",
        duties="<p>负责全区就业和社会保险工作。</p>",
    )
    leader = on_commit(
        Leader.objects.create,
        organisation=org,
        name="李明远",
        slug="li-mingyuan",
        title="局长",
        portfolio="主持全面工作",
    )
    call_command("rebuild_search_index")  # URLs now resolve through the directory pages
    return org, leader


def test_organisation_card(client, district_content):
    (card,) = cards_for("区人社局")
    assert card.entity.name == "示范区人力资源和社会保障局"
    html = client.get("/search/", {"q": "区人社局地址"}).content.decode()
    assert "answer-card--organisation" in html
    assert "示范大道88号" in html and "0000-12333" in html and "工作日 9:00-17:00" in html
    assert html.index("answer-card--organisation") < html.index("search-group")


def test_leader_card(client, district_content):
    org, leader = district_content
    html = client.get("/search/", {"q": "李明远"}).content.decode()
    assert "answer-card--leader" in html and "局长" in html and "主持全面工作" in html
    start = html.index('<article class="answer-card answer-card--leader"')
    card = html[start : html.index("</article>", start)]
    # The card links to the leader's own page in the leader directory, not to the organisation…
    assert f'/leaders/{leader.slug}/">李明远</a>' in card
    assert "/orgs/" not in card
    # …which is linked from the related information beside it.
    related = html[html.index('<aside class="answer-related"', start) :]
    assert f"/orgs/{org.slug}/" in related[: related.index("</aside>")]


def test_policy_card_shows_number_validity_and_replacement(client, home, publish):
    col = factories.column(title="规范性文件", column_type="policy")
    new = publish(
        factories.policy_document(
            parent=col, title="示范区住房租赁补贴办法", document_number="示政规〔2026〕2号"
        )
    )
    old = factories.policy_document(
        parent=col,
        title="示范区住房租赁补贴暂行办法",
        document_number="示政规〔2020〕5号",
        validity="repealed",
    )
    old.replaced_by = new
    publish(old)
    html = client.get("/search/", {"q": "示政规〔2020〕5号"}).content.decode()
    assert "answer-card--policy" in html
    assert "废止" in html and "示范区住房租赁补贴办法" in html and "示政规〔2026〕2号" in html


def test_column_card(client, home, publish):
    col = publish(factories.column(title="优化营商环境", column_type="topic", description="营商环境专题"))
    publish(factories.column(parent=col, title="政策汇编"))
    html = client.get("/search/", {"q": "优化营商环境"}).content.decode()
    assert "answer-card--column" in html and "政策汇编" in html


def test_no_card_when_the_entity_is_a_small_part_of_the_query(district_content):
    assert cards_for("区人社局关于二〇二六年度技能培训补贴申报的通知") == []


def test_registry_accepts_a_new_app_with_its_own_type_and_card(client, home):
    with modify_settings(INSTALLED_APPS={"append": "tests.search.testapp"}):
        try:
            assert registry.get("service_guide") is not None
            call_command("rebuild_search_index", "--type", "service_guide")
            html = client.get("/search/", {"q": "怎么办身份证"}).content.decode()
            assert "answer-card--service" in html and "户口簿" in html and "在线办理" in html
            assert '办事指南 <span class="search-count">(1)</span>' in html
        finally:
            registry.unregister("service_guide")


def test_card_templates_live_in_the_app_that_owns_the_content():
    from pathlib import Path

    from django.apps import apps
    from django.template.loader import get_template

    search_dir = Path(apps.get_app_config("portal_search").path)
    assert not (search_dir / "templates" / "search" / "cards").exists()
    carded = [p for p in registry.providers() if p.card_template]
    assert {p.type_key for p in carded} >= {"policy", "organisation", "leader", "column"}
    for provider in carded:
        owner = apps.get_containing_app_config(type(provider).__module__)
        origin = Path(get_template(provider.card_template).origin.name)
        assert origin.is_relative_to(Path(owner.path)), (provider.type_key, origin)
