"""Wagtail's user screens with 三员分立 applied (installed through ``PortalUsersAppConfig``).

- only a superuser sees the 超级管理员 box, so nobody else can create or promote a superuser;
- the groups chosen must pass :func:`roles.role_problem` (one administrator role, alone);
- nobody but a superuser changes their own groups;
- accounts of superusers and administrators are edited and deleted by a superuser only.
"""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users

from . import roles


class RoleCheckMixin:
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        if for_user is not None and not for_user.is_superuser:
            self.fields.pop("is_superuser", None)
            if self.instance.pk and self.instance.pk == for_user.pk:
                self.fields.pop("groups", None)

    def clean(self):
        cleaned = super().clean()
        if "groups" in self.fields:
            is_superuser = cleaned.get("is_superuser", self.instance.is_superuser)
            problem = roles.role_problem(cleaned.get("groups") or [], bool(is_superuser))
            if problem:
                self.add_error("groups", forms.ValidationError(problem, code="admin_roles"))
        return cleaned


class PortalUserCreationForm(RoleCheckMixin, UserCreationForm):
    pass


class PortalUserEditForm(RoleCheckMixin, UserEditForm):
    pass


class CreateView(wagtail_users.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


def _forbidden(request):
    # A plain 403: Wagtail's admin would turn PermissionDenied into a redirect to the dashboard.
    return render(request, "accounts/forbidden.html", status=403)


class EditView(wagtail_users.EditView):
    def dispatch(self, request, *args, **kwargs):
        if not self.editing_self and roles.protected_account(request.user, self.object):
            return _forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class DeleteView(wagtail_users.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        if roles.protected_account(request.user, self.get_object()):
            return _forbidden(request)
        return super().dispatch(request, *args, **kwargs)


class UserViewSet(wagtail_users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView

    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else PortalUserCreationForm
