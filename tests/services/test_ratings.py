"""好差评: five levels through the shared submission helper; a bad rating opens a follow-up for
the owning organisation with a working-day deadline."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.core.deadlines import deadlines_for
from portal.core.workdays import add_working_days
from portal.services import services
from portal.services.clocks import CLOCK
from portal.services.models import ServiceRating

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_fill_delay(settings):
    settings.PORTAL_SUBMISSION_MIN_FILL_SECONDS = 0
    settings.PORTAL_SUBMISSION_POW_BITS = 0


def _token(client, url):
    form = client.get(url).context["form"]
    return form["form_token"].initial


def test_bad_rating_creates_follow_up_with_working_day_deadline(client, hall, no_fill_delay):
    url = reverse("services:rate", args=[hall.licence.pk])
    data = {"level": "1", "comment": "窗口排队两小时", "form_token": _token(client, url)}
    response = client.post(url, data)
    assert response.status_code == 200 and "评价编号" in response.content.decode()
    assert "private" in response["Cache-Control"]
    rating = ServiceRating.objects.get()
    assert rating.tracking_number.startswith("PJ") and rating.organisation == hall.market
    (deadline,) = deadlines_for(rating, CLOCK)
    received = timezone.localtime(rating.submitted_at).date()
    assert deadline.organisation == hall.market and deadline.amount == 15
    assert timezone.localtime(deadline.due_at).date() == add_working_days(received, 15)

    assert services.follow_up(rating, "") == "请填写回访整改情况。"
    assert services.follow_up(rating, "已增设窗口，电话回访群众表示认可") == ""
    assert deadlines_for(rating, CLOCK, open_only=True).count() == 0
    assert services.rating_stats()["followup_rate"] == 100.0


def test_good_rating_has_no_follow_up_and_counts_in_stats(client, hall, no_fill_delay):
    url = reverse("services:rate", args=[hall.licence.pk])
    client.post(url, {"level": "5", "form_token": _token(client, url)})
    rating = ServiceRating.objects.get()
    assert not deadlines_for(rating, CLOCK).exists()
    stats = services.rating_stats(ServiceRating.objects.filter(item=hall.licence))
    assert stats["n"] == 1 and stats["satisfaction"] == 100.0
    assert "已有 1 人评价" in client.get(hall.licence.url).content.decode()


def test_bad_input_keeps_what_was_typed_with_a_chinese_error(client, hall, no_fill_delay):
    url = reverse("services:rate", args=[hall.licence.pk])
    response = client.post(
        url, {"level": "2", "comment": "", "name": "张三", "form_token": _token(client, url)}
    )
    html = response.content.decode()
    assert "差评请简要说明问题" in html and 'value="张三"' in html
    response = client.post(url, {"level": "9", "form_token": _token(client, url)})
    assert "请选择有效的评价等级" in response.content.decode()
    assert not ServiceRating.objects.exists()


def test_ratings_screen_per_organisation(client, hall, django_user_model, no_fill_delay):
    ServiceRating.objects.create(
        item=hall.licence,
        organisation=hall.market,
        level=2,
        comment="材料说明不清",
        tracking_number="PJ-T1",
        submitted_at=timezone.now() - timedelta(days=1),
    )
    admin = django_user_model.objects.create_superuser("admin", "a@example.gov.cn", "x")
    client.force_login(admin)
    html = client.get(reverse("services_admin_ratings")).content.decode()
    assert "按机构统计" in html and "示范区市场监督管理局" in html and "材料说明不清" in html
