from tests import factories


def test_article_renders_with_breadcrumbs_and_source(client, home):
    news = factories.column(parent=home, title="区政府要闻")
    article = factories.article(parent=news, title="示范区召开常务会议", source="示范区融媒体中心")
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "当前位置" in html
    assert "示范区融媒体中心" in html
    assert "区政府要闻" in html
