"""The working-day calendar in core: official data, 调休, overrides, and years without data."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from portal.core import workdays
from portal.core.models import CalendarYear, WorkdayOverride

SH = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def test_make_up_saturday_is_a_working_day_and_holiday_week_is_not():
    assert workdays.is_working_day(date(2026, 2, 14))  # Saturday, 调休 before 春节
    assert not workdays.is_working_day(date(2026, 2, 16))  # Monday in the holiday
    assert not workdays.is_working_day(date(2026, 2, 21))  # Saturday in the holiday


def test_add_working_days_counts_the_make_up_saturday_and_skips_the_holiday():
    # Friday 13 Feb 2026 + 1 working day = Saturday 14 Feb (调休), + 2 = Tuesday 24 Feb.
    assert workdays.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert workdays.add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)
    assert workdays.add_working_days(date(2026, 2, 15), 0) == date(2026, 2, 24)


def test_add_working_hours_runs_through_the_make_up_saturday():
    start = datetime(2026, 2, 13, 17, 0, tzinfo=SH)  # one hour before close on Friday
    # 1 h left on Friday, 8 h on Saturday 14 Feb (调休): 9 h ends at Saturday 18:00.
    assert workdays.add_working_hours(start, 9) == datetime(2026, 2, 14, 18, 0, tzinfo=SH)
    # One more hour lands on Tuesday 24 Feb after the nine-day holiday.
    assert workdays.add_working_hours(start, 10) == datetime(2026, 2, 24, 10, 0, tzinfo=SH)


def test_lunch_break_and_night_are_not_working_time():
    start = datetime(2026, 3, 2, 11, 30, tzinfo=SH)  # Monday
    assert workdays.add_working_hours(start, 1) == datetime(2026, 3, 2, 13, 30, tzinfo=SH)
    night = datetime(2026, 3, 2, 22, 0, tzinfo=SH)
    assert workdays.add_working_hours(night, 2) == datetime(2026, 3, 3, 11, 0, tzinfo=SH)
    assert workdays.working_hours_between(start, datetime(2026, 3, 3, 10, 0, tzinfo=SH)) == 6.5


def test_override_wins_over_the_library():
    WorkdayOverride.objects.create(date=date(2026, 3, 2), is_working_day=False, name="临时放假")
    assert not workdays.is_working_day(date(2026, 3, 2))
    assert workdays.add_working_days(date(2026, 2, 27), 1) == date(2026, 2, 28)  # 调休 Saturday
    assert workdays.add_working_days(date(2026, 2, 28), 1) == date(2026, 3, 3)


def test_year_without_library_data_never_raises_and_is_provisional():
    # 2027 is outside chinese-calendar 1.11: Monday–Friday, flagged provisional.
    deadline = workdays.deadline_in_working_days(date(2026, 12, 18), 20)
    assert deadline.provisional
    assert deadline.due == date(2027, 1, 15)
    assert workdays.missing_calendar_years(date(2026, 11, 1)) == [2027]


def test_loaded_holidays_apply_to_a_new_year_and_complete_year_is_official():
    WorkdayOverride.objects.create(date=date(2027, 1, 1), is_working_day=False, name="元旦")
    assert workdays.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert workdays.deadline_in_working_days(date(2027, 1, 4), 1).provisional
    CalendarYear.objects.create(year=2027, complete=True)
    deadline = workdays.deadline_in_working_days(date(2027, 1, 4), 1)
    assert not deadline.provisional and deadline.due == date(2027, 1, 5)
    assert workdays.missing_calendar_years(date(2026, 11, 1)) == []


def test_calendar_change_is_announced():
    seen = []

    def listener(sender, **kwargs):
        seen.append(kwargs["instance"])

    workdays.calendar_changed.connect(listener)
    try:
        override = WorkdayOverride.objects.create(date=date(2027, 2, 6), is_working_day=True)
    finally:
        workdays.calendar_changed.disconnect(listener)
    assert seen == [override]


def test_administrator_loads_next_years_arrangement(tmp_path):
    from django.core.management import call_command

    arrangement = tmp_path / "2027.txt"
    arrangement.write_text(
        "# 2027 年部分节假日安排（示例）\n2027-01-01 休 元旦\n2027-02-06~2027-02-12 休 春节\n2027-02-13 班 春节调休\n",
        encoding="utf-8",
    )
    call_command("load_holidays", "2027", str(arrangement), "--source", "国办发明电〔2026〕X号")
    assert WorkdayOverride.objects.filter(date__year=2027).count() == 9
    deadline = workdays.deadline_in_working_days(date(2027, 2, 5), 1)  # Friday before 春节
    assert deadline.due == date(2027, 2, 13) and not deadline.provisional  # the 调休 Saturday
    assert workdays.add_working_days(date(2027, 2, 5), 2) == date(2027, 2, 15)
    with pytest.raises(ValueError, match="第 1 行"):
        workdays.parse_arrangement("2027-13-01 休 错误")


def test_admin_pastes_an_arrangement_and_the_warning_goes(client, django_user_model):
    from django.urls import reverse

    admin = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin)
    url = reverse("core_load_holidays")
    page = client.get(url).content.decode()
    assert "导入节假日安排" in page
    bad = client.post(url, {"year": 2027, "text": "2027-01-01 放 元旦", "complete": "on"})
    assert "应为“休”或“班”" in bad.content.decode()
    client.post(url, {"year": 2027, "text": "2027-01-01 休 元旦", "complete": "on"})
    assert WorkdayOverride.objects.get(date=date(2027, 1, 1)).name == "元旦"
    assert CalendarYear.objects.get(year=2027).complete
