"""The public application form (政府信息公开申请表) and the tracking form."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

from portal.core.models import Organisation
from portal.core.submissions import SubmissionForm

from .requests import APPLICANT_TYPES, DELIVERY_FORMS, OBTAIN_METHODS, DisclosureRequest

PHONE = re.compile(r"^[0-9+\-\s]{7,20}$")
KINDS = [("natural", _("自然人")), ("organisation", _("法人或其他组织"))]
ORG_TYPES = [("", _("请选择"))] + [(k, v) for k, v in APPLICANT_TYPES if k != "natural"]


def receiving_organisations():
    """Organs that take requests: the district government, its departments and its streets."""
    return Organisation.objects.exclude(kind=Organisation.Kind.COMMUNITY).order_by("sort_order", "name")


class RequestForm(SubmissionForm):
    organisation = forms.ModelChoiceField(
        label=_("受理机关"), queryset=Organisation.objects.none(), empty_label=_("请选择")
    )
    kind = forms.ChoiceField(
        label=_("申请人类型"), choices=KINDS, widget=forms.RadioSelect, initial="natural"
    )
    org_type = forms.ChoiceField(label=_("组织类型"), choices=ORG_TYPES, required=False)
    name = forms.CharField(label=_("姓名或名称"), max_length=100)
    id_number = forms.CharField(
        label=_("身份证号码或统一社会信用代码"),
        max_length=30,
        help_text=_("自然人填写居民身份证号码；法人或其他组织填写统一社会信用代码。"),
    )
    contact_person = forms.CharField(label=_("联系人"), max_length=50, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=20)
    email = forms.EmailField(label=_("电子邮箱"), max_length=120, required=False)
    address = forms.CharField(label=_("通信地址"), max_length=200)
    postcode = forms.CharField(label=_("邮政编码"), max_length=6, required=False)
    description = forms.CharField(
        label=_("所需信息的名称、文号或便于查询的其他特征性描述"),
        max_length=3000,
        min_length=5,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    purpose = forms.CharField(
        label=_("所需信息的用途"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    delivery_form = forms.ChoiceField(label=_("信息载体"), choices=DELIVERY_FORMS, initial="paper")
    obtain_method = forms.ChoiceField(label=_("获取方式"), choices=OBTAIN_METHODS, initial="post")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = receiving_organisations()
        messages = {
            "organisation": {
                "required": _("请选择受理机关。"),
                "invalid_choice": _("请从列表中选择受理机关。"),
            },
            "kind": {"required": _("请选择申请人类型。")},
            "name": {"required": _("请填写申请人姓名或名称。")},
            "id_number": {"required": _("请填写身份证号码或统一社会信用代码。")},
            "phone": {"required": _("请填写联系电话。")},
            "address": {"required": _("请填写通信地址。")},
            "email": {"invalid": _("请填写正确的电子邮箱地址。")},
            "description": {
                "required": _("请描述所需的政府信息。"),
                "min_length": _("所需信息的描述至少 5 个字，请写明名称、文号或其他特征。"),
            },
        }
        for name, errors in messages.items():
            self.fields[name].error_messages.update(errors)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE.match(phone):
            raise forms.ValidationError(_("请填写正确的电话号码（7 到 20 位数字）。"))
        return phone

    def clean_postcode(self):
        code = self.cleaned_data.get("postcode", "").strip()
        if code and not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("邮政编码应为 6 位数字。"))
        return code

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        number = re.sub(r"\s+", "", cleaned.get("id_number") or "").upper()
        if kind == "organisation":
            if not cleaned.get("org_type"):
                self.add_error("org_type", _("请选择组织类型。"))
            if not (cleaned.get("contact_person") or "").strip():
                self.add_error("contact_person", _("法人或其他组织请填写联系人。"))
            if number:
                try:
                    cleaned["id_number"] = uscc.validate(number)
                except StdnumError:
                    self.add_error("id_number", _("统一社会信用代码不正确，请核对 18 位代码。"))
        elif kind == "natural" and number:
            try:
                cleaned["id_number"] = ric.validate(number)
            except StdnumError:
                self.add_error("id_number", _("居民身份证号码不正确，请核对 18 位号码。"))
        return cleaned

    def build(self) -> DisclosureRequest:
        data = self.cleaned_data
        return DisclosureRequest(
            organisation=data["organisation"],
            applicant_type="natural" if data["kind"] == "natural" else data["org_type"],
            name=data["name"].strip(),
            id_number=data["id_number"],
            contact_person=(data.get("contact_person") or "").strip(),
            phone=data["phone"],
            email=data.get("email", ""),
            address=data["address"].strip(),
            postcode=data.get("postcode", ""),
            description=data["description"].strip(),
            purpose=(data.get("purpose") or "").strip(),
            delivery_form=data["delivery_form"],
            obtain_method=data["obtain_method"],
        )


class TrackingForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("受理编号"), max_length=32, error_messages={"required": _("请填写受理编号。")}
    )
    query_code = forms.CharField(
        label=_("查询码"), max_length=16, error_messages={"required": _("请填写查询码。")}
    )
