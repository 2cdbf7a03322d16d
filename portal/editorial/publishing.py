"""What happens when a review workflow is approved: the approved revision is published.

``WAGTAIL_FINISH_WORKFLOW_ACTION`` points here. Staff have no ``publish_page`` permission
(先审后发), so the final approval publishes on the workflow's authority; the approver is recorded
as the publisher (谁发布谁负责). Wagtail imports this while defining its own models, so the
module imports nothing.
"""

from __future__ import annotations


def publish_approved(workflow_state, user=None) -> None:
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
