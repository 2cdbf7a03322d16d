"""The interaction hub's demo step: small, in every state, idempotent."""

import pytest
from django.utils import timezone

from portal.demo.seed.context import SeedContext
from portal.interaction import statistics
from portal.interaction.demo import seed_letters
from portal.interaction.models import Letter
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_demo_letters_are_seeded_once_in_every_state():
    factories.organisation(name="区民政局")
    ctx = SeedContext(quiet=True, scale=0.1)
    seed_letters(ctx)
    assert ctx.created["来信"] == Letter.objects.count() == 110
    assert Letter.objects.filter(published=True, state__in=("sent", "closed")).count() >= 30
    open_letter = Letter.objects.filter(state="handling").first()
    assert open_letter.reply_due_at is not None
    assert (
        statistics.compute().total.received
        == Letter.objects.filter(received_month__gte=statistics.first_month(timezone.localdate())).count()
    )
    assert {"submitted", "handling", "closed", "screened_out", "sent"} <= set(
        Letter.objects.values_list("state", flat=True)
    )
    assert Letter.objects.filter(red_flag=True).exists()
    again = SeedContext(quiet=True, scale=0.1)
    seed_letters(again)
    assert again.created["来信"] == 0 and Letter.objects.count() == 110
