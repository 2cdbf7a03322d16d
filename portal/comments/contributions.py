"""What comments contribute: the comment list and form on every page of an enabled column
(articles, interpretations, packages …), through core's page sections."""

from django.urls import reverse

from portal.core.page_sections import PageSection, register

from . import services
from .forms import CommentForm


def comment_section(page, request) -> dict | None:
    if not services.comments_enabled(page):
        return None
    return {
        "comments": list(services.published_for(page)),
        "form": CommentForm(auto_id="comment-%s"),
        "action": reverse("comments:comment", args=[page.pk]),
    }


register(PageSection("comments.list", "comments/includes/section.html", comment_section, order=90))
