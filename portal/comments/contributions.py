"""What comments contribute: the comment list and form on every page of an enabled column
(articles, interpretations, packages …), through core's page sections; and “N 条评论” beside
those pages in the lists that show them, through core's list annotations."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.list_annotations import ListAnnotation
from portal.core.list_annotations import register as register_annotation
from portal.core.page_sections import PageSection, register
from portal.core.user_space import home_modules, submissions_module

from . import services
from .forms import CommentForm
from .models import Comment


def comment_section(page, request) -> dict | None:
    if not services.comments_enabled(page):
        return None
    return {
        "comments": list(services.published_for(page)),
        "form": CommentForm(auto_id="comment-%s"),
        "action": reverse("comments:comment", args=[page.pk]),
    }


register(PageSection("comments.list", "comments/includes/section.html", comment_section, order=90))
register_annotation(ListAnnotation("comments.count", services.count_notes, order=90))


# 我的评论 on the personal homepage (用户中心).
home_modules.register("comments.mine", submissions_module("comments.mine", _("我的评论"), Comment, order=30))
