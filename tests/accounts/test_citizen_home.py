"""个性主页 (modules from the registry, reordered with buttons or by drag), real-name fields,
enterprises with their 统一社会信用代码 and people."""

import pytest

from portal.accounts.models import CitizenProfile, Enterprise, EnterpriseMember
from portal.core.personal_data import blind_index
from portal.core.user_space import HomeModule, home_modules, submissions_module
from tests.core.caseapp.models import Letter

from .citizens import citizen
from .test_citizen_data import letter, signed_in

pytestmark = pytest.mark.django_db

USCC = "91110000600037341L"  # a valid code (check character included)


@pytest.fixture
def test_module():
    module = HomeModule(
        "test.module",
        "测试模块",
        "accounts/citizen/modules/account.html",
        lambda r: {"memberships": []},
        order=5,
    )
    letters = submissions_module("test.letters", "我的测试来信", Letter, order=6, url="/hudong/chaxun/")
    home_modules.register(module.key, module)
    home_modules.register(letters.key, letters)
    yield module
    home_modules.unregister(module.key)
    home_modules.unregister(letters.key)


def _order(html: str) -> list[str]:
    import re

    return re.findall(r'data-key="([^"]+)"', html)


def test_the_registry_renders_a_module_from_a_test_app(client, test_module):
    user = signed_in(client)
    letter("XJ20261201000001", account=user, body="小区路灯不亮，请尽快修理")
    html = client.get("/yonghu/").content.decode()
    assert "测试模块" in html and "我的测试来信" in html and "小区路灯不亮" in html
    assert "XJ20261201000001" in html and 'href="/hudong/chaxun/"' in html
    # Modules contributed by the apps (interaction, disclosure, comments, services) are there too.
    assert "我的来信" in html and "我的依申请公开" in html and "我的评论" in html and "我的评价" in html


def test_modules_move_up_and_down_without_javascript(client, test_module):
    signed_in(client)
    before = _order(client.get("/yonghu/").content.decode())
    assert before[:3] == ["account", "test.module", "test.letters"]
    response = client.post("/yonghu/zhuye/paixu/", {"module": "test.letters", "direction": "up"})
    assert response.status_code == 302 and response["Location"] == "/yonghu/#module-test.letters"
    after = _order(client.get("/yonghu/").content.decode())
    assert after[:3] == ["account", "test.letters", "test.module"]
    client.post("/yonghu/zhuye/paixu/", {"module": "account", "direction": "down"})
    assert _order(client.get("/yonghu/").content.decode())[:2] == ["test.letters", "account"]
    client.post("/yonghu/zhuye/paixu/", {"module": "nope", "direction": "down"})  # ignored


def test_drag_and_drop_saves_the_whole_order(client, test_module):
    signed_in(client)
    response = client.post("/yonghu/zhuye/paixu/", {"order": "test.module,account,unknown"})
    assert response.json() == {"ok": True}
    assert _order(client.get("/yonghu/").content.decode())[:2] == ["test.module", "account"]


def test_real_name_fields_are_encrypted_and_masked(client):
    user = signed_in(client)
    response = client.post(
        "/yonghu/shezhi/shiming/", {"real_name": "张明", "id_number": "110105194912310021"}
    )
    assert "身份证号码不正确" in response.content.decode()
    assert 'value="张明"' in response.content.decode()
    response = client.post(
        "/yonghu/shezhi/shiming/", {"real_name": "张明", "id_number": "11010519491231002x"}
    )
    assert response.status_code == 302
    profile = CitizenProfile.objects.get(user=user)
    assert profile.id_number == "11010519491231002X"
    assert profile.id_number_index == blind_index("11010519491231002X")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT real_name, id_number FROM accounts_citizenprofile WHERE id = %s", [profile.pk])
        raw = " ".join(str(v) for v in cursor.fetchone())
    assert "张明" not in raw and "11010519491231002X" not in raw
    page = client.get("/yonghu/shezhi/").content.decode()
    assert "张*" in page and "110105********002X" in page and "11010519491231002X" not in page


def test_an_enterprise_with_a_valid_code_and_several_people(client):
    admin = signed_in(client, phone="+8613800001111")
    colleague = citizen(email="li@example.cn")
    response = client.post("/yonghu/qiye/", {"name": "示范科技有限公司", "uscc": "91110000600037341X"})
    html = response.content.decode()
    assert "统一社会信用代码不正确" in html and 'value="示范科技有限公司"' in html
    response = client.post("/yonghu/qiye/", {"name": "示范科技有限公司", "uscc": USCC.lower()})
    enterprise = Enterprise.objects.get()
    assert response["Location"] == f"/yonghu/qiye/{enterprise.pk}/"
    assert enterprise.uscc == USCC
    assert CitizenProfile.objects.get(user=admin).kind == "enterprise"

    response = client.post(f"/yonghu/qiye/{enterprise.pk}/", {"login": "nobody@example.cn"})
    assert "没有找到使用该手机号码或电子邮箱注册的账号" in response.content.decode()
    client.post(f"/yonghu/qiye/{enterprise.pk}/", {"login": "li@example.cn"})
    member = EnterpriseMember.objects.get(user=colleague)
    assert member.role == "member"
    page = client.get(f"/yonghu/qiye/{enterprise.pk}/").content.decode()
    assert "l***@example.cn" in page and "z***@example.cn" in page

    # A 经办人 sees the enterprise but cannot manage its people.
    other = client.__class__()
    other.force_login(colleague, backend="django.contrib.auth.backends.ModelBackend")
    assert "添加经办人" not in other.get(f"/yonghu/qiye/{enterprise.pk}/").content.decode()
    assert other.post(f"/yonghu/qiye/{enterprise.pk}/", {"remove": member.pk}).status_code == 200
    client.post(f"/yonghu/qiye/{enterprise.pk}/", {"remove": member.pk})
    assert not EnterpriseMember.objects.filter(user=colleague).exists()

    # The same code twice: one enterprise account, its administrator adds people.
    response = other.post("/yonghu/qiye/", {"name": "别的公司", "uscc": USCC})
    assert "该统一社会信用代码已有企业账号" in response.content.decode()
    # Someone outside the enterprise does not see it.
    assert other.get(f"/yonghu/qiye/{enterprise.pk}/").status_code == 404


def test_enterprise_member_by_phone(client):
    signed_in(client)
    colleague = citizen(email=None, phone="+8613911112222")
    client.post("/yonghu/qiye/", {"name": "示范科技有限公司", "uscc": USCC})
    enterprise = Enterprise.objects.get()
    client.post(f"/yonghu/qiye/{enterprise.pk}/", {"login": "139 1111 2222"})
    assert enterprise.members.filter(user=colleague).exists()
    assert "139****2222" in client.get(f"/yonghu/qiye/{enterprise.pk}/").content.decode()


def test_settings_page(client):
    signed_in(client, phone="+8613800001111")
    page = client.get("/yonghu/shezhi/")
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "138****1111" in html and "z***@example.cn" in html and "未启用" in html
