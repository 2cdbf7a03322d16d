"""A real HTTP 403 when staff try to act on pages outside their organisation.

Wagtail's admin answers a refused page action with a redirect to the dashboard. For
organisation-scoped editing we want the refusal to be explicit (and visible in access logs),
so the same Wagtail permission checks are asked first and a 403 page is returned.
"""

from __future__ import annotations

from django.http import HttpResponseForbidden
from django.template.loader import render_to_string
from wagtail.models import Page

PAGE_ACTIONS = {
    "wagtailadmin_pages:edit": ("page_id", "can_edit"),
    "wagtailadmin_pages:delete": ("page_id", "can_delete"),
    "wagtailadmin_pages:unpublish": ("page_id", "can_unpublish"),
    "wagtailadmin_pages:move": ("page_to_move_id", "can_move"),
    "wagtailadmin_pages:add_subpage": ("parent_page_id", "can_add_subpage"),
    "wagtailadmin_pages:add": ("parent_page_id", "can_add_subpage"),
}


class PagePermissionForbiddenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        action = PAGE_ACTIONS.get(match.view_name if match else "")
        user = request.user
        if action is None or not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
            return None
        key, check = action
        page = Page.objects.filter(pk=view_kwargs.get(key)).first()
        if page is None or getattr(page.permissions_for_user(user), check)():
            return None
        html = render_to_string("core/forbidden.html", {"page": page}, request=request)
        return HttpResponseForbidden(html)
