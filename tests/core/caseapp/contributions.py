"""The test app's contributions: an intake kind, a content check and a home-page section."""

import re

from portal.editorial import intake_kinds
from portal.editorial.checks import Finding, Severity, register_check
from portal.pages.home_sections import HomeSection
from portal.pages.home_sections import register as register_section

from .models import NoticePage

NUMBER = re.compile(r"^示通〔\d{4}〕\d+号$")


class NoticeIntakeSerializer(intake_kinds.StrictModelSerializer):
    class Meta:
        model = NoticePage
        fields = ["notice_no"]


def apply_notice(page, data, attachments):
    page.body = data["body"]
    page.notice_no = data["fields"].get("notice_no", "")


intake_kinds.register(
    intake_kinds.IntakeKind("notice", "通告", NoticePage, NoticeIntakeSerializer, apply_notice)
)


def check_notice_number(page, fields, context):
    if page.notice_no and not NUMBER.match(page.notice_no):
        return [
            Finding(
                "notice_number", Severity.WARN, f"通告编号“{page.notice_no}”格式不规范", field="notice_no"
            )
        ]
    return []


register_check(check_notice_number, {"notice_number": (Severity.WARN, "通告编号")}, applies_to=[NoticePage])


def notices_section(home, request):
    notices = list(NoticePage.objects.live().descendant_of(home).order_by("-date")[:5])
    return {"notices": notices} if notices else None


register_section(HomeSection("caseapp.notices", "caseapp/home_section.html", notices_section, order=25))
