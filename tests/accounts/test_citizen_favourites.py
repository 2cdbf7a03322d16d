"""收藏: a plain link on every article (cacheable pages), a confirmation under /yonghu/, the
homepage module and the export section."""

import json

import pytest

from portal.accounts.models import Favourite
from tests import factories

from .test_citizen_data import signed_in

pytestmark = pytest.mark.django_db


def test_keep_and_drop_a_page(client, home):
    article = factories.article(title="示范区召开常务会议")
    page = client.get(article.url).content.decode()
    assert f'href="/yonghu/shoucang/?page={article.pk}"' in page

    response = client.get(f"/yonghu/shoucang/?page={article.pk}")
    assert response.status_code == 302 and response["Location"].startswith("/yonghu/denglu/?next=")

    user = signed_in(client)
    confirm = client.get(f"/yonghu/shoucang/?page={article.pk}")
    assert confirm.status_code == 200 and "收藏本页" in confirm.content.decode()
    response = client.post("/yonghu/shoucang/", {"page": article.pk})
    assert response.status_code == 302 and response["Location"] == article.url
    assert Favourite.objects.filter(user=user, page=article).exists()

    home_html = client.get("/yonghu/").content.decode()
    assert "示范区召开常务会议" in home_html and 'data-key="favourites"' in home_html
    data = json.loads(client.post("/yonghu/shuju/daochu/").content)
    assert data["favourites"]["数据"][0]["页面"] == "示范区召开常务会议"

    assert "取消收藏" in client.get(f"/yonghu/shoucang/?page={article.pk}").content.decode()
    client.post("/yonghu/shoucang/", {"page": article.pk})
    assert not Favourite.objects.exists()
    assert "暂无收藏" in client.get("/yonghu/").content.decode()


def test_unknown_page(client):
    signed_in(client)
    assert client.get("/yonghu/shoucang/?page=999999").status_code == 404
    assert client.get("/yonghu/shoucang/?page=abc").status_code == 404
