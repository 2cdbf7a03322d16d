"""Outreach, first slice: one row per matched person up to the daily cap, the personal signed
link (tampering and expiry refused), and claim or decline through it without JavaScript."""

from datetime import date

import pytest
from django.core import signing
from django.urls import reverse

from portal.proactive import outreach, services
from portal.proactive.imports import import_dataset
from portal.proactive.models import MatchRun, Outreach

from .conftest import huji_csv, people_rows
from .helpers import id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def result(huji, claims, benefit):
    import_dataset(huji, huji_csv(people_rows()), "huji.csv")
    benefit.description = "年满80周岁且户籍在本区"
    benefit.save()
    run = services.perform_run(MatchRun.objects.create(run_date=date(2026, 3, 15)))
    return run.results.get()


def test_contact_once_per_person_within_the_daily_cap(result, settings):
    settings.PORTAL_PROACTIVE_DAILY_CAP = 2
    assert len(outreach.contact(result)) == 2
    assert outreach.contact(result) == []  # cap reached today
    settings.PORTAL_PROACTIVE_DAILY_CAP = 10
    assert len(outreach.contact(result)) == 1  # the rest, never the same person twice
    assert Outreach.objects.count() == 3 == result.matched


def test_the_link_refuses_tampering_and_expiry(result, settings, client):
    item = outreach.contact(result)[0]
    good = outreach.token(item)
    assert outreach.resolve(good) == item
    assert outreach.resolve(good[:-2] + ("AA" if not good.endswith("AA") else "BB")) is None
    forged = signing.dumps({"o": item.pk, "k": "0" * 16}, salt=outreach.SALT, compress=True)
    assert outreach.resolve(forged) is None
    assert outreach.resolve(signing.dumps({"o": item.pk, "k": item.person_key[:16]}, salt="other")) is None
    settings.PORTAL_PROACTIVE_LINK_DAYS = -1
    assert outreach.resolve(good) is None
    response = client.get(reverse("proactive:link", args=[good]))
    assert response.status_code == 404 and "链接无效或已过期" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_claim_through_the_link(result, client):
    item = outreach.contact(result)[0]
    url = reverse("proactive:link", args=[outreach.token(item)])
    page = client.get(url)
    text = page.content.decode()
    assert (
        page.status_code == 200 and "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    )
    assert "您可能符合“高龄津贴”的条件" in text and "✔ 符合：年满80周岁" in text
    assert id_number("19460301", 1) not in text and "1946" not in text  # no personal values
    item.refresh_from_db()
    assert item.state == Outreach.State.OPENED and item.opened_at
    response = client.post(url, {"answer": "claim"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == Outreach.State.CLAIMED
    assert "您已申请领取" in client.get(url).content.decode()
    again = client.post(url, {"answer": "decline"})
    assert "无需重复" in again.content.decode()
    item.refresh_from_db()
    assert item.state == Outreach.State.CLAIMED


def test_decline_through_the_link(result, client):
    item = outreach.contact(result)[1]
    url = reverse("proactive:link", args=[outreach.token(item)])
    client.post(url, {"answer": "decline"})
    item.refresh_from_db()
    assert item.state == Outreach.State.DECLINED and item.answered_at
    assert "您已谢绝" in client.get(url).content.decode()


def test_public_aggregate_page(result, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        items = outreach.contact(result)
        outreach.answer(items[0], claim=True)
    response = client.get(reverse("proactive:index"))
    text = response.content.decode()
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    assert "主动推送3人次，1人申请享受" in text and "高龄津贴" in text
    assert outreach.yearly_figures(1999)["told"] == 0
