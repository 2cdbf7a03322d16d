"""The demo's 服务找人 part: datasets imported through the validator, ten benefits with rules
that pass the schema check, and a completed matching run with results per area."""

import pytest

from portal.proactive import demo
from portal.proactive.models import Benefit, Dataset, MatchRun, Outreach

pytestmark = pytest.mark.django_db


def test_seed_is_complete_and_idempotent(monkeypatch):
    monkeypatch.setattr(demo, "RESIDENTS", 600)
    monkeypatch.setattr(demo, "ENTERPRISES", 60)
    demo.seed_proactive()
    assert Dataset.objects.count() == 6
    assert Dataset.objects.get(key="huji").current_version.row_count >= 590
    assert Benefit.objects.count() == 10
    run = MatchRun.objects.get()
    assert run.status == MatchRun.Status.DONE and run.results.count() == 10
    gaoling = run.results.get(benefit__code="gaoling80")
    assert gaoling.claimed > 0 and gaoling.matched > 0 and gaoling.by_area
    assert run.results.get(benefit__code="xiaowei").eligible > 0
    assert "年满80周岁" in Benefit.objects.get(code="gaoling80").rendered()
    states = set(Outreach.objects.values_list("state", flat=True))
    assert states == {"contacted", "opened", "claimed", "declined"}
    demo.seed_proactive()
    assert MatchRun.objects.count() == 1 and Dataset.objects.count() == 6
