"""A search naming a letter's subject shows its published reply as an answer card."""

import pytest

from .test_public import _published

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script>'


def test_a_search_for_the_subject_shows_the_reply_as_an_answer_card(
    client, home, district, depts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _published(depts, title="实验小学学区划分", reply=f"学区按街道划分，电话13812345678。{XSS}")
    page = client.get("/search/", {"q": "实验小学学区划分"}).content.decode()
    assert "answer-card--letter" in page
    card = page[page.index("answer-card--letter") :]
    card = card[: card.index("</article>")]
    assert "区教育局" in card and "2026-03-05" in card and "学区按街道划分" in card
    assert "13812345678" not in card and XSS not in card
