"""Forms of the public account pages (用户中心): Chinese labels and field-level messages."""

from __future__ import annotations

from allauth.account.forms import LoginForm, SignupForm
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import CitizenProfile, Enterprise
from .validators import normalise_uscc, validate_uscc

ID_NUMBER_HELP = gettext_lazy("选填。用于办事时核验身份，加密保存，页面上只显示部分号码。")


def _chinese_widgets(form) -> None:
    for name, field in form.fields.items():
        field.widget.attrs.pop("placeholder", None)
        if name.startswith("password"):
            field.widget.attrs["autocomplete"] = "new-password" if name != "password" else "current-password"


class CitizenLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("手机号码或电子邮箱")
        self.fields["login"].widget.attrs.update({"autocomplete": "username"})
        self.fields["login"].error_messages["required"] = _("请输入手机号码或电子邮箱。")
        self.fields["password"].label = _("密码")
        self.fields["password"].help_text = ""
        self.fields["password"].error_messages["required"] = _("请输入密码。")
        _chinese_widgets(self)


class CitizenSignupForm(SignupForm):
    """Register with an e-mail address, a mobile number, or both (one is required)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "email": _("电子邮箱"),
            "phone": _("手机号码"),
            "password1": _("密码"),
            "password2": _("确认密码"),
        }
        for name, label in labels.items():
            if name in self.fields:
                self.fields[name].label = label
                self.fields[name].help_text = ""
        self.fields["password1"].help_text = _("至少 8 位，不能全为数字，不能过于常见。")
        self.fields["password1"].error_messages["required"] = _("请设置密码。")
        self.fields["password2"].error_messages["required"] = _("请再次输入密码。")
        # "email*" in ACCOUNT_SIGNUP_FIELDS (so allauth verifies addresses); a mobile number may stand instead.
        self.fields["email"].required = False
        self.fields["email"].error_messages["invalid"] = _("请输入正确的电子邮箱地址。")
        _chinese_widgets(self)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and not self.errors.get("email"):
            if not self.errors.get("phone"):
                self.add_error("phone", _("请填写手机号码或电子邮箱，至少一项。"))
        return cleaned


class RealNameForm(forms.ModelForm):
    """实名信息 (optional): stored encrypted."""

    class Meta:
        model = CitizenProfile
        fields = ["real_name", "id_number"]
        help_texts = {"id_number": ID_NUMBER_HELP}

    def clean_id_number(self):
        from stdnum.cn import ric
        from stdnum.exceptions import ValidationError as StdnumError

        value = (self.cleaned_data.get("id_number") or "").strip().upper()
        if value:
            try:
                ric.validate(value)
            except StdnumError:
                raise forms.ValidationError(_("身份证号码不正确，请核对 18 位号码。")) from None
        return value


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ["name", "uscc"]
        error_messages = {
            "uscc": {"unique": gettext_lazy("该统一社会信用代码已有企业账号，请联系企业管理员添加您。")}
        }

    def clean_uscc(self):
        value = normalise_uscc(self.cleaned_data.get("uscc"))
        validate_uscc(value)
        return value


class MemberForm(forms.Form):
    login = forms.CharField(label=gettext_lazy("经办人的手机号码或电子邮箱"), max_length=200)


class ClaimForm(forms.Form):
    tracking_number = forms.CharField(label=gettext_lazy("受理编号"), max_length=32)
    query_code = forms.CharField(label=gettext_lazy("查询码"), max_length=32)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("请输入登录密码以确认注销"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("密码不正确。"))
        return password


class TotpForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("验证码"),
        max_length=32,
        help_text=gettext_lazy("身份验证器中显示的 6 位数字，或一个未用过的恢复码。"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )
