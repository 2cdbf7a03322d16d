"""Supervision (督办): the 60-day red flag, the daily alert on working days, the 3-month guard,
and the staff queue with its filters, export and organisation scoping."""

import io
from datetime import date, datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.core.models import Notification
from portal.interaction import services
from portal.interaction.models import InteractionSettings, Letter
from portal.interaction.states import LetterMachine

from .conftest import SH, letter

pytestmark = pytest.mark.django_db


def test_a_letter_unanswered_for_60_days_is_flagged_and_the_office_alerted_each_working_day(district, depts):
    old = letter(submitted_at=datetime(2026, 1, 5, 10, tzinfo=SH), organisation=depts.a.org, state="handling")
    young = letter(submitted_at=datetime(2026, 1, 10, 10, tzinfo=SH), state="submitted")
    answered = letter(submitted_at=datetime(2026, 1, 1, 10, tzinfo=SH), state="sent")
    result = services.supervise(datetime(2026, 3, 6, 10, tzinfo=SH))  # day 60 of the old one, a Friday
    assert result.flagged == 1 and result.alerted == 1
    old.refresh_from_db(), young.refresh_from_db(), answered.refresh_from_db()
    assert old.red_flag and not young.red_flag and not answered.red_flag
    alert = Notification.objects.get(user=district.supervisor, kind="interaction.red_flag")
    assert "60 天" in alert.message and "2026-04-07" in alert.message  # 5 Apr + 3 months → 清明 moves it
    assert Notification.objects.filter(user=depts.a.lead, kind="interaction.red_flag").exists()
    # once a day, and not on a rest day
    assert services.supervise(datetime(2026, 3, 6, 15, tzinfo=SH)).alerted == 0
    assert services.supervise(datetime(2026, 3, 7, 10, tzinfo=SH)).alerted == 0  # Saturday
    assert services.supervise(datetime(2026, 3, 9, 10, tzinfo=SH)).alerted == 1  # Monday
    later = services.supervise(datetime(2026, 3, 11, 10, tzinfo=SH))  # the young one's day 60
    assert later.flagged == 1 and later.alerted == 2
    # sending the answer lifts the flag
    Letter.objects.filter(pk=old.pk).update(state="reviewed")
    old.refresh_from_db()
    LetterMachine.perform(old, "send", depts.a.lead)
    assert not old.red_flag


def test_the_three_month_guard_counts_calendar_months_and_moves_off_rest_days():
    lt = Letter(submitted_at=datetime(2026, 1, 31, 20, tzinfo=SH))
    assert services.guard_date(lt, 3) == date(2026, 4, 30)  # 31 Jan + 3 months: last day of April
    lt = Letter(submitted_at=datetime(2026, 7, 3, 9, tzinfo=SH))
    assert services.guard_date(lt, 3) == date(2026, 10, 8)  # 3 Oct falls in 国庆: next working day


def test_the_red_flag_period_is_configurable(district):
    config = InteractionSettings.load()
    config.red_flag_days = 30
    config.save()
    letter(submitted_at=datetime(2026, 2, 1, 10, tzinfo=SH))
    assert services.supervise(datetime(2026, 3, 3, 10, tzinfo=SH)).flagged == 1


def test_the_supervising_office_can_be_another_organisation(district, depts):
    config = InteractionSettings.load()
    config.supervising_office = depts.b.org
    config.save()
    lt = letter()
    assert LetterMachine.can_perform(lt, "accept", depts.b.editor)
    assert not LetterMachine.can_perform(lt, "accept", district.supervisor)


# -- the queue ------------------------------------------------------------------------------------


