"""The comment form in headless Chromium with JavaScript disabled."""

from portal.comments.models import Comment


def test_comment_without_javascript(transactional_db, live_server, browser, board):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{board.article.url}")
        page.fill("#comment-body", "请问申领需要哪些材料？")
        page.click(".comment-form button[type=submit]")
        assert page.locator("h1").inner_text() == "评论已提交"
        assert Comment.objects.filter(body="请问申领需要哪些材料？", status="published").exists()
        page.click("text=返回原页面")
        assert page.locator(".comment__body", has_text="请问申领需要哪些材料？").count() == 1
    finally:
        context.close()
