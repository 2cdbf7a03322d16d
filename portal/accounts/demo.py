"""Demo public accounts: 60 citizens (e-mail, mobile or both; some with real names and an
authenticator-free login) and 12 enterprises with two or three people each, and past letters,
requests and comments of the demo linked to some of the citizens.

Every demo citizen signs in with :data:`PASSWORD` (a published password: demo only), e.g.
``citizen01@example.cn`` or ``13900000005`` (the administrator of the first enterprise).
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from stdnum.cn import uscc

from portal.demo.registry import register_seed
from portal.demo.seed.context import SeedContext

from .account_data import submission_models
from .models import CitizenProfile, Enterprise, EnterpriseMember

PASSWORD = "Shimin-2026"
CITIZENS = 60
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "丽",
    "华",
    "建国",
]
ENTERPRISES = [
    "示范区鑫达科技有限公司", "示范区和顺物流有限公司", "示范区惠民超市有限公司", "示范区青禾农业发展有限公司",
    "示范区东方建筑工程有限公司", "示范区启明教育咨询有限公司", "示范区康宁医疗器械有限公司", "示范区锦程餐饮管理有限公司",
    "示范区远航软件开发有限公司", "示范区安居物业服务有限公司", "示范区绿源环保科技有限公司", "示范区华彩文化传媒有限公司",
]  # fmt: skip


def _uscc(serial: int) -> str:
    body = f"91{110108 + serial % 7:06d}MA{serial:07d}"
    return body + uscc.calc_check_digit(body)


def _id_number(rng) -> str:
    from stdnum.cn import ric

    body = f"110108{rng.randint(1950, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
    return body + ric.calc_check_digit(body)


@register_seed("citizen accounts", order=95, label="公众与企业账号")
def seed_citizens(ctx: SeedContext) -> None:
    ctx.accounts.append(("citizen01@example.cn", PASSWORD, "—", "公众（用户中心）"))
    ctx.accounts.append(("13900000005", PASSWORD, ENTERPRISES[0], "企业管理员（用户中心）"))
    if CitizenProfile.objects.filter(user__username__startswith="demo_citizen").exists():
        return
    User = get_user_model()
    rng = ctx.rng("citizens")
    password = make_password(PASSWORD)
    citizens = []
    for n in range(1, CITIZENS + 1):
        email = f"citizen{n:02d}@example.cn" if n % 3 != 0 else ""
        phone = f"+86139{n:08d}" if n % 3 != 1 or n % 2 == 0 else ""
        user = User.objects.create(
            username=f"demo_citizen{n:02d}",
            email=email,
            password=password,
            date_joined=ctx.past(rng, 400 - n * 5),
        )
        if email:
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        profile = CitizenProfile(user=user, phone=phone, phone_verified=bool(phone))
        if n % 2 == 0:
            profile.real_name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            profile.id_number = _id_number(rng)
        profile.save()
        citizens.append(user)
    ctx.created["公众账号"] += len(citizens)

    for serial, name in enumerate(ENTERPRISES, start=1):
        enterprise = Enterprise.objects.create(name=name, uscc=_uscc(serial))
        people = citizens[(serial * 4) % CITIZENS : (serial * 4) % CITIZENS + 2 + serial % 2]
        for index, user in enumerate(people):
            role = EnterpriseMember.Role.ADMIN if index == 0 else EnterpriseMember.Role.MEMBER
            EnterpriseMember.objects.get_or_create(enterprise=enterprise, user=user, defaults={"role": role})
        CitizenProfile.objects.filter(user=people[0]).update(kind=CitizenProfile.Kind.ENTERPRISE)
    ctx.created["企业账号"] += len(ENTERPRISES)

    # Some of the demo's past submissions (letters, requests, comments …) belong to citizens.
    linked = 0
    for model in submission_models():
        unlinked = list(
            model._default_manager.filter(account__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:30]
        )
        for index, pk in enumerate(unlinked[::2]):
            model._default_manager.filter(pk=pk).update(account=citizens[(index * 7) % 20])
            linked += 1
    ctx.created["关联到账号的提交"] += linked
