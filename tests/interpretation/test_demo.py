"""The demo district's interpretation packages, calendar and comments (seed_demo at full
interpretation size: its counts do not scale)."""

import io

import pytest
from django.core.management import call_command

from portal.comments.models import Comment
from portal.interpretation.models import InterpretationPackagePage, InterpretationPage
from portal.interpretation.services import calendar


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.mark.django_db
def test_demo_packages_calendar_and_comments(client, queued_tasks):
    call_command("seed_demo", scale=0.2, no_index=True, stdout=io.StringIO())
    packages = InterpretationPackagePage.objects.live()
    assert packages.count() >= 10
    interpretations = InterpretationPage.objects.live()
    assert interpretations.count() >= 30
    assert set(interpretations.values_list("kind", flat=True)) == {
        "graphic",
        "text",
        "expert",
        "leader",
        "qa",
        "media",
        "video",
    }
    data = calendar()
    statuses = {r["status"] for r in data["rows"]}
    assert {"published", "planned", "overdue"} <= statuses
    assert Comment.objects.count() >= 100
    assert set(Comment.objects.values_list("status", flat=True)) == {"published", "pending", "rejected"}
    assert Comment.objects.exclude(reply="").exists()
    package = packages.first()
    assert client.get(package.url).status_code == 200
