"""Index updates on publish/unpublish via tasks, filters, sorting, relaxation, rebuild."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from portal.search.models import SearchDocument
from portal.search.query import SearchParams, search
from tests import factories

pytestmark = pytest.mark.django_db


def _titles(**kwargs):
    return [item.doc.title for item in search(SearchParams(**kwargs)).items]


def test_publish_indexes_through_the_task_and_unpublish_removes(home, publish, unpublish):
    page = factories.article(title="关于开展营业执照网上办理的通知")
    assert not SearchDocument.objects.exists()  # created, not yet published through the admin
    publish(page)
    doc = SearchDocument.objects.get(key=f"article:{page.pk}")
    assert "营业执照" in doc.title_tokens.split()
    assert _titles(q="营业执照") == ["关于开展营业执照网上办理的通知"]
    unpublish(page)
    assert not SearchDocument.objects.filter(key=f"article:{page.pk}").exists()
    assert _titles(q="营业执照") == []


def test_index_update_is_enqueued_not_run_in_the_request(home, django_capture_on_commit_callbacks):
    page = factories.article(title="社区养老服务补贴申领指南")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
    assert not SearchDocument.objects.exists()
    assert callbacks  # the task is enqueued on commit
    for callback in callbacks:
        callback()
    assert SearchDocument.objects.filter(key=f"article:{page.pk}").exists()


def test_republish_replaces_old_tokens(home, publish):
    page = factories.article(title="春季植树活动通知")
    publish(page)
    page.title = "秋季运动会通知"
    publish(page)
    assert _titles(q="植树") == []
    assert _titles(q="运动会") == ["秋季运动会通知"]
    assert SearchDocument.objects.count() == 1


def test_deleting_a_page_removes_it(home, publish, on_commit):
    page = factories.article(title="临时通知")
    publish(page)
    on_commit(page.delete)
    assert not SearchDocument.objects.exists()


def test_colloquial_synonym_traditional_and_width_queries(home, publish):
    publish(
        factories.article(title="社会保障卡申领流程", body=[("paragraph", "<p>携带居民身份证办理。</p>")])
    )
    assert _titles(q="社保卡") == ["社会保障卡申领流程"]
    assert _titles(q="社會保障卡") == ["社会保障卡申领流程"]
    assert _titles(q="怎么办理社保卡") == ["社会保障卡申领流程"]
    assert _titles(q="身份证") == ["社会保障卡申领流程"]


def test_pinyin_query_finds_chinese_title(home, publish):
    publish(factories.article(title="社保缴费基数调整公告"))
    assert _titles(q="shebao") == ["社保缴费基数调整公告"]
    assert _titles(q="sb") == ["社保缴费基数调整公告"]


def test_typo_gets_a_suggestion_and_corrected_results(home, publish):
    publish(factories.article(title="公积金提取办法"))
    results = search(SearchParams(q="公基金提取"))
    assert results.suggestion == "公积金提取"
    assert [i.doc.title for i in results.items] == ["公积金提取办法"]


def test_all_words_first_then_any_word(home, publish):
    publish(factories.article(title="义务教育入学报名通知"))
    publish(factories.article(title="入学报名材料清单"))
    assert _titles(q="入学报名") and not search(SearchParams(q="入学报名")).relaxed
    relaxed = search(SearchParams(q="义务教育 停车场"))
    assert relaxed.relaxed and [i.doc.title for i in relaxed.items] == ["义务教育入学报名通知"]


def test_filters_type_organisation_date_validity(home, publish):
    org_a = factories.organisation(name="示范区教育局")
    org_b = factories.organisation(name="示范区卫生健康局")
    col = factories.column(title="政策文件", column_type="policy")
    old = factories.policy_document(
        parent=col,
        title="学校安全管理办法（2019）",
        owner_organisation=org_a,
        validity="repealed",
        date=datetime(2019, 5, 1, tzinfo=UTC),
    )
    new = factories.policy_document(
        parent=col,
        title="学校安全管理办法",
        owner_organisation=org_a,
        date=datetime(2026, 3, 1, tzinfo=UTC),
    )
    other = factories.article(title="医院安全管理检查", owner_organisation=org_b)
    for page in (old, new, other):
        publish(page)

    results = search(SearchParams(q="安全管理"))
    assert results.counts == {"policy": 2, "article": 1}
    assert _titles(q="安全管理", types=["article"]) == ["医院安全管理检查"]
    assert set(_titles(q="安全管理", organisation_id=org_a.pk)) == {old.title, new.title}
    assert _titles(q="安全管理", facets={"validity": "repealed"}) == [old.title]
    assert _titles(q="安全管理", types=["policy"], date_from=datetime(2025, 1, 1).date()) == [new.title]
    assert _titles(q="安全管理", types=["policy"], date_to=datetime(2020, 1, 1).date()) == [old.title]
    assert _titles(q="安全管理", types=["policy"], sort="date") == [new.title, old.title]


def test_highlighted_snippet_and_pagination(home, publish):
    col = factories.column(title="通知公告")
    for n in range(12):
        publish(
            factories.article(
                parent=col,
                title=f"防汛工作通知第{n}号",
                body=[("paragraph", "<p>各单位做好防汛准备 <b>x</b></p>")],
            )
        )
    first = search(SearchParams(q="防汛", per_page=10))
    assert first.total == 12 and first.page_count == 2 and len(first.items) == 10
    item = first.items[0]
    assert "<mark>防汛</mark>" in item.title_html
    assert "<mark>防汛</mark>" in item.snippet_html and "<b>" not in item.snippet_html
    second = search(SearchParams(q="防汛", per_page=10, page=2))
    assert len(second.items) == 2 and second.items[0].position == 11


def test_rebuild_command_indexes_everything(home):
    factories.organisation(name="示范区民政局", address="示范路1号")
    factories.article(title="低保申请条件")
    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index")
    assert _titles(q="低保") == ["低保申请条件"]
    assert _titles(q="民政局")[0] == "示范区民政局"


def test_organisation_saved_is_indexed(on_commit):
    org = on_commit(factories.organisation, name="示范区医疗保障局", short_name="区医保局", phone="0000-1234")
    assert SearchDocument.objects.filter(key=f"organisation:{org.pk}").exists()
    assert _titles(q="医保局") == ["示范区医疗保障局"]


def test_users_words_in_the_title_rank_before_synonyms_in_the_body(home, publish):
    col = factories.column(title="办事")
    for title in (
        "城乡居民养老保险参保登记",
        "“退休”一件事",
        "婚姻登记",
        "企业开办",
        "公租房配租",
        "防汛通知",
    ):
        publish(factories.article(parent=col, title=title))
    assert _titles(q="退休")[0] == "“退休”一件事"


def test_counts_are_capped_for_very_common_words(home, publish, monkeypatch, settings):
    from portal.search.index import sqlite as sqlite_engine

    if sqlite_engine.connection.vendor != "sqlite":
        pytest.skip("the cap is a SQLite engine feature")
    monkeypatch.setattr(sqlite_engine, "COUNT_CAP", 2)
    col = factories.column(title="通知")
    for n in range(4):
        publish(factories.article(parent=col, title=f"供水通知{n}"))
    results = search(SearchParams(q="供水"))
    assert results.capped and results.total == 3 and len(results.items) == 4


def test_moving_a_page_reindexes_its_new_url(home, publish, on_commit):
    old_col = factories.column(title="旧栏目", slug="old")
    new_col = factories.column(title="新栏目", slug="new")
    page = publish(factories.article(parent=old_col, title="防疫指引", slug="guide"))
    on_commit(page.move, new_col, pos="last-child")
    assert SearchDocument.objects.get(key=f"article:{page.pk}").url.endswith("/new/guide/")


@pytest.mark.django_db(transaction=True)
def test_flush_also_empties_the_engine_table(publish):
    from django.db import connection

    publish(factories.article(title="旧的通知"))
    call_command("flush", interactive=False, verbosity=0)
    table = "portal_search_fts" if connection.vendor == "sqlite" else "portal_search_pgindex"
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute(f"SELECT COUNT(*) FROM {table}_docsize")
        else:
            cur.execute(f"SELECT COUNT(*) FROM {table}")
        assert cur.fetchone()[0] == 0