def test_a_department_sees_only_its_own_letters(client, district, depts):
    mine = letter(organisation=depts.a.org, state="handling", title="教育局的来信")
    theirs = letter(organisation=depts.b.org, state="handling", title="住建局的来信")
    unassigned = letter(title="尚未转办的来信")
    client.force_login(depts.a.editor)
    page = client.get(reverse("interaction_admin_queue")).content.decode()
    assert mine.title in page and theirs.title not in page and unassigned.title not in page
    assert client.get(reverse("interaction_admin_letter", args=[mine.pk])).status_code == 200
    refused = client.get(reverse("interaction_admin_letter", args=[theirs.pk]))
    assert refused.status_code == 403 and theirs.title not in refused.content.decode()
    post = client.post(reverse("interaction_admin_perform", args=[theirs.pk, "start"]))
    assert post.status_code == 403
    theirs.refresh_from_db()
    assert theirs.state == "handling"
    export = client.get(reverse("interaction_admin_queue"), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [mine.tracking_number]
    assert client.get(reverse("interaction_admin_import")).status_code == 403


def test_the_supervisor_filters_the_queue_and_exports_it(client, district, depts):
    overdue = letter(organisation=depts.a.org, title="超期来信")
    LetterMachine.perform(overdue, "accept", district.supervisor, at=datetime(2026, 1, 5, 10, tzinfo=SH))
    letter(organisation=depts.b.org, state="handling", red_flag=True, title="红色预警来信")
    other = letter(title='=HYPERLINK("http://x")', submitted_at=datetime(2026, 3, 1, tzinfo=SH))
    client.force_login(district.supervisor)
    url = reverse("interaction_admin_queue")
    page = client.get(url).content.decode()
    assert all(t in page for t in ("超期来信", "红色预警来信")) and "已超期" in page
    assert "超期来信" in client.get(url, {"overdue": "1"}).content.decode()
    assert "红色预警来信" not in client.get(url, {"overdue": "1"}).content.decode()
    assert "超期来信" not in client.get(url, {"red": "1"}).content.decode()
    assert (
        "红色预警来信" in client.get(url, {"organisation": depts.b.org.pk, "state": "open"}).content.decode()
    )
    assert (
        "超期来信" not in client.get(url, {"state": "submitted", "channel": "consultation"}).content.decode()
    )
    assert "超期来信" not in client.get(url, {"since": "2026-02-28", "until": "2026-03-02"}).content.decode()
    assert "红色预警来信" in client.get(url, {"q": "红色"}).content.decode()
    export = client.get(url, {"format": "xlsx", "q": "HYPERLINK"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("受理编号", "渠道", "标题", "状态")
    assert rows[1][0] == other.tracking_number and rows[1][2].startswith("'=")  # formula neutralised


def test_staff_act_through_the_letter_screen(client, district, depts):
    lt = letter(title="需要转办的来信")
    dup = letter(title="需要转办的来信", body=lt.body)
    client.force_login(district.supervisor)
    page = client.get(reverse("interaction_admin_letter", args=[dup.pk])).content.decode()
    assert "疑似重复" in page and lt.tracking_number in page and "138****5678" in page
    assert "13812345678" not in page
    revealed = client.post(
        reverse("interaction_admin_letter", args=[dup.pk]), {"reveal": "phone", "purpose": "电话回访"}
    )
    assert "13812345678" in revealed.content.decode()
    assert (
        client.post(reverse("interaction_admin_letter", args=[dup.pk]), {"reveal": "phone"}).status_code
        == 200
    )
    perform = reverse("interaction_admin_perform", args=[lt.pk, "accept"])
    client.post(perform)
    client.post(
        reverse("interaction_admin_perform", args=[lt.pk, "assign"]), {"organisation": depts.a.org.pk}
    )
    lt.refresh_from_db()
    assert lt.state == "assigned" and lt.organisation == depts.a.org
    refused = client.post(reverse("interaction_admin_perform", args=[lt.pk, "reassign"]), follow=True)
    assert "请选择承办机构" in refused.content.decode() or "理由" in refused.content.decode()
    client.post(
        reverse("interaction_admin_perform", args=[dup.pk, "screen_out"]),
        {"screening": "duplicate", "duplicate_of": lt.tracking_number, "reason": "与前信同一事项"},
    )
    dup.refresh_from_db()
    assert dup.state == "screened_out" and dup.duplicate_of == lt
    client.force_login(depts.a.editor)
    client.post(reverse("interaction_admin_perform", args=[lt.pk, "start"]))
    client.post(reverse("interaction_admin_perform", args=[lt.pk, "draft"]), {"reply": "已安排处理。"})
    lt.refresh_from_db()
    assert lt.state == "drafted" and lt.drafted_by == depts.a.editor
    page = client.get(reverse("interaction_admin_letter", args=[lt.pk])).content.decode()
    assert "办理记录" in page and "提交答复" in page
    bad = client.post(reverse("interaction_admin_perform", args=[lt.pk, "nonsense"]), follow=True)
    assert "未知的操作" in bad.content.decode()


def test_the_hourly_task_supervises(district):
    from portal.interaction.tasks import supervise_letters

    letter(submitted_at=datetime(2025, 1, 5, 10, tzinfo=SH))
    assert supervise_letters.call()["flagged"] == 1


def test_the_reply_limit_is_configured_per_channel(district, depts):
    from portal.interaction.models import Channel

    Channel.objects.filter(key="site-error").update(reply_days=1)
    lt = letter("site-error")
    LetterMachine.perform(lt, "accept", district.supervisor, at=datetime(2026, 3, 2, 10, tzinfo=SH))
    assert services.reply_deadline(lt).due_at.date() == date(2026, 3, 3)
    assert dict(Channel.objects.values_list("key", "reply_days")) == {
        "mailbox": 10,
        "consultation": 5,
        "complaint": 15,
        "site-error": 1,
    }


def test_accounts_without_a_staff_profile_have_no_queue(client, district):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("outsider", password="x-Pass-2026", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse("interaction_admin_queue")).status_code == 403
    assert client.get(reverse("interaction_admin_letter", args=[letter().pk])).status_code == 403
