"""What disclosure contributes to other apps' registries: home-page panels (policy documents,
the district's leaders) and the OA intake kind ``policy``."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.core.models import Leader, Organisation
from portal.core.user_space import home_modules, submissions_module
from portal.editorial import intake_kinds
from portal.pages.column_types import register_column_type
from portal.pages.home import columns_of_type, latest_in
from portal.pages.home_sections import HomeSection
from portal.pages.home_sections import register as register_section

from .models import PolicyAttachment, PolicyDocumentPage
from .requests import DisclosureRequest

POLICY_COLUMN = "policy"
DISCLOSURE_COLUMN = "disclosure"
register_column_type(
    POLICY_COLUMN, _("政策文件"), order=30, list_template="disclosure/includes/policy_table.html"
)
register_column_type(DISCLOSURE_COLUMN, _("信息公开"), order=40)


def policies_section(home, request) -> dict | None:
    columns = columns_of_type(home, POLICY_COLUMN)
    # policy documents themselves: the list shows a document's validity
    return {"items": latest_in(columns, model=PolicyDocumentPage), "column": columns[0]} if columns else None


def leaders_section(home, request) -> dict | None:
    if (get_language() or "").startswith("en"):
        return None
    district = Organisation.objects.filter(kind=Organisation.Kind.DISTRICT).values("pk")[:1]
    leaders = list(Leader.objects.filter(organisation__in=district))
    return {"leaders": leaders} if leaders else None


register_section(
    HomeSection("disclosure.policies", "disclosure/home/policies_section.html", policies_section, order=20)
)
register_section(
    HomeSection("disclosure.leaders", "disclosure/home/leaders_section.html", leaders_section, order=30)
)


class PolicyIntakeSerializer(intake_kinds.StrictModelSerializer):
    """The metadata of a policy document an office system sends with it."""

    class Meta:
        model = PolicyDocumentPage
        fields = [
            "document_number",
            "issuing_organ",
            "written_date",
            "topic",
            "genre",
            "is_normative",
            "validity",
            "validity_changed_on",
            "validity_note",
        ]
        extra_kwargs = {
            "written_date": {"error_messages": {"invalid": _("成文日期格式应为 YYYY-MM-DD。")}},
            "validity_changed_on": {"error_messages": {"invalid": _("有效性变更日期格式应为 YYYY-MM-DD。")}},
            "topic": {
                "error_messages": {
                    "invalid_choice": _("主题分类“{input}”不在《政府信息公开目录》主题分类中。")
                }
            },
            "genre": {"error_messages": {"invalid_choice": _("体裁“{input}”不是规定的公文体裁。")}},
            "validity": {
                "error_messages": {
                    "invalid_choice": _(
                        "有效性只能是：in_force（有效）、expired（失效）、repealed（废止）、revised（已修订）。"
                    )
                }
            },
        }


FIELDS = PolicyIntakeSerializer.Meta.fields


def apply_policy(page: PolicyDocumentPage, data: dict, attachments: list) -> None:
    page.body = data["body"]
    for name, value in data["fields"].items():
        if name == "issuing_organ" and not value:
            continue  # keep the organ derived from the owner
        setattr(page, name, value)
    if attachments:
        page.attachments = [PolicyAttachment(document=doc, title=title) for title, doc in attachments]


intake_kinds.register(
    intake_kinds.IntakeKind(
        key="policy",
        label=_("政策文件"),
        model=PolicyDocumentPage,
        serializer=PolicyIntakeSerializer,
        apply=apply_policy,
        accepts_attachments=True,
    )
)


def concerns_section(home, request) -> dict | None:
    """群众关切: the top topics (weight plus search demand), linked to the catalogue page."""
    from .concerns import ConcernCataloguePage, ranked_topics

    if (get_language() or "").startswith("en"):
        return None
    page = ConcernCataloguePage.objects.live().descendant_of(home).first()
    topics = ranked_topics(limit=6) if page else []
    return {"page": page, "topics": topics} if topics else None


register_section(
    HomeSection("disclosure.concerns", "disclosure/home/concerns_section.html", concerns_section, order=25)
)


# 我的依申请公开 on the personal homepage (用户中心).
home_modules.register(
    "disclosure.requests",
    submissions_module("disclosure.requests", _("我的依申请公开"), DisclosureRequest, order=20),
)
