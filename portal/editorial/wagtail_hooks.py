"""Admin wiring of the editorial app: menus, views, editor actions, audit actions, settings."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, editor_actions
from .editor_actions import CHECK_ACTION
from .models import CheckRuleSetting, IntakeClient, IntakeSubmission, Lexicon


@hooks.register("register_admin_urls")
def editorial_admin_urls():
    return [
        path("editorial/check/<int:page_id>/", admin_views.content_check, name="editorial_check"),
        path("editorial/pending/", admin_views.pending_dashboard, name="editorial_pending"),
    ]


@hooks.register("register_admin_menu_item")
def pending_menu_item():
    return MenuItem(_("待审事项"), reverse("editorial_pending"), icon_name="tasks", order=150)


class ContentCheckMenuItem(ActionMenuItem):
    """内容检查 in the page editor's action menu: saves what was typed as a draft, then checks it."""

    label = _("保存并内容检查")
    name = CHECK_ACTION
    icon_name = "tick"

    def is_shown(self, context):
        return context["view"] == "edit" and not context.get("locked_for_user")


@hooks.register("register_page_action_menu_item")
def content_check_menu_item():
    return ContentCheckMenuItem(order=5)


@hooks.register("register_page_header_buttons")
def editorial_header_buttons(page, user, view_name, next_url=None):
    # In the editor a link would leave the form and lose what was typed: the action menu's
    # 保存并内容检查 saves it first. Elsewhere the latest saved content is checked.
    if view_name != "edit":
        yield Button(_("内容检查"), reverse("editorial_check", args=[page.pk]), icon_name="tick", priority=80)


@hooks.register("after_edit_page")
def after_editor_submit(request, page):
    if CHECK_ACTION in request.POST:
        return redirect(reverse("editorial_check", args=[page.pk]) + "?saved=1")
    if request.POST.get("action-workflow-action"):
        editor_actions.forget_unchanged_edit(request.user, page)
        editor_actions.say_what_the_action_did(request, page, request.POST.get("workflow-action-name", ""))
    return None


@hooks.register("register_log_actions")
def editorial_log_actions(actions):
    class EditorialFormatter(LogFormatter):
        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("comment", "")

    @actions.register_action("editorial.content_check")
    class ContentCheckFormatter(EditorialFormatter):
        label = _("内容检查")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("内容检查：阻断 %(block)s 项，提示 %(warn)s 项") % {
                "block": data.get("block", 0),
                "warn": data.get("warn", 0),
            }

    @actions.register_action("editorial.check_override")
    class OverrideFormatter(EditorialFormatter):
        label = _("确认提示项并放行")
        message = _("审核人确认提示项并放行")

    @actions.register_action("editorial.reminder")
    class ReminderFormatter(EditorialFormatter):
        label = _("超期提醒")

        def format_message(self, log_entry):
            recipients = "、".join((log_entry.data or {}).get("recipients", []))
            return _("已发送超期提醒：%(who)s") % {"who": recipients or "—"}

    @actions.register_action("editorial.escalation")
    class EscalationFormatter(EditorialFormatter):
        label = _("督办")

        def format_message(self, log_entry):
            recipients = "、".join((log_entry.data or {}).get("recipients", []))
            return _("已上报督办：%(who)s") % {"who": recipients or "—"}


class LexiconViewSet(SnippetViewSet):
    model = Lexicon
    icon = "doc-full"
    menu_label = _("检查词库")
    list_display = ["name", "category", "severity", "active", "updated_at"]
    list_filter = ["category", "severity", "active"]


class CheckRuleSettingViewSet(SnippetViewSet):
    model = CheckRuleSetting
    icon = "cog"
    menu_label = _("检查规则设置")
    list_display = ["rule", "enabled", "severity", "threshold"]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Stored OA payloads are evidence: viewable, never edited, added or deleted in the admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete", "lock", "unlock", "publish"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class IntakeSubmissionViewSet(SnippetViewSet):
    model = IntakeSubmission
    icon = "download"
    inspect_view_enabled = True

    @property
    def permission_policy(self):
        return ReadOnlyPolicy(self.model)

    menu_label = _("OA 推送记录")
    list_display = ["external_id", "status", "received_at", "processed_at"]
    list_filter = ["status"]
    search_fields = ["external_id"]


class IntakeClientViewSet(SnippetViewSet):
    model = IntakeClient
    icon = "key"
    menu_label = _("推送接口调用方")
    list_display = ["name", "organisation", "active", "created_at"]
    list_filter = ["active"]
    panels = [
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("columns", widget=forms.CheckboxSelectMultiple),
        FieldPanel("active"),
    ]


class EditorialGroup(SnippetViewSetGroup):
    menu_label = _("发布审核设置")
    menu_icon = "tasks"
    menu_order = 220
    items = (
        LexiconViewSet,
        CheckRuleSettingViewSet,
        IntakeClientViewSet,
        IntakeSubmissionViewSet,
    )


register_snippet(EditorialGroup)
