import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.pages.models import ColumnPage
from tests import factories


def _three_levels(home):
    level1 = factories.column(parent=home, title="政务公开")
    level2 = factories.column(parent=level1, title="法定主动公开内容")
    return factories.column(parent=level2, title="财政信息")


def test_fourth_level_is_refused_by_the_model(home):
    level3 = _three_levels(home)
    with pytest.raises(ValidationError) as error:
        factories.column(parent=level3, title="预算")
    assert "栏目最多设置三级" in str(error.value)
    assert not ColumnPage.objects.filter(title="预算").exists()


def test_fourth_level_is_refused_in_the_admin_with_a_message(client, home):
    level3 = _three_levels(home)
    admin = get_user_model().objects.create_superuser("root", password="pw-Strong-2026")
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:add", args=["pages", "columnpage", level3.pk])
    response = client.post(
        url,
        {
            "title": "预算",
            "slug": "yusuan",
            "column_type": "general",
            "update_frequency": "as_needed",
            "date": "2026-01-01 10:00:00",
        },
    )
    assert response.status_code == 200
    assert "栏目最多设置三级" in response.content.decode()
    assert not ColumnPage.objects.filter(title="预算").exists()


def test_articles_may_live_in_a_third_level_column(home):
    level3 = _three_levels(home)
    article = factories.article(parent=level3)
    assert article.get_parent().pk == level3.pk
