"""A small service hall: two departments, a service column, places, complete guides and a flow."""

from types import SimpleNamespace

import pytest

from portal.core.models import Organisation
from portal.services.models import (
    ScenarioFlow,
    ServiceBasis,
    ServiceItemPage,
    ServiceMaterial,
    ServicePlace,
    ServiceStep,
)
from tests import factories


def place(slug, lat, lng, category="service_center", **fields) -> ServicePlace:
    fields.setdefault("name", f"{slug}服务点")
    fields.setdefault("address", "示范区政务大道1号")
    return ServicePlace.objects.create(slug=slug, latitude=lat, longitude=lng, category=category, **fields)


def guide(parent, title, code, org, materials=("居民身份证",), places=(), live=True, complete=True, **fields):
    """A guide page; ``complete=False`` leaves out every key field but the title and organisation."""
    values = dict(
        title=title,
        slug=code.lower(),
        code=code,
        owner_organisation=org,
        live=live,
        conditions="<p>本区户籍居民。</p>" if complete else "",
        fees="不收费" if complete else "",
        hours="工作日 9:00-17:00" if complete else "",
        phone="0000-12345" if complete else "",
        place_note="区政务服务中心综合窗口" if complete else "",
        promised_days=5,
        audience="legal",
        legal_days=20,
    )
    values.update(fields)
    page = ServiceItemPage(**values)
    parent.add_child(instance=page)
    if complete:
        ServiceBasis.objects.create(item=page, name="《中华人民共和国行政许可法》")
        ServiceStep.objects.create(item=page, title="受理", sort_order=0)
        ServiceStep.objects.create(item=page, title="审核", sort_order=1)
        for n, name in enumerate(materials):
            ServiceMaterial.objects.create(item=page, name=name, form="copy", copies=1, sort_order=n)
    if places:
        page.places.set(places)
    if live:
        page.save_revision().publish()
    return ServiceItemPage.objects.get(pk=page.pk)


RESTAURANT = {
    "start": "area",
    "always": ["SC-001"],
    "questions": [
        {
            "key": "area",
            "text": "经营面积？",
            "options": [
                {"value": "small", "label": "50平方米以下", "next": "alcohol"},
                {"value": "large", "label": "50平方米及以上", "items": ["XF-001"], "next": "alcohol"},
            ],
        },
        {
            "key": "alcohol",
            "text": "是否销售酒类？",
            "options": [
                {"value": "yes", "label": "是", "items": ["SW-001"]},
                {"value": "no", "label": "否"},
            ],
        },
    ],
}


@pytest.fixture
def hall(home):
    market = factories.organisation(name="示范区市场监督管理局", short_name="区市场监管局")
    commerce = factories.organisation(name="示范区商务局")
    street = factories.organisation(name="示范区文昌街道", kind=Organisation.Kind.STREET)
    community = factories.organisation(name="文昌里社区", kind=Organisation.Kind.COMMUNITY, parent=street)
    column = factories.column(parent=home, title="法人办事", column_type="service", owner_organisation=market)
    centre = place("zwfwzx", 30.05, 160.03, name="示范区政务服务中心", street=street, community=community)
    station = place("wcl-station", 30.07, 160.01, "community_station", street=street, community=community)
    licence = guide(
        column,
        "营业执照办理",
        "SC-001",
        market,
        materials=("居民身份证", "经营场所证明"),
        places=[centre],
        online_url="https://zwfw.example.gov.cn/yyzz",
        featured=True,
    )
    food = guide(
        column, "食品经营许可", "XF-001", market, materials=("营业执照", "居民身份证", "食品安全管理制度")
    )
    food.prerequisites.set([licence])
    food.save_revision().publish()
    alcohol = guide(column, "酒类商品零售许可", "SW-001", commerce, materials=(" 营业执照", "居民身份证"))
    flow = ScenarioFlow.objects.create(
        slug="restaurant",
        title="我要开餐馆",
        definition=RESTAURANT,
        examples=[{"answers": {"area": "large", "alcohol": "yes"}, "items": ["SC-001", "XF-001", "SW-001"]}],
    )
    return SimpleNamespace(
        home=home,
        market=market,
        commerce=commerce,
        street=street,
        community=community,
        column=column,
        centre=centre,
        station=station,
        licence=ServiceItemPage.objects.get(pk=licence.pk),
        food=ServiceItemPage.objects.get(pk=food.pk),
        alcohol=alcohol,
        flow=flow,
    )
