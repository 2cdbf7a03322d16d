"""One disclosure platform per organisation, three levels: the right documents, filters,
the 文号 / 索引号 lookup and the generated, editable 指南."""

from datetime import date

from portal.disclosure.models import DisclosureGuide
from portal.disclosure.services import organisation_documents, platform_url
from tests import factories


def test_each_level_lists_its_own_documents(client, tree):
    district_doc = factories.policy_document(
        tree.policies, title="区政府关于印发年度工作要点的通知", owner_organisation=tree.district
    )
    dept_doc = factories.policy_document(
        tree.policies, title="区教育局关于学前教育的通知", owner_organisation=tree.dept
    )
    street_doc = factories.policy_document(
        tree.policies, title="示范街道办事处工作规则", owner_organisation=tree.street
    )
    community_doc = factories.policy_document(
        tree.policies, title="桃园社区居务公开", owner_organisation=tree.community, document_number=""
    )
    pages = {
        tree.district: district_doc,
        tree.dept: dept_doc,
        tree.street: street_doc,
        tree.community: community_doc,
    }
    for org, doc in pages.items():
        response = client.get(f"{platform_url(org)}wenjian/")
        assert response.status_code == 200
        html = response.content.decode()
        assert doc.title in html
        assert [d.title for d in organisation_documents(org)] == [doc.title]
        for other in pages.values():
            if other is not doc:
                assert other.title not in html
    assert platform_url(tree.dept) == "/zwgk/xxgkpt/edu/"


def test_government_platforms_have_the_four_parts_and_communities_their_directory(client, tree):
    for org in (tree.district, tree.dept, tree.street):
        html = client.get(platform_url(org)).content.decode()
        for part in ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"):
            assert part in html
        assert client.get(f"{platform_url(org)}nianbao/").status_code == 200
    html = client.get(platform_url(tree.community)).content.decode()
    assert "示范街道桃园社区居务公开" in html and "居务公开内容" in html
    assert client.get(f"{platform_url(tree.community)}nianbao/").status_code == 404
    index = client.get(tree.platform.url).content.decode()
    assert "桃园社区居务公开" in index and "区教育局" in index


def test_filters_by_year_topic_genre_validity_and_search(client, tree):
    old = factories.policy_document(
        tree.policies,
        title="旧办法",
        owner_organisation=tree.dept,
        written_date=date(2021, 3, 1),
        genre="办法",
        topic="科技、教育",
        validity="repealed",
    )
    new = factories.policy_document(
        tree.policies, title="新通知", owner_organisation=tree.dept, written_date=date(2025, 5, 1)
    )
    url = f"{platform_url(tree.dept)}wenjian/"

    def titles(**params):
        html = client.get(url, params).content.decode()
        return {t for t in (old.title, new.title) if f">{t}<" in html}

    assert titles() == {old.title, new.title}
    assert titles(year=2021) == {old.title}
    assert titles(validity="in_force") == {new.title}
    assert titles(genre="办法", topic="科技、教育") == {old.title}
    assert titles(q="新通") == {new.title}
    page = client.get(url, {"validity": "repealed"}).content.decode()
    assert "本文件已废止" in page  # the notice in the list


def test_lookup_by_document_number_or_index_number_goes_to_the_document(client, tree):
    doc = factories.policy_document(
        tree.policies, owner_organisation=tree.dept, document_number="示教〔2025〕7号"
    )
    url = f"{platform_url(tree.dept)}wenjian/"
    response = client.get(url, {"number": "示教[2025]7号"})
    assert response.status_code == 302 and response["Location"] == doc.url
    response = client.get(url, {"number": doc.index_number})
    assert response.status_code == 302 and response["Location"] == doc.url
    missing = client.get(url, {"number": "示教〔2099〕1号"})
    assert missing.status_code == 200 and "没有文号或索引号为" in missing.content.decode()


def test_the_guide_is_generated_from_the_organisation_and_editable(client, tree):
    url = f"{platform_url(tree.dept)}zhinan/"
    html = client.get(url).content.decode()
    assert "示范区学府路 8 号" in html and "0755-2800 1234" in html and "工作日 9:00-17:00" in html
    assert "20 个工作日内答复" in html
    DisclosureGuide.objects.create(
        organisation=tree.dept, phone="0755-2800 9999", how_to_apply="<p>请到一楼政务公开窗口提交申请。</p>"
    )
    html = client.get(url).content.decode()
    assert "0755-2800 9999" in html and "一楼政务公开窗口" in html
    assert "示范区学府路 8 号" in html  # the blank fields still come from the organisation


def test_platform_pages_are_publicly_cacheable(client, tree):
    response = client.get(f"{platform_url(tree.dept)}wenjian/")
    assert response["Cache-Control"].startswith("public")
    assert "Cookie" in response.get("Vary", "")
