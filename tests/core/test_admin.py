from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.core.models import Organisation
from tests import factories


def test_admin_screens_work_in_chinese(client, home):
    admin = get_user_model().objects.create_superuser("root", password="pw-Strong-2026")
    client.force_login(admin)
    column = factories.column(parent=home)
    article = factories.article(parent=column)
    policy = factories.policy_document()
    org = factories.organisation()
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[home.pk]),
        reverse("wagtailadmin_pages:edit", args=[column.pk]),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_pages:edit", args=[policy.pk]),
        reverse("wagtailadmin_pages:add", args=["pages", "articlepage", column.pk]),
        reverse("wagtailsnippets_core_organisation:list"),
        reverse("wagtailsnippets_core_organisation:edit", args=[org.pk]),
        reverse("wagtailsettings:edit", args=["core", "siteidentity"]),
    ]
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert 'lang="zh-hans"' in response.content.decode(), url


def _add_organisation(client, **fields):
    admin = get_user_model().objects.create_superuser("root", password="pw-Strong-2026")
    client.force_login(admin)
    data = {
        "name": "示范区档案馆",
        "slug": "archives",
        "kind": "department",
        "parent": factories.district().pk,
        "code": "11999900ARCHIVE01X",
        "sort_order": 100,
        "leaders-TOTAL_FORMS": 0,
        "leaders-INITIAL_FORMS": 0,
        "leaders-MIN_NUM_FORMS": 0,
        "leaders-MAX_NUM_FORMS": 1000,
        **fields,
    }
    return client.post(reverse("wagtailsnippets_core_organisation:add"), data)


def test_organisation_created_in_admin_gets_its_groups(client, db):
    response = _add_organisation(client)
    assert response.status_code == 302, response.content.decode()[:2000]
    org = Organisation.objects.get(slug="archives")
    assert org.editors_group.name == "示范区档案馆·编辑"
    assert org.reviewers_group.name == "示范区档案馆·审核"


def test_bad_organisation_code_gets_a_chinese_field_error(client, db):
    response = _add_organisation(client, kind="community", code="bad code")
    html = response.content.decode()
    assert response.status_code == 200
    assert "机构代码只能包含数字和大写字母" in html
    assert "示范区档案馆" in html  # what was typed is kept
