"""统计公开: totals equal hand-counted letters, the Wilson and mean bands on known inputs, the
figures stored at transition time, the queue's stored due column, cache headers and purge."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.core import deadlines
from portal.core.workdays import WorkdayCalendar
from portal.interaction import services, statistics, tasks
from portal.interaction.models import Letter, LetterFigures
from portal.interaction.states import LetterMachine
from tests.core.test_purge import SENT

from .conftest import SH, letter

pytestmark = pytest.mark.django_db

FEB = datetime(2026, 2, 10, 9, 0, tzinfo=SH)
MAR = datetime(2026, 3, 3, 9, 0, tzinfo=SH)
TODAY = date(2026, 3, 15)
XSS = '<script>alert("x")</script>'


def _answered(org, state, on_time, days, satisfaction="", at=FEB, **fields):
    return letter(
        organisation=org,
        state=state,
        replied_on_time=on_time,
        reply_working_days=days,
        satisfaction=satisfaction,
        submitted_at=at,
        accepted_at=at,
        replied_at=at + timedelta(days=days),
        **fields,
    )


@pytest.fixture
def counted(depts):
    """Eight letters in the period (and one before it), counted by hand in the tests."""
    a, b = depts.a.org, depts.b.org
    _answered(a, "closed", True, 2, "satisfied")
    _answered(a, "closed", True, 4, "basic")
    _answered(a, "sent", False, 12)
    letter(organisation=a, state="reopened", satisfaction="dissatisfied", submitted_at=FEB, accepted_at=FEB)
    _answered(b, "sent", True, 4, at=MAR)
    letter(organisation=b, state="assigned", submitted_at=MAR, accepted_at=MAR)
    letter(state="submitted", submitted_at=MAR)
    letter(state="screened_out", screening="spam", submitted_at=MAR)
    _answered(a, "closed", False, 30, "dissatisfied", at=datetime(2024, 1, 5, 9, 0, tzinfo=SH))
    return depts


def test_totals_by_organisation_and_month_equal_the_hand_count(counted):
    result = statistics.compute(today=TODAY)
    assert result.since == date(2025, 4, 1)
    total = result.total
    assert (total.received, total.accepted, total.answered) == (8, 6, 4)
    assert (total.on_time, total.timed, total.on_time_rate) == (3, 4, 75.0)
    assert total.average_days == 5.5  # (2 + 4 + 12 + 4) / 4
    assert (total.rated, total.satisfied, total.satisfaction_rate) == (3, 2, 66.7)
    months = {f.key: f for f in result.by_month}
    assert len(result.by_month) == 12 and result.by_month[-1].key == date(2026, 3, 1)
    assert (months[date(2026, 2, 1)].received, months[date(2026, 2, 1)].answered) == (4, 3)
    assert (months[date(2026, 3, 1)].received, months[date(2026, 3, 1)].answered) == (4, 1)
    assert months[date(2025, 4, 1)].received == 0
    orgs = {f.label: f for f in result.by_organisation}
    a, b = orgs["区教育局"], orgs["区住房和城乡建设局"]
    assert (a.received, a.accepted, a.answered, a.on_time_rate, a.average_days) == (4, 4, 3, 66.7, 6.0)
    assert (b.received, b.answered, b.on_time_rate, b.average_days) == (2, 1, 100.0, 4.0)
    assert orgs["尚未转办"].received == 2 and result.by_organisation[-1].label == "尚未转办"
    # the kept counts equal the letters counted afresh, and after a rebuild
    direct = statistics.compute(today=TODAY, from_letters=True)
    assert [vars(f) for f in direct.by_organisation] == [vars(f) for f in result.by_organisation]
    assert statistics.rebuild_figures() == LetterFigures.objects.count() == 4
    assert vars(statistics.compute(today=TODAY).total) == vars(total)
    Letter.objects.filter(state="screened_out").first().delete()
    assert statistics.compute(today=TODAY).total.received == 7
    assert tasks.rebuild_letter_figures.call() == {"rows": 4}
    # the naive loop of the benchmark agrees
    naive = {f.label: f for f in statistics.naive_compute(today=TODAY) if f.received}
    assert (naive["区教育局"].on_time, naive["区教育局"].days_total) == (a.on_time, a.days_total)


def test_the_fair_table_sorts_on_the_pessimistic_end(counted):
    fair = statistics.compute(today=TODAY).fair
    # 2 of 3 on time (lower bound 20.8 %) ranks above 1 of 1 (lower bound 20.7 %)
    assert [f.label for f in fair] == ["区教育局", "区住房和城乡建设局"]
    assert fair[0].on_time_band == (20.8, 93.9) and fair[1].on_time_band == (20.7, 100.0)
    assert fair[0].days_band == (0.0, 19.1) and fair[1].days_band is None


def test_wilson_and_mean_bands_on_known_inputs():
    low, high = statistics.wilson(8, 10)
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)
    low, high = statistics.wilson(3, 3)
    assert round(low, 4) == 0.4385 and high == 1.0
    assert statistics.wilson(0, 10)[0] == 0.0 and round(statistics.wilson(0, 10)[1], 4) == 0.2775
    low, high = statistics.wilson(2940, 3000)
    assert round(low, 4) == 0.9743 and round(high, 4) == 0.9844
    assert statistics.wilson(0, 0) is None
    # values 2, 4, 12: mean 6, s = √28, t(2) = 4.303
    assert statistics.mean_interval(18, 164, 3) == pytest.approx((0.0, 6 + 4.303 * (28 / 3) ** 0.5))
    assert statistics.mean_interval(5, 25, 1) is None
    assert statistics.t_quantile(1000) == statistics.Z95 and statistics.t_quantile(11) == 2.228
    assert statistics.t_quantile(0) == float("inf")


def test_sending_stores_the_working_days_and_whether_on_time(district, depts):
    a = depts.a
    lt = letter()
    accepted = datetime(2026, 3, 2, 10, 0, tzinfo=SH)  # a Monday
    LetterMachine.perform(lt, "accept", district.supervisor, at=accepted)
    lt.refresh_from_db()
    due = services.reply_deadline(lt).due_at
    assert lt.reply_due_at == due and lt.received_month == date(2026, 2, 1)
    LetterMachine.perform(lt, "assign", district.supervisor, organisation=a.org, at=accepted)
    LetterMachine.perform(lt, "start", a.editor)
    LetterMachine.perform(lt, "draft", a.editor, reply="已处理。")
    LetterMachine.perform(lt, "approve", a.reviewer)
    replied = datetime(2026, 3, 5, 15, 0, tzinfo=SH)
    LetterMachine.perform(lt, "send", a.lead, at=replied)
    lt.refresh_from_db()
    assert lt.reply_working_days == WorkdayCalendar().working_days_between(date(2026, 3, 2), date(2026, 3, 5))
    assert lt.reply_working_days == 3 and lt.replied_on_time is True and lt.reply_due_at is None
    # reopened and answered late: measured against the new clock
    reopened = datetime(2026, 3, 9, 9, 0, tzinfo=SH)
    LetterMachine.perform(lt, "reopen", None, reason="没有解决", at=reopened)
    lt.refresh_from_db()
    assert lt.reply_due_at == services.reply_deadline(lt).due_at > reopened
    LetterMachine.perform(lt, "start", a.editor)
    LetterMachine.perform(lt, "draft", a.editor, reply="再次处理。")
    LetterMachine.perform(lt, "approve", a.reviewer)
    LetterMachine.perform(lt, "send", a.lead, at=reopened + timedelta(days=60))
    lt.refresh_from_db()
    assert lt.replied_on_time is False and lt.reply_working_days > 30


def test_a_recomputed_clock_moves_the_stored_due_time(district, depts):
    lt = letter()
    LetterMachine.perform(lt, "accept", district.supervisor, at=datetime(2026, 3, 2, 10, 0, tzinfo=SH))
    deadline = services.reply_deadline(lt)
    deadlines.extend(deadline, 5)
    lt.refresh_from_db()
    assert lt.reply_due_at == deadline.due_at
    services.record_reply_figures(lt)  # not replied: no figures
    assert lt.reply_working_days is None and lt.replied_on_time is None


def test_the_queue_sorts_and_filters_on_the_stored_due_time(client, district, depts):
    now = timezone.now()
    late = letter(state="handling", organisation=depts.a.org, reply_due_at=now - timedelta(days=2))
    soon = letter(state="handling", organisation=depts.a.org, reply_due_at=now + timedelta(days=2))
    red = letter(
        state="handling", organisation=depts.b.org, reply_due_at=now + timedelta(days=9), red_flag=True
    )
    client.force_login(district.supervisor)
    page = client.get(reverse("interaction_admin_queue"), {"state": "open"}).content.decode()
    assert (
        page.index(red.tracking_number) < page.index(late.tracking_number) < page.index(soon.tracking_number)
    )
    overdue = client.get(reverse("interaction_admin_queue"), {"overdue": "1"}).content.decode()
    assert late.tracking_number in overdue and soon.tracking_number not in overdue


def test_the_page_shows_tables_and_charts_and_is_cacheable(client, home, depts):
    now = timezone.now()
    _answered(depts.a.org, "closed", True, 3, "satisfied", at=now - timedelta(days=3))
    response = client.get(reverse("interaction:statistics"))
    page = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "public, max-age=60"
    assert page.count('<svg class="chart"') == 3 and page.count("数据表</caption>") == 3
    assert 'id="total-received">1<' in page and 'id="total-on-time">100.0%<' in page
    assert "Wilson" in page and "区教育局" in page
    assert reverse("interaction:statistics") in client.get(reverse("interaction:index")).content.decode()


def test_xss_in_organisation_names_is_inert_on_the_page(client, home, depts):
    depts.a.org.name = f"区{XSS}局"
    depts.a.org.save()
    _answered(depts.a.org, "sent", True, 2, at=timezone.now() - timedelta(days=1), title=XSS)
    page = client.get(reverse("interaction:statistics")).content.decode()
    assert XSS not in page and "&lt;script&gt;" in page


def test_a_transition_purges_the_statistics_and_the_replies(
    settings, district, depts, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.core.test_purge.RecordingBackend"}}
    lt = letter()
    SENT.clear()
    with django_capture_on_commit_callbacks(execute=True):
        LetterMachine.perform(lt, "accept", district.supervisor)
    assert "http://localhost/hudong/tongji/" in SENT and "http://localhost/hudong/huifu/" in SENT
    assert Letter.objects.get(pk=lt.pk).state == "accepted"


def test_the_english_catalogue_covers_the_states_and_the_statistics():
    from django.utils.translation import gettext, override

    from portal.interaction.models import STATES

    with override("en"):
        assert str(STATES["closed"]) == "Closed" and gettext("统计公开") == "Statistics"
        assert gettext("按工作量公平比较") == "Workload-fair comparison"
