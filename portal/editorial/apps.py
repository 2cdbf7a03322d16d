from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "portal.editorial"
    label = "editorial"
    verbose_name = _("发布审核")

    def ready(self) -> None:
        # Signal receivers: deadlines follow workflow tasks and the working-day calendar.
        from portal.core import workdays  # noqa: F401

        from . import deadlines  # noqa: F401

        if not hasattr(settings, "WAGTAIL_FINISH_WORKFLOW_ACTION"):
            # Same effect as WAGTAIL_FINISH_WORKFLOW_ACTION = "portal.editorial.workflows.publish_approved".
            from wagtail.models import WorkflowState

            from .workflows import publish_approved

            WorkflowState.on_finish = publish_approved
