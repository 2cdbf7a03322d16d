"""设置 › 接入应用: the relying parties of 一号登录, registered by the system administrator."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from oauth2_provider.models import get_application_model
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import ClientForm
from .permissions import ClientPermissionPolicy


class _ShowSecretOnce:
    """After a save that made a client secret, show it (once, never stored in clear) with the client id."""

    def form_valid(self, form):
        response = super().form_valid(form)
        if not form.new_secret:
            return response
        context = {
            "client": self.object,
            "client_secret": form.new_secret,
            "index_url": self.get_success_url(),
            "header_title": _("客户端密钥"),
            "page_title": _("客户端密钥"),
            "header_icon": "key",
        }
        page = TemplateResponse(self.request, "sso/admin/client_secret.html", context)
        patch_cache_control(page, private=True, no_store=True)
        return page


class ClientCreateView(_ShowSecretOnce, generic.CreateView):
    pass


class ClientEditView(_ShowSecretOnce, generic.EditView):
    pass


class ClientViewSet(ModelViewSet):
    model = get_application_model()
    icon = "key"
    menu_label = _("接入应用")
    add_to_settings_menu = True
    name = "sso_clients"
    copy_view_enabled = False
    add_view_class = ClientCreateView
    edit_view_class = ClientEditView
    list_display = ["name", "client_id", "client_type", "skip_authorization", "created"]
    search_fields = ["name", "client_id"]

    @property
    def permission_policy(self):
        return ClientPermissionPolicy(self.model)

    def get_form_class(self, for_update=False):
        return ClientForm


@hooks.register("register_admin_viewset")
def register_client_viewset():
    return ClientViewSet()
