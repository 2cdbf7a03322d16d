"""Admin wiring of the interaction hub: the channels (reply limits), the supervision queue,
one letter's screen and the import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import access, admin_views
from .models import Channel
from .participation import admin as participation_admin  # noqa: F401 — 征集调查, 意见征集, 在线访谈


class ChannelViewSet(SnippetViewSet):
    model = Channel
    icon = "mail"
    menu_label = _("互动渠道")
    menu_order = 231
    add_to_admin_menu = True
    list_display = ["name", "key", "addressee", "reply_days", "enabled"]
    ordering = ["sort_order", "pk"]


register_snippet(ChannelViewSet)


@hooks.register("register_admin_urls")
def interaction_admin_urls():
    return [
        path("hudong/", admin_views.queue, name="interaction_admin_queue"),
        path("hudong/import/", admin_views.import_view, name="interaction_admin_import"),
        path("hudong/<int:pk>/", admin_views.letter_detail, name="interaction_admin_letter"),
        path(
            "hudong/<int:pk>/fujian/<uuid:key>/", admin_views.attachment, name="interaction_admin_attachment"
        ),
        path("hudong/<int:pk>/<slug:verb>/", admin_views.perform, name="interaction_admin_perform"),
    ]


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_queue(request.user)


@hooks.register("register_admin_menu_item")
def queue_menu_item():
    return QueueMenuItem(_("来信督办"), reverse("interaction_admin_queue"), icon_name="mail", order=230)


@hooks.register("register_log_actions")
def interaction_log_actions(actions):
    actions.register_action("interaction.letter.reminder", _("来信到期提醒"), _("来信到期提醒"))
    actions.register_action("interaction.letter.escalation", _("来信超期督办"), _("来信超期督办"))
    actions.register_action("interaction.letter.attachment_download", _("下载来信附件"), _("下载来信附件"))
    actions.register_action("interaction.letter.import", _("导入外部平台来信"), _("导入外部平台来信"))
