"""问答 answer cards in /search/, the ``interprets`` relation, the interpretation rate view and
the release calendar with its reminders."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.core.models import Notification, StaffProfile
from portal.interpretation import services
from portal.interpretation.models import InterpretationPackagePage, InterpretationSettings
from portal.search.models import Relation
from tests import factories

from .conftest import interpretation

pytestmark = pytest.mark.django_db

QUESTION = "灵活就业人员如何申请社保补贴"


def test_question_answer_card(client, site):
    page = interpretation(
        site.package,
        [site.doc],
        kind="qa",
        title="就业创业补贴政策问答",
        questions=[(QUESTION + "？", "持就业创业证到户籍所在地街道社保所申请，按月发放。")],
    )
    site.package.save_revision().publish()
    call_command("rebuild_search_index")
    html = client.get("/search/", {"q": QUESTION}).content.decode()
    start = html.index('<article class="answer-card answer-card--policy-qa"')
    card = html[start : html.index("</article>", start)]
    assert "持就业创业证到户籍所在地街道社保所申请" in card
    assert site.package.url in card and page.url in card and site.doc.url in card
    assert Relation.objects.filter(predicate="interprets", object__key=f"policy:{site.doc.pk}").exists()


def _staff(org):
    user = factories.staff_user(org, role=StaffProfile.Role.EDITOR)
    user.email = "editor@example.gov.cn"
    user.save()
    return user


def test_rate_view_flags_and_stops_flagging(client, admin_client, site):
    _staff(site.dept)
    html = admin_client.get("/admin/jiedu/jiedulv/").content.decode()
    assert f'data-policy="{site.doc.pk}"' in html and "已超时限" in html
    assert f'data-policy="{site.other.pk}"' not in html  # not normative: not required
    sent = services.remind()
    assert sent["policies"] == 1
    assert Notification.objects.filter(kind="interpretation.missing").count() == 1
    assert services.remind()["policies"] == 0  # once
    interpretation(site.column, [site.doc])
    html = admin_client.get("/admin/jiedu/jiedulv/").content.decode()
    assert f'data-policy="{site.doc.pk}"' not in html
    assert services.interpretation_rate()["rate"] == 100.0


def test_rate_configurable_by_genre_and_issuer(site):
    conf = InterpretationSettings.load()
    conf.genres = "通知"
    conf.save()
    assert {w.policy.pk for w in services.waiting_documents()} == {site.doc.pk, site.other.pk}
    conf.issuers = "示范区民政局"
    conf.save()
    assert services.waiting_documents() == []


def test_waiting_counted_in_working_days(site):
    [item] = services.waiting_documents(today=timezone.localdate(site.doc.date))
    assert item.working_days == 0 and not item.overdue


def test_calendar_marks_an_overdue_package(admin_client, site):
    _staff(site.dept)
    today = timezone.localdate()
    InterpretationPackagePage.objects.filter(pk=site.package.pk).update(planned_on=today - timedelta(days=3))
    planned = site.column.add_child(
        instance=InterpretationPackagePage(
            title="下期专题", slug="xq", policy=site.other, planned_on=today + timedelta(days=10), live=False
        )
    )
    data = services.calendar()
    statuses = {r["package"].pk: r["status"] for r in data["rows"]}
    assert statuses == {site.package.pk: "overdue", planned.pk: "planned"}
    html = admin_client.get("/admin/jiedu/rili/").content.decode()
    assert 'data-status="overdue"' in html and "逾期" in html and "下期专题" in html
    assert services.remind()["packages"] == 1
    assert Notification.objects.filter(kind="interpretation.overdue").exists()
    site.package.refresh_from_db()
    site.package.save_revision().publish()
    assert {r["package"].pk: r["status"] for r in services.calendar()["rows"]}[site.package.pk] == "published"


def test_release_slots_follow_the_rhythm(db):
    conf = InterpretationSettings.load()
    conf.calendar_anchor = date(2026, 1, 5)
    conf.save()
    slots = services.release_slots(date(2026, 1, 1), date(2026, 2, 28), conf)
    assert slots == [date(2026, 1, 5), date(2026, 1, 19), date(2026, 2, 2), date(2026, 2, 16)]
    assert services.release_slots(date(2025, 12, 20), date(2026, 1, 6), conf) == [
        date(2025, 12, 22),
        date(2026, 1, 5),
    ]
