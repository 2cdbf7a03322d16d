"""Comment counts beside interpretations in the 政策解读 index and in a package's parts; a comment
approved on an interpretation purges the packages of its document too."""

import pytest
from django.contrib.auth import get_user_model

from portal.comments import services
from portal.comments.models import Comment, CommentColumn

from .conftest import interpretation

pytestmark = pytest.mark.django_db


def comment(page, status="published", n=[0]):  # noqa: B006 — a counter for unique numbers
    n[0] += 1
    return Comment.objects.create(
        page=page, body=f"评论{n[0]}", status=status, tracking_number=f"PLJD{n[0]:05d}", query_code_hash="x"
    )


@pytest.fixture
def commented(site, settings):
    settings.PORTAL_PAGE_CACHE = False
    CommentColumn.objects.create(column=site.column)
    inside = interpretation(site.package, [site.doc], title="就业补贴图解", kind="graphic")
    outside = interpretation(site.column, [site.doc], title="就业补贴文字解读")
    site.package.save_revision().publish()
    return inside, outside


def test_counts_in_the_index_and_the_package(client, site, commented):
    inside, outside = commented
    comment(inside)
    comment(outside)
    comment(outside)
    comment(outside, "pending")
    index = client.get(site.column.url).content.decode()
    assert 'data-note="comments.count">1 条评论<' in index
    assert 'data-note="comments.count">2 条评论<' in index
    package = client.get(site.package.url).content.decode()
    for page, text in ((inside, "1 条评论"), (outside, "2 条评论")):
        heading = package.split(f'href="{page.url}"')[1].split("</h3>")[0]
        assert f'data-note="comments.count">{text}<' in heading


def test_approving_purges_the_packages_of_the_document(
    site, commented, django_capture_on_commit_callbacks, monkeypatch
):
    from portal.core import purge

    _inside, outside = commented
    waiting = comment(outside, "pending")
    sent = []
    monkeypatch.setattr(purge, "_send", lambda result: sent.append(result))
    moderator = get_user_model().objects.create_superuser("mod", "m@example.cn", "x")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(waiting, moderator)
    urls = set().union(*(r.urls for r in sent))
    for page in (outside, site.column, site.package):
        assert page.get_full_url() in urls
