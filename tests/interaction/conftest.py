"""Shared data of the interaction tests: a district (the supervising office), two departments
with an editor, a reviewer and a lead each, and a letter builder."""

from __future__ import annotations

import itertools
from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from portal.core.models import StaffProfile
from portal.interaction.models import Channel, Letter
from tests import factories

SH = ZoneInfo("Asia/Shanghai")
_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def _open_rates(settings):
    settings.PORTAL_SUBMISSION_RATES = {"default": "1000/m", "default:account": "1000/m"}
    cache.clear()


def _dept(name):
    org = factories.organisation(name=name)
    people = SimpleNamespace(org=org)
    for role in ("editor", "reviewer", "lead"):
        setattr(people, role, factories.staff_user(org, role))
    return people


@pytest.fixture
def district(db):
    district = factories.district()
    return SimpleNamespace(
        org=district,
        supervisor=factories.staff_user(district, StaffProfile.Role.EDITOR),
        lead=factories.staff_user(district, StaffProfile.Role.LEAD),
    )


@pytest.fixture
def depts(district):
    return SimpleNamespace(a=_dept("区教育局"), b=_dept("区住房和城乡建设局"))


def channel(key="consultation") -> Channel:
    return Channel.objects.get(key=key)


def letter(channel_key="consultation", **fields) -> Letter:
    n = next(_seq)
    defaults = {
        "tracking_number": f"HDTEST{n:06d}",
        "channel": channel(channel_key),
        "title": f"关于第{n}号小区停车难的问题",
        "body": f"第{n}号小区晚上停车位严重不足，希望增加停车位。",
        "name": "王小明",
        "phone": "13812345678",
        "publish_consent": True,
        "submitted_at": datetime(2026, 2, 12, 9, 0, tzinfo=SH),
    }
    defaults.update(fields)
    return Letter.objects.create(**defaults)
