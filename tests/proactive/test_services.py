"""Matching runs over the stored datasets (claims excluded, per area, the diff from the previous
run), one person's explanation, the what-if, the audited reveal and the retention purge."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.core.audit import audit_entries
from portal.proactive import services, tasks
from portal.proactive.forms import BenefitForm
from portal.proactive.imports import import_dataset
from portal.proactive.models import DatasetVersion, MatchRun, Record
from portal.proactive.rules import parse

from .conftest import huji_csv, people_rows
from .helpers import id_number

pytestmark = pytest.mark.django_db
RUN_DATE = date(2026, 3, 15)


def _claims_csv(rows):
    return ("身份证号,待遇\n" + "".join(f"{i},{b}\n" for i, b in rows)).encode()


@pytest.fixture
def loaded(huji, claims, benefit):
    import_dataset(huji, huji_csv(people_rows()), "huji.csv")
    import_dataset(
        claims,
        _claims_csv([(id_number("19450615", 5), "gaoling"), (id_number("19460301", 1), "other")]),
        "c.csv",
    )
    return benefit


def test_a_run_excludes_the_claimed_and_counts_per_area(loaded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = tasks.start_run(None, None, RUN_DATE)
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DONE and run.progress == 100
    result = run.results.get()
    # 80 on the boundary day, the leap-day 82-year-old, the claimed 80-year-old
    assert (result.eligible, result.claimed, result.matched) == (3, 1, 2)
    assert result.by_area == [
        {"street": "东街道", "community": "一社区", "count": 1},
        {"street": "西街道", "community": "二社区", "count": 1},
    ]
    assert result.newly == [] and result.dropped == []


def test_the_next_run_reports_newly_and_no_longer_eligible(loaded, huji):
    first = services.perform_run(MatchRun.objects.create(run_date=RUN_DATE))
    rows = people_rows()
    rows[0] = rows[0][:3] + ("否",) + rows[0][4:]  # moved away
    import_dataset(huji, huji_csv(rows), "huji2.csv")
    second = services.perform_run(MatchRun.objects.create(run_date=date(2026, 4, 2)))  # 1946-03-02 now 80
    before, after = first.results.get(), second.results.get()
    assert set(after.newly) == set(after.keys) - set(before.keys) and len(after.newly) == 1
    assert after.dropped == sorted(set(before.keys) - set(after.keys)) and len(after.dropped) == 1


def test_a_failing_run_is_marked(loaded, monkeypatch):
    monkeypatch.setattr(services, "match_benefit", lambda *a: 1 / 0)
    run = MatchRun.objects.create(run_date=RUN_DATE)
    with pytest.raises(ZeroDivisionError):
        services.perform_run(run)
    run.refresh_from_db()
    assert run.status == MatchRun.Status.FAILED and "division" in run.message


def test_explanation_names_the_failing_condition(loaded):
    short = services.explain(loaded, id_number("19460302", 2), RUN_DATE)
    assert short.found and not short.eligible
    failing = [s for s in short.steps if not s.met]
    assert failing[1].text == "年满80周岁（按当月1日计算）" and "计算值：79" in failing[1].detail
    claimed = services.explain(loaded, id_number("19450615", 5), RUN_DATE)
    assert claimed.eligible and claimed.claimed
    assert not services.explain(loaded, id_number("19990101", 1), RUN_DATE).found


def test_what_if_counts_match_a_full_run_of_the_changed_rule(loaded):
    changed = parse("age_on(huji.birth_date, first_of_month) >= 75 and huji.local = true")
    rows = services.what_if(loaded, changed, RUN_DATE)
    full = services.match_benefit(loaded, RUN_DATE, changed)
    assert {(r["street"], r["community"]): r["changed"] for r in rows} == {
        (a["street"], a["community"]): a["count"] for a in full.by_area
    }
    assert sum(r["saved"] for r in rows) == 2 and sum(r["delta"] for r in rows) == 2


def test_reveal_is_audited_with_its_purpose(loaded, django_user_model):
    staff = django_user_model.objects.create_user("officer", password="x")
    record = Record.objects.filter(version__dataset__key="huji").first()
    assert services.reveal_record(record, "id_number", staff, "核实申领资格") == id_number("19460301", 1)
    with pytest.raises(ValueError):
        services.reveal_record(record, "name", staff, "")
    entry = [e for e in audit_entries() if e.action == "core.personal_data.view"][0]
    assert entry.comment == "核实申领资格" and entry.operator == "officer"
    assert services.personal_values(record) == {"phone": "13800000001"}


def test_purge_deletes_versions_past_retention(loaded, huji):
    huji.retention_days = 30
    huji.save()
    DatasetVersion.objects.filter(dataset=huji).update(imported_at=timezone.now() - timedelta(days=31))
    assert services.purge_expired() == 6
    assert not DatasetVersion.objects.filter(dataset=huji).exists()
    assert DatasetVersion.objects.filter(dataset__key="claims").exists()
    from portal.proactive.tasks import purge_expired_datasets

    assert purge_expired_datasets.call() == {"purged": 0}


def test_benefit_form_parses_and_checks_the_rule(loaded, huji, claims):
    data = {
        "name": "高龄津贴",
        "code": "gaoling2",
        "population": huji.pk,
        "claims": claims.pk,
        "enabled": "on",
    }
    bad = BenefitForm({**data, "rule_text": "huji.local >= 3"}, instance=type(loaded)())
    assert not bad.is_valid() and "不能与" in bad.errors["rule_text"][0]
    unknown = BenefitForm({**data, "rule_text": "huji.grade = 1"}, instance=type(loaded)())
    assert not unknown.is_valid() and "不存在" in unknown.errors["rule_text"][0]
    good = BenefitForm(
        {**data, "rule_text": "age_on(huji.birth_date, first_of_month) >= 75"}, instance=type(loaded)()
    )
    assert good.is_valid(), good.errors
    saved = good.save()
    assert saved.rule["right"] == {"const": 75} and saved.rendered() == "年满75周岁（按当月1日计算）"
    edit = BenefitForm(instance=saved)
    assert edit.initial["rule_text"] == "age_on(huji.birth_date, first_of_month) >= 75"


def test_service_code_is_checked_through_the_services_app(loaded):
    loaded.service_code = "NO-SUCH-ITEM"
    with pytest.raises(ValidationError) as error:
        loaded.full_clean()
    assert "没有编码为" in str(error.value)
    loaded.rule = {"op": "cmp", "cmp": "=", "left": {"attr": "huji.nope"}, "right": {"const": 1}}
    loaded.service_code = ""
    with pytest.raises(ValidationError, match="不存在"):
        loaded.full_clean()
