"""What the service hall contributes to other apps' registries: the completeness content check
(editorial), the 重点办事服务指引 home-page panel, the ``service`` column type and 我的评价 on the
personal homepage."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.core.user_space import home_modules, submissions_module
from portal.editorial.checks import Finding, Severity, register_check
from portal.pages.column_types import is_registered, register_column_type
from portal.pages.home_sections import HomeSection
from portal.pages.home_sections import register as register_section

from . import services
from .models import ServiceItemPage, ServiceRating

SERVICE_COLUMN = "service"
if not is_registered(SERVICE_COLUMN):
    register_column_type(SERVICE_COLUMN, _lazy("办事服务"), order=50)


def check_key_fields(page, fields, context) -> list[Finding]:
    """A guide lacking a key field of the national inspection waits for a reviewer, who may
    publish it only with a written reason (the editorial override, logged)."""
    missing = services.missing_key_fields(page)
    if not missing:
        return []
    names = "、".join(services.labels(missing))
    return [
        Finding(
            rule="service_key_field",
            severity=Severity.WARN,
            message=_("办事指南缺少关键要素：%(names)s。缺少 4 项及以上的事项达到 5 个即构成单项否决。")
            % {"names": names},
            field=missing[0],
            extra={"missing": missing},
        )
    ]


register_check(
    check_key_fields,
    {"service_key_field": (Severity.WARN, _lazy("办事指南关键要素"))},
    applies_to=[ServiceItemPage],
    order=60,
)


def key_guides_section(home, request) -> dict | None:
    items = list(services.featured_items())
    return {"items": items} if items else None


register_section(
    HomeSection("services.key_guides", "services/home/key_guides_section.html", key_guides_section, order=25)
)


def _rating_line(rating) -> str:
    return f"{rating.item.title}：{rating.get_level_display()}"


home_modules.register(
    "services.ratings",
    submissions_module("services.ratings", _lazy("我的评价"), ServiceRating, order=40, describe=_rating_line),
)
