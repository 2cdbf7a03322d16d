"""The demo's on-request cases and annual reports: every state and outcome, a few overdue, one
paused for a third party, last year's published reports for every organisation; idempotent."""

import pytest
from django.utils import timezone

from portal.core.models import Deadline, Organisation
from portal.demo.seed.context import SeedContext
from portal.disclosure import demo_requests
from portal.disclosure.annual import AnnualReport
from portal.disclosure.request_states import RequestMachine, due_subquery
from portal.disclosure.requests import OUTCOMES, DisclosureRequest

pytestmark = pytest.mark.django_db


def test_demo_cases_and_reports(tree):
    ctx = SeedContext(quiet=True)
    demo_requests.seed_requests(ctx)
    cases = DisclosureRequest.objects.all()
    assert cases.count() >= 40
    assert set(cases.values_list("state", flat=True)) == set(RequestMachine.states)
    assert {k for k, _l in OUTCOMES} <= set(cases.values_list("outcome", flat=True))
    oldest = min(cases.values_list("received_on", flat=True))
    assert (timezone.localdate() - oldest).days <= 14 * 31
    overdue = cases.annotate(due_at=due_subquery()).filter(state="received", due_at__lt=timezone.now())
    assert overdue.count() >= 3
    assert Deadline.objects.filter(clock="disclosure.reply", paused_at__isnull=False).count() >= 1
    assert cases.filter(state="third_party").count() == 1
    for case in cases:
        assert case.id_number and (case.applicant_type != "natural" or len(case.id_number) == 18)
    year = timezone.localdate().year - 1
    reporting = Organisation.objects.exclude(kind=Organisation.Kind.COMMUNITY).count()
    assert AnnualReport.objects.filter(year=year, published=True).count() == reporting
    district = AnnualReport.objects.get(year=year, organisation=tree.district)
    assert district.tables["requests"]["new"]["all"] == cases.filter(received_on__year=year).count()
    demo_requests.seed_requests(ctx)
    assert DisclosureRequest.objects.count() == cases.count()
