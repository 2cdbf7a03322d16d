"""Comments: shown in the cached page, posted to a private endpoint; sensitive words held,
denylisted refused; XSS inert; rate limit; moderation per organisation; purge on approve."""

import pytest
from django.test import Client

from portal.comments.models import Comment

from .conftest import DENIED, HELD, post

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_form_in_the_cached_page_and_a_clean_comment_published(client, board):
    page = client.get(board.article.url)
    html = page.content.decode()
    assert 'id="pinglun"' in html and f'action="/pinglun/{board.article.pk}/"' in html
    assert "public" in page["Cache-Control"]  # the form keeps the page cacheable
    assert 'name="csrfmiddlewaretoken"' not in html
    response = post(client, board.article, "补贴什么时候到账？", phone="13800000000")
    assert response.status_code == 200 and "评论已提交" in response.content.decode()
    assert "private" in response["Cache-Control"]
    comment = Comment.objects.get()
    assert comment.status == "published" and comment.tracking_number.startswith("PL")
    html = client.get(board.article.url).content.decode()
    assert "补贴什么时候到账？" in html and "13800000000" not in html and "网友" in html


def test_no_comments_outside_enabled_columns(client, board):
    board.quiet.save_revision().publish()
    assert 'id="pinglun"' not in client.get(board.quiet.url).content.decode()
    assert post(client, board.quiet, "你好").status_code == 404


def test_sensitive_word_held_and_denylisted_refused(client, board):
    response = post(client, board.article, f"听说有{HELD}要发布")
    assert response.status_code == 200
    held = Comment.objects.get()
    assert held.status == "pending" and held.held_for == HELD
    assert HELD not in client.get(board.article.url).content.decode()
    refused = post(client, board.article, f"欢迎购买{DENIED}")
    assert refused.status_code == 400
    assert "含有不宜公开发布的词语，未能提交" in refused.content.decode()
    assert Comment.objects.count() == 1


def test_honeypot_refuses(client, board):
    response = post(client, board.article, "正常评论", website="http://spam.example")
    assert response.status_code == 400 and Comment.objects.count() == 0


def test_rate_limit_refuses_the_next_comment(client, board, settings):
    settings.PORTAL_SUBMISSION_RATES = {"comments.comment": "2/h"}
    assert post(client, board.article, "第一条评论").status_code == 200
    assert post(client, board.article, "第二条评论").status_code == 200
    response = post(client, board.article, "第三条评论")
    assert response.status_code == 429
    assert "提交过于频繁，请稍后再试" in response.content.decode()
    assert Comment.objects.count() == 2


def test_xss_inert_in_public_page_and_queue(client, admin_client, board):
    post(client, board.article, XSS)
    public = client.get(board.article.url).content.decode()
    assert XSS not in public and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in public
    Comment.objects.update(status="pending")
    queue = admin_client.get("/admin/pinglun/").content.decode()
    assert XSS not in queue and "&lt;script&gt;" in queue and "&lt;img src=x onerror=alert(1)&gt;" in queue


def test_moderation_per_organisation_approve_reject_reply(
    client, board, django_capture_on_commit_callbacks, monkeypatch
):
    from portal.core import purge

    post(client, board.article, f"{HELD}一")
    post(client, board.article, f"{HELD}二")
    first, second = Comment.objects.order_by("pk")
    outsider = Client()
    outsider.force_login(board.outsider)
    assert f'data-comment="{first.pk}"' not in outsider.get("/admin/pinglun/").content.decode()
    assert outsider.post(f"/admin/pinglun/{first.pk}/chuli/", {"action": "approve"}).status_code == 404
    staff = Client()
    staff.force_login(board.editor)
    assert f'data-comment="{first.pk}"' in staff.get("/admin/pinglun/").content.decode()
    sent = []
    monkeypatch.setattr(purge, "_send", lambda result: sent.append(result))
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/admin/pinglun/{first.pk}/chuli/", {"action": "approve"})
    assert any(u.endswith(board.article.url) for r in sent for u in r.urls)
    staff.post(f"/admin/pinglun/{second.pk}/chuli/", {"action": "reject", "reason": ""})
    second.refresh_from_db()
    assert second.status == "pending"  # a reason is required
    staff.post(f"/admin/pinglun/{second.pk}/chuli/", {"action": "reject", "reason": "与本文无关"})
    staff.post(
        f"/admin/pinglun/{first.pk}/chuli/", {"action": "reply", "reply": "感谢关注，补贴将于月底发放。"}
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.status == "rejected" and second.reject_reason == "与本文无关"
    assert first.reply and first.replied_at
    html = client.get(board.article.url).content.decode()
    assert "感谢关注，补贴将于月底发放。" in html and board.dept.name + "回复" in html
    assert f"{HELD}二" not in html


def test_comment_form_page_without_the_cached_page(client, board):
    response = client.get(f"/pinglun/{board.article.pk}/")
    assert response.status_code == 200 and "发表评论" in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_a_signed_in_readers_comment_needs_the_csrf_token(board, django_user_model):
    """Filed under the reader's account, so a post forged by another site is refused; the form
    a signed-in reader gets carries the token."""
    reader = django_user_model.objects.create_user("reader", "r@example.cn", "x")
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(reader)
    assert post(forged, board.article, "跨站伪造的评论").status_code == 403
    assert not Comment.objects.exists()

    html = forged.get(f"/pinglun/{board.article.pk}/").content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = post(forged, board.article, "本人提交的评论", csrfmiddlewaretoken=token)
    assert response.status_code == 200
    assert Comment.objects.get().account == reader


def test_an_anonymous_comment_needs_no_csrf_token(board):
    anonymous = Client(enforce_csrf_checks=True)
    assert post(anonymous, board.article, "匿名网友的评论").status_code == 200


def test_enabling_a_column_takes_effect_at_once(client, board):
    from portal.comments.models import CommentColumn
    from portal.comments.services import comments_enabled

    assert not comments_enabled(board.quiet)  # read, and kept with the tree version
    column = CommentColumn.objects.create(column=board.quiet.get_parent())
    assert comments_enabled(board.quiet)
    column.delete()
    assert not comments_enabled(board.quiet)
