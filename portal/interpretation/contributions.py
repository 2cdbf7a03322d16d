"""What interpretation contributes to other apps' registries: the ``interpretation`` column type
(the 政策解读 column of the reference tree lists packages with their kinds) and, on a policy
document's page, the list of its interpretations and packages."""

from django.utils.translation import gettext_lazy as _lazy

from portal.core.page_sections import PageSection
from portal.core.page_sections import register as register_page_section
from portal.pages.column_types import is_registered, register_column_type

from . import services

INTERPRETATION_COLUMN = "interpretation"
if not is_registered(INTERPRETATION_COLUMN):
    register_column_type(
        INTERPRETATION_COLUMN,
        _lazy("政策解读"),
        order=35,
        list_template="interpretation/includes/column_list.html",
    )


def policy_interpretations(page, request) -> dict | None:
    if not services.is_policy(page) or not page.pk:
        return None
    interpretations = list(services.interpretations_of(page.pk))
    packages = list(services.packages_of(page.pk))
    if not interpretations and not packages:
        return None
    return {"interpretations": interpretations, "packages": packages}


register_page_section(
    PageSection(
        "interpretation.of_policy",
        "interpretation/includes/policy_section.html",
        policy_interpretations,
        order=20,
    )
)
