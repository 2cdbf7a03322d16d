"""Staff handling: the list (filters, masked personal data), permissions per organisation,
transitions through the admin with audit entries, the audit-logged reveal, the letter."""

from __future__ import annotations

import io
import logging

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.core.models import StaffProfile
from portal.disclosure.request_states import RequestMachine
from tests import factories

from .test_requests import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(tree):
    return {
        "editor": factories.staff_user(tree.dept, StaffProfile.Role.EDITOR),
        "reviewer": factories.staff_user(tree.dept, StaffProfile.Role.REVIEWER),
        "district": factories.staff_user(tree.district, StaffProfile.Role.EDITOR),
        "street": factories.staff_user(tree.street, StaffProfile.Role.EDITOR),
    }


def test_list_masks_personal_data_and_filters(client, tree, staff, caplog):
    mine = make_case(tree.dept)
    theirs = make_case(tree.street, received=timezone.localtime())
    client.force_login(staff["editor"])
    with caplog.at_level(logging.DEBUG):
        page = client.get(reverse("disclosure_requests")).content.decode()
    assert mine.tracking_number in page and theirs.tracking_number not in page
    assert "张*丰" in page and "138****5678" in page
    for secret in ("张三丰", "13812345678", "11010519491231002X"):
        assert secret not in page and secret not in caplog.text
    client.force_login(staff["district"])
    page = client.get(reverse("disclosure_requests")).content.decode()
    assert mine.tracking_number in page and theirs.tracking_number in page
    page = client.get(reverse("disclosure_requests"), {"organisation": tree.street.pk}).content.decode()
    assert mine.tracking_number not in page and theirs.tracking_number in page
    page = client.get(reverse("disclosure_requests"), {"overdue": "1"}).content.decode()  # 19 Oct passed
    assert mine.tracking_number in page and theirs.tracking_number not in page
    page = client.get(reverse("disclosure_requests"), {"state": "replied"}).content.decode()
    assert mine.tracking_number not in page


def test_other_organisations_get_a_403(client, tree, staff):
    case = make_case(tree.dept)
    client.force_login(staff["street"])
    assert client.get(reverse("disclosure_request", args=[case.pk])).status_code == 403
    url = reverse("disclosure_request_perform", args=[case.pk, "consult_third_party"])
    assert client.post(url, {"third_party": "x"}).status_code == 403
    assert client.get(reverse("disclosure_request_letter", args=[case.pk, "pdf"])).status_code == 403


def test_transitions_through_the_admin_are_audited(client, tree, staff):
    from docx import Document

    case = make_case(tree.dept)
    client.force_login(staff["editor"])
    page = client.get(reverse("disclosure_request", args=[case.pk])).content.decode()
    assert "征求第三方意见" in page and "作出答复" not in page  # replying needs a reviewer
    client.post(
        reverse("disclosure_request_perform", args=[case.pk, "consult_third_party"]),
        {"third_party": "某公司"},
    )
    case.refresh_from_db()
    assert case.state == "third_party"
    client.post(reverse("disclosure_request_perform", args=[case.pk, "third_party_answered"]))
    client.force_login(staff["reviewer"])
    client.post(
        reverse("disclosure_request_perform", args=[case.pk, "extend"]), {"days": "abc", "reason": "复杂"}
    )
    case.refresh_from_db()
    assert case.extension_days == 0
    client.post(
        reverse("disclosure_request_perform", args=[case.pk, "extend"]), {"days": "10", "reason": "需要调档"}
    )
    client.post(
        reverse("disclosure_request_perform", args=[case.pk, "reply"]),
        {"outcome": "declined_petition", "reply_text": "属于信访事项，请通过信访渠道反映。"},
    )
    client.post(reverse("disclosure_request_perform", args=[case.pk, "nonsense"]))
    case.refresh_from_db()
    assert case.state == "replied" and case.extension_days == 10
    actions = list(ModelLogEntry.objects.filter(object_id=str(case.pk)).values_list("action", flat=True))
    for verb in ("consult_third_party", "third_party_answered", "extend", "reply"):
        assert f"disclosure.request.{verb}" in actions
    page = client.get(reverse("disclosure_request", args=[case.pk])).content.decode()
    assert "不予处理（信访举报投诉类申请）" in page and "延长答复期限" in page
    docx = client.get(reverse("disclosure_request_letter", args=[case.pk, "docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "不予处理" in text and "六十日内" in text
    assert client.get(reverse("disclosure_request_letter", args=[case.pk, "pdf"])).content.startswith(b"%PDF")


def test_reveal_needs_a_purpose_and_is_audit_logged(client, tree, staff, caplog):
    case = make_case(tree.dept)
    client.force_login(staff["editor"])
    url = reverse("disclosure_request", args=[case.pk])
    page = client.post(url, {"reveal": "id_number", "purpose": ""}).content.decode()
    assert "11010519491231002X" not in page
    with caplog.at_level(logging.DEBUG):
        page = client.post(url, {"reveal": "id_number", "purpose": "核对申请人身份"}).content.decode()
    assert "11010519491231002X" in page and "11010519491231002X" not in caplog.text
    entry = ModelLogEntry.objects.get(object_id=str(case.pk), action="core.personal_data.view")
    assert entry.user == staff["editor"] and entry.data["purpose"] == "核对申请人身份"
    assert entry.data["field"] == "id_number"


def test_state_diagram_and_log_labels():
    diagram = RequestMachine.diagram()
    assert "告知补正" in diagram and "征求第三方意见" in diagram
    from wagtail.log_actions import registry

    registry.scan_for_actions()
    assert registry.get_action_label("disclosure.request.reply") == "作出答复"
    assert registry.get_action_label("disclosure.request.escalation") == "依申请公开超期督办"
