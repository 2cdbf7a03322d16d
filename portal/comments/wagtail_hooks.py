"""Admin wiring of comments: the columns that allow them (a snippet) and the moderation queue."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.core.models import StaffProfile

from . import admin_views
from .models import CommentColumn


class CommentColumnViewSet(SnippetViewSet):
    model = CommentColumn
    icon = "comment"
    menu_label = _("开放评论的栏目")
    menu_order = 248
    add_to_admin_menu = True
    list_display = ["column", "enabled"]


register_snippet(CommentColumnViewSet)


@hooks.register("register_admin_urls")
def comments_admin_urls():
    return [
        path("pinglun/", admin_views.queue, name="comments_admin_queue"),
        path("pinglun/<int:pk>/chuli/", admin_views.act, name="comments_admin_act"),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_superuser or StaffProfile.objects.filter(user=user).exists()


@hooks.register("register_admin_menu_item")
def queue_menu_item():
    return StaffMenuItem(_("评论审核"), reverse("comments_admin_queue"), icon_name="comment", order=247)


@hooks.register("register_log_actions")
def comments_log_actions(actions):
    actions.register_action("comments.approve", _("评论公开"), _("评论公开"))
    actions.register_action("comments.reject", _("评论不予公开"), _("评论不予公开"))
    actions.register_action("comments.reply", _("评论回复"), _("评论回复"))
