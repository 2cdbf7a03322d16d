"""A real HTTP 403, naming nothing, when staff reach pages outside their organisation.

Wagtail's admin answers a refused page action with a redirect to the dashboard, and some of its
read-only screens (history, revisions, previews, usage, workflow history) check nothing beyond
admin access. Every admin URL that carries a page id is checked here first:

- the actions Wagtail guards (edit, delete, unpublish, move, add) ask Wagtail's own check;
- the explorer asks whether the user may explore that page at all;
- the admin API shows a draft only to those who may edit it;
- everything else (history, revisions, compare, previews, usage, workflow screens, locks,
  privacy, copy, the content check, form submissions) needs the right to edit the page, or to
  act on the review step the page is waiting in.

A refusal is a 403 that does not name the page, so its title never leaks to another organisation.
"""

from __future__ import annotations

from django.http import HttpResponseForbidden
from django.template.loader import render_to_string
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "pk")
ACTION_CHECKS = {
    "wagtailadmin_pages:edit": "can_edit",
    "wagtailadmin_pages:delete": "can_delete",
    "wagtailadmin_pages:unpublish": "can_unpublish",
    "wagtailadmin_pages:move": "can_move",
    "wagtailadmin_pages:add_subpage": "can_add_subpage",
    "wagtailadmin_pages:add": "can_add_subpage",
    "wagtailadmin_pages:preview_on_add": "can_add_subpage",
}
EXPLORE = {"wagtailadmin_explore", "wagtailadmin_explore_results", "wagtailadmin_choose_page_child"}
API_DETAIL = {"wagtailadmin_api:pages:detail", "wagtailadmin_api:pages:action"}
GUARDED_PREFIXES = ("wagtailadmin_pages:", "wagtailforms:", "editorial_")


def _page_id(view_kwargs) -> int | None:
    for key in PAGE_KWARGS:
        value = view_kwargs.get(key)
        if value is not None:
            try:
                number = int(value)
            except (TypeError, ValueError):
                return None
            return number if 0 < number < 2**63 else None
    return None


def may_review(page: Page, user) -> bool:
    """The user is whom the page's current review step is routed to."""
    state = page.current_workflow_task_state
    if state is None:
        return False
    task = state.task.specific
    return bool(getattr(task, "user_can_access_editor", lambda *a: False)(page.specific_deferred, user))


def may_see(page: Page, user, view_name: str) -> bool:
    perms = page.permissions_for_user(user)
    if view_name in ACTION_CHECKS:
        return getattr(perms, ACTION_CHECKS[view_name])()
    if view_name in EXPLORE:
        return PagePermissionPolicy().explorable_instances(user).filter(pk=page.pk).exists()
    if view_name in API_DETAIL:
        return page.live or perms.can_edit() or may_review(page, user)
    return perms.can_edit() or may_review(page, user)


def forbidden(request) -> HttpResponseForbidden:
    return HttpResponseForbidden(render_to_string("core/forbidden.html", {}, request=request))


class PagePermissionForbiddenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        view_name = match.view_name if match else ""
        user = request.user
        if not user.is_authenticated or user.is_superuser:
            return None
        guarded = view_name.startswith(GUARDED_PREFIXES) or view_name in EXPLORE or view_name in API_DETAIL
        if not guarded or not user.has_perm("wagtailadmin.access_admin"):
            return None
        page_id = _page_id(view_kwargs)
        if page_id is None:
            return None
        page = Page.objects.filter(pk=page_id).first()
        if page is None or may_see(page, user, view_name):
            return None
        return forbidden(request)
