"""The count sits on the item's line in headless Chromium: after the title, before the date,
muted and never wrapped — on a desktop and on a phone."""

import pytest

from portal.comments.models import Comment
from tests import factories


@pytest.mark.parametrize("width", [1280, 390])
def test_count_on_the_items_line(transactional_db, live_server, browser, board, settings, width):
    settings.PORTAL_PAGE_CACHE = False
    for i in range(3):
        factories.article(
            board.column, title=f"示范区第{i + 1}批就业见习基地名单公示"
        ).save_revision().publish()
    for n in range(3):
        Comment.objects.create(
            page=board.article,
            body=f"评论{n}",
            status="published",
            tracking_number=f"PLB{n}",
            query_code_hash="x",
        )
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{board.column.url}")
        item = page.locator(".item-list__item", has_text=board.article.title)
        note = item.locator(".list-note")
        assert note.inner_text() == "3 条评论"
        link, count, date = (item.locator(s).bounding_box() for s in ("a", ".list-note", "time"))
        assert link["x"] + link["width"] <= count["x"] < count["x"] + count["width"] <= date["x"]
        assert abs(count["y"] - date["y"]) < 4 and count["height"] < 30  # one line, beside the date
        assert note.evaluate("e => getComputedStyle(e).color") != item.locator("a").evaluate(
            "e => getComputedStyle(e).color"
        )
        assert page.locator(".list-note").count() == 1
    finally:
        context.close()
