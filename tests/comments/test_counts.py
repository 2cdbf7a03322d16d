"""“N 条评论” beside the items of a list: published comments only, read for the whole list at once
(and from the cache when the list is rendered again), updated when a comment is approved, absent
where comments are off; the list pages are purged with the article."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.comments import services
from portal.comments.models import Comment
from portal.core.list_annotations import annotate, lists_showing
from tests import factories

pytestmark = pytest.mark.django_db


def comment(page, status="published", n=[0]):  # noqa: B006 — a counter for unique numbers
    n[0] += 1
    return Comment.objects.create(
        page=page, body=f"评论{n[0]}", status=status, tracking_number=f"PLTEST{n[0]:05d}", query_code_hash="x"
    )


def notes(html: str) -> list[str]:
    return [part.split("</span>")[0] for part in html.split('data-note="comments.count">')[1:]]


@pytest.fixture
def uncached(settings):
    settings.PORTAL_PAGE_CACHE = False


def test_published_comments_only_are_counted(client, board, uncached):
    other = factories.article(board.column, title="养老服务补贴发放")
    other.save_revision().publish()
    for status in ("published", "published", "pending", "rejected"):
        comment(board.article, status)
    comment(other, "pending")
    html = client.get(board.column.url).content.decode()
    assert notes(html) == ["2 条评论"]  # none beside the article whose comment waits
    (item,) = [li for li in html.split('<li class="item-list__item">') if "2 条评论" in li]
    assert board.article.title in item.split("</li>")[0]


def test_a_column_without_comments_shows_no_count(client, board, uncached):
    board.quiet.save_revision().publish()
    comment(board.quiet)  # e.g. left from when the column took comments
    html = client.get(board.quiet.get_parent().url).content.decode()
    assert board.quiet.title in html and 'data-note="comments.count"' not in html


def test_the_count_follows_approval(client, board, uncached, django_capture_on_commit_callbacks):
    waiting = comment(board.article, "pending")
    assert notes(client.get(board.column.url).content.decode()) == []
    moderator = get_user_model().objects.create_superuser("mod", "m@example.cn", "x")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(waiting, moderator)
    assert notes(client.get(board.column.url).content.decode()) == ["1 条评论"]
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(waiting, moderator, "与本文无关")
    assert notes(client.get(board.column.url).content.decode()) == []
    comment(board.article)
    comment(board.article).delete()
    assert notes(client.get(board.column.url).content.decode()) == ["1 条评论"]


def test_a_posted_comment_counts_at_once(client, board, uncached):
    from .conftest import post

    client.get(board.column.url)
    post(client, board.article, "补贴什么时候到账？")
    assert notes(client.get(board.column.url).content.decode()) == ["1 条评论"]


def test_a_long_list_is_counted_in_one_query_and_then_from_the_cache(client, board, uncached):
    articles = [factories.article(board.column, title=f"第{i}号通知") for i in range(15)]
    for i, page in enumerate(articles):
        page.save_revision().publish()
        for _ in range(i % 3):
            comment(page)
    client.get(board.column.url)
    with CaptureQueriesContext(connection) as warm:
        client.get(board.column.url)
    comment(articles[1])  # a new count: one query for the whole list
    with CaptureQueriesContext(connection) as cold:
        html = client.get(board.column.url).content.decode()
    assert len(cold) == len(warm) + 1
    counting = [q for q in cold.captured_queries if "comments_comment" in q["sql"]]
    assert len(counting) == 1
    assert sorted(notes(html)) == sorted(["1 条评论"] * 4 + ["2 条评论"] * 6)


def test_counts_for_reads_a_batch_once():
    assert services.counts_for([]) == {}


def test_counts_read_in_traditional_chinese(client, board, uncached):
    comment(board.article)
    comment(board.article)
    client.cookies["portal_pref"] = "hant"
    html = client.get(board.column.url).content.decode()
    assert "2 條評論" in html and "2 条评论" not in html


def test_approving_purges_the_column_lists(board, django_capture_on_commit_callbacks, monkeypatch):
    from portal.core import purge

    sub = factories.column(board.column, title="街道动态", slug="jddt")
    article = factories.article(sub, title="社区活动")
    article.save_revision().publish()
    waiting = comment(article, "pending")
    sent = []
    monkeypatch.setattr(purge, "_send", lambda result: sent.append(result))
    moderator = get_user_model().objects.create_superuser("mod", "m@example.cn", "x")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(waiting, moderator)
    urls = set().union(*(r.urls for r in sent))
    for page in (article, sub, board.column):  # the article and both columns that list it
        assert page.get_full_url() in urls
    assert board.home.get_full_url() not in urls  # the home page shows no count
    assert not any(r.site_wide for r in sent)


def test_annotate_marks_every_item():
    class Item:
        def __init__(self, pk):
            self.pk = pk

    items = annotate(Item(pk) for pk in (1, 2))
    assert [i.list_notes for i in items] == [[], []]
    assert lists_showing([None]) == []


def test_counts_in_english(board):
    from django.utils import translation

    comment(board.article)
    with translation.override("en"):
        assert services.count_notes([board.article]) == {board.article.pk: "1 comment"}
        comment(board.article)
        assert services.count_notes([board.article]) == {board.article.pk: "2 comments"}


def test_enabling_a_column_purges_its_pages_and_lists(board, django_capture_on_commit_callbacks, monkeypatch):
    from portal.comments.models import CommentColumn
    from portal.core import purge

    board.quiet.save_revision().publish()
    sent = []
    monkeypatch.setattr(purge, "_send", lambda result: sent.append(result))
    with django_capture_on_commit_callbacks(execute=True):
        column = CommentColumn.objects.create(column=board.quiet.get_parent())
    urls = set().union(*(r.urls for r in sent))
    assert {board.quiet.get_full_url(), board.quiet.get_parent().get_full_url()} <= urls
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        column.delete()
    assert board.quiet.get_full_url() in set().union(*(r.urls for r in sent))


def test_deleting_a_column_that_takes_comments(board, django_capture_on_commit_callbacks):
    from portal.comments.models import CommentColumn

    comment(board.article)
    with django_capture_on_commit_callbacks(execute=True):
        board.column.delete()
    assert not CommentColumn.objects.exists() and not Comment.objects.exists()
