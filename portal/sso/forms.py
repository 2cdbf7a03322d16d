"""The 接入应用 form of the Wagtail admin, over django-oauth-toolkit's ``Application``."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import get_application_model
from oauth2_provider.settings import oauth2_settings
from wagtail.admin.forms import WagtailAdminModelForm

Application = get_application_model()

CLIENT_TYPES = [
    (Application.CLIENT_CONFIDENTIAL, _("机密客户端：有自己的服务器，凭客户端密钥换取令牌")),
    (Application.CLIENT_PUBLIC, _("公开客户端：浏览器或手机应用，没有密钥，必须使用 PKCE")),
]


def _uri_list(value: str, label: str, required: bool) -> str:
    """Exact URIs, one per line, each absolute with an allowed scheme and no fragment or wildcard."""
    uris = value.split()
    if required and not uris:
        raise forms.ValidationError(_("请至少填写一个%(label)s。") % {"label": label})
    schemes = oauth2_settings.ALLOWED_REDIRECT_URI_SCHEMES
    for uri in uris:
        parts = urlsplit(uri)
        if parts.scheme not in schemes or not parts.netloc:
            raise forms.ValidationError(
                _("“%(uri)s”不是完整的网址，须以 %(schemes)s 开头。")
                % {"uri": uri, "schemes": " / ".join(f"{scheme}://" for scheme in schemes)}
            )
        if parts.fragment or "#" in uri:
            raise forms.ValidationError(_("“%(uri)s”不能包含 # 片段。") % {"uri": uri})
        if "*" in uri:
            raise forms.ValidationError(
                _("“%(uri)s”不能包含通配符：地址须逐一登记、完全一致。") % {"uri": uri}
            )
    return "\n".join(dict.fromkeys(uris))


class ClientForm(WagtailAdminModelForm):
    client_type = forms.ChoiceField(label=_("客户端类型"), choices=CLIENT_TYPES, widget=forms.RadioSelect)
    redirect_uris = forms.CharField(
        label=_("回调地址白名单"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个。登录后只会跳回与其中之一完全一致的地址（含端口、路径和末尾斜杠）。"),
    )
    post_logout_redirect_uris = forms.CharField(
        label=_("退出后回调地址"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("每行一个。退出登录后只会跳回其中完全一致的地址。"),
    )
    allowed_origins = forms.CharField(
        label=_("允许跨域访问的来源"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("仅公开客户端在浏览器中直接换取令牌时需要，每行一个，如 https://app.example.gov.cn"),
    )
    regenerate_secret = forms.BooleanField(
        label=_("重新生成客户端密钥"),
        required=False,
        help_text=_("原密钥立即失效；新密钥只在保存后显示一次。"),
    )

    class Meta:
        model = Application
        fields = [
            "name",
            "client_type",
            "redirect_uris",
            "post_logout_redirect_uris",
            "allowed_origins",
            "skip_authorization",
        ]
        labels = {"name": _("应用名称"), "skip_authorization": _("受信任的应用（跳过授权确认）")}
        help_texts = {
            "skip_authorization": _("仅限本区政府自有网站：用户登录后不再询问是否同意向该网站提供信息。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.new_secret = None
        if not self.instance.pk:
            del self.fields["regenerate_secret"]

    def clean_redirect_uris(self):
        return _uri_list(self.cleaned_data["redirect_uris"], _("回调地址"), required=True)

    def clean_post_logout_redirect_uris(self):
        return _uri_list(self.cleaned_data["post_logout_redirect_uris"], _("退出后回调地址"), required=False)

    def clean_allowed_origins(self):
        origins = _uri_list(self.cleaned_data["allowed_origins"], _("来源"), required=False)
        for origin in origins.split():
            if urlsplit(origin).path not in ("", "/"):
                raise forms.ValidationError(
                    _("来源只写协议、域名和端口，不带路径：%(uri)s") % {"uri": origin}
                )
        return origins

    def _post_clean(self):
        # Only the authorization code flow, ID tokens signed with the portal's RSA key.
        self.instance.authorization_grant_type = Application.GRANT_AUTHORIZATION_CODE
        self.instance.algorithm = Application.RS256_ALGORITHM
        self.instance.hash_client_secret = True
        super()._post_clean()

    def _update_errors(self, errors):
        # The model's own checks repeat, in English, what a field's Chinese error already says.
        if hasattr(errors, "error_dict"):
            for field in [f for f in errors.error_dict if f in self._errors]:
                del errors.error_dict[field]
            if not errors.error_dict:
                return
        super()._update_errors(errors)

    def save(self, commit=True):
        confidential = self.instance.client_type == Application.CLIENT_CONFIDENTIAL
        if confidential and (not self.instance.pk or self.cleaned_data.get("regenerate_secret")):
            self.new_secret = generate_client_secret()
            self.instance.client_secret = self.new_secret
        return super().save(commit)
