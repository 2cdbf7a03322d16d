"""Public and staff forms of the interaction hub."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.files import SNIFF_BYTES, check_upload
from portal.core.models import Leader, Organisation
from portal.core.submissions import SubmissionForm

from . import attachments
from .models import Channel, Letter

PHONE = re.compile(r"^[0-9+\-\s]{7,20}$")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files in one ``<input type="file" multiple>`` (works without JavaScript); cleaned
    to a list of uploads, checked together by the form."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [d for d in (data if isinstance(data, (list, tuple)) else [data]) if d]
        return [super(AttachmentsField, self).clean(upload, initial) for upload in uploads]


class LetterForm(SubmissionForm):
    """写信: the same form for every channel; a channel chooses a leader or a department."""

    leader = forms.ModelChoiceField(
        label=_("收信领导"), queryset=Leader.objects.none(), empty_label=_("请选择"), required=False
    )
    addressed_to = forms.ModelChoiceField(
        label=_("咨询部门"), queryset=Organisation.objects.none(), empty_label=_("请选择"), required=False
    )
    title = forms.CharField(label=_("标题"), max_length=100)
    body = forms.CharField(
        label=_("内容"), max_length=5000, min_length=10, widget=forms.Textarea(attrs={"rows": 10})
    )
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("联系电话"), max_length=20)
    email = forms.EmailField(label=_("电子邮箱"), required=False, max_length=120)
    attachments = AttachmentsField(label=_("附件"), required=False)
    publish_consent = forms.BooleanField(
        label=_("同意公开来信及答复（不公开姓名和联系方式）"), required=False
    )

    def __init__(self, *args, channel: Channel, **kwargs):
        super().__init__(*args, **kwargs)
        self.channel = channel
        if channel.addressee == Channel.Addressee.LEADER:
            self.fields["leader"].queryset = Leader.objects.select_related("organisation").order_by(
                "organisation__sort_order", "sort_order"
            )
            self.fields["leader"].required = True
        else:
            del self.fields["leader"]
        if channel.addressee == Channel.Addressee.ORGANISATION:
            self.fields["addressed_to"].queryset = Organisation.objects.exclude(
                kind=Organisation.Kind.DISTRICT
            ).order_by("sort_order", "name")
            self.fields["addressed_to"].required = True
        else:
            del self.fields["addressed_to"]
        if channel.max_attachments:
            per_file, total = attachments.size_limits()
            field = self.fields["attachments"]
            field.help_text = _(
                "选填，最多 %(count)d 个，每个不超过 %(per)d MB，合计不超过 %(total)d MB；"
                "允许 %(types)s 格式。图片会重新处理，去除拍摄地点等附加信息。附件不公开。"
            ) % {
                "count": channel.max_attachments,
                "per": per_file // attachments.MB,
                "total": total // attachments.MB,
                "types": attachments.types_text(),
            }
            field.widget.attrs["accept"] = ",".join(f".{t}" for t in attachments.allowed_types())
            field.widget.attrs["aria-describedby"] = "id_attachments-help"
            field.error_messages.update(
                empty=_("所选附件是空文件，请重新选择。"), invalid=_("附件提交不完整，请重新选择。")
            )
        else:
            del self.fields["attachments"]
        self.fields["title"].error_messages["required"] = _("请填写标题。")
        self.fields["body"].error_messages.update(
            required=_("请填写来信内容。"), min_length=_("来信内容至少 10 个字，请写清楚反映的事项。")
        )
        self.fields["name"].error_messages["required"] = _("请填写姓名。")
        self.fields["phone"].error_messages["required"] = _("请填写联系电话，以便承办单位联系您。")
        self.fields["email"].error_messages["invalid"] = _("请填写正确的电子邮箱地址。")
        for name in ("leader", "addressed_to"):
            if name in self.fields:
                self.fields[name].error_messages.update(
                    required=_("请选择%(what)s。") % {"what": self.fields[name].label},
                    invalid_choice=_("请从列表中选择。"),
                )

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE.match(phone):
            raise forms.ValidationError(_("请填写正确的电话号码（7 到 20 位数字）。"))
        return phone

    def clean_attachments(self):
        uploads = self.cleaned_data.get("attachments") or []
        return attachments.check_all(uploads, self.channel.max_attachments) if uploads else []

    def build(self) -> Letter:
        data = self.cleaned_data
        leader = data.get("leader")
        return Letter(
            channel=self.channel,
            leader=leader,
            addressed_to=data.get("addressed_to") or (leader.organisation if leader else None),
            title=data["title"],
            body=data["body"],
            name=data["name"],
            phone=data["phone"],
            email=data.get("email", ""),
            publish_consent=data.get("publish_consent", False),
        )


class TrackingForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("受理编号"), max_length=32, error_messages={"required": _("请填写受理编号。")}
    )
    query_code = forms.CharField(
        label=_("查询码"), max_length=16, error_messages={"required": _("请填写查询码。")}
    )


class RatingForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("满意度"),
        choices=Letter.Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择满意度。")},
    )
    comment = forms.CharField(
        label=_("意见"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("satisfaction") == Letter.Satisfaction.DISSATISFIED
            and len((cleaned.get("comment") or "").strip()) < 2
        ):
            self.add_error("comment", _("不满意时请说明原因，以便重新办理。"))
        return cleaned


class ImportForm(forms.Form):
    source = forms.CharField(label=_("外部平台"), max_length=40, initial="12345")
    channel = forms.ModelChoiceField(label=_("默认渠道"), queryset=Channel.objects.all())
    file = forms.FileField(label=_("导出文件（CSV 或 XLSX）"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("只能导入 CSV 或 XLSX 文件。"))
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("文件不能超过 20 MB。"))
        check_upload(upload.name, upload.read(SNIFF_BYTES))  # the content, not the name, decides
        upload.seek(0)
        return upload
