"""The demo's public accounts: ≥ 50 citizens, ≥ 10 enterprises, some past submissions linked."""

import pytest
from django.contrib.auth.hashers import make_password
from stdnum.cn import uscc

from portal.accounts import demo
from portal.accounts.models import CitizenProfile, Enterprise
from portal.demo.seed.context import SeedContext
from tests.core.caseapp.models import Letter

pytestmark = pytest.mark.django_db


def test_seed_citizens(client):
    for n in range(6):
        Letter.objects.create(
            tracking_number=f"XJ2026120100000{n}", query_code_hash=make_password("X"), body="来信"
        )
    ctx = SeedContext(quiet=True)
    demo.seed_citizens(ctx)
    assert CitizenProfile.objects.count() >= 50
    assert Enterprise.objects.count() >= 10
    assert all(uscc.is_valid(e.uscc) for e in Enterprise.objects.all())
    assert all(e.members.count() >= 2 for e in Enterprise.objects.all())
    assert Letter.objects.filter(account__isnull=False).count() == 3
    assert CitizenProfile.objects.exclude(real_name=None).exists()
    first = Enterprise.objects.get(name=demo.ENTERPRISES[0])
    admin = first.members.get(role="admin").user
    assert admin.citizen_profile.phone == "+8613900000005"
    demo.seed_citizens(SeedContext(quiet=True))  # idempotent
    assert CitizenProfile.objects.count() == demo.CITIZENS

    for login in ("citizen01@example.cn", "13900000005"):
        response = client.post("/yonghu/denglu/", {"login": login, "password": demo.PASSWORD})
        assert response.status_code == 302 and response["Location"] == "/yonghu/", login
        client.post("/yonghu/tuichu/")
