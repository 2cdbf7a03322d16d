"""Admin forms: the benefit's rule in the text syntax (parsed and checked on save), the import,
one person's explanation and the what-if."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.core.files import check_upload

from . import rules
from .models import Benefit, Dataset

RULE_HELP = _(
    "例：age_on(huji.birth_date, first_of_month) >= 80 and huji.local = true and "
    'canlian.grade in ("1", "2")。可用 and/且、or/或、not/非、括号；比较符 >= > <= < = !=；'
    "missing(属性) 表示缺失；日期写作 2026-01-01，run_date 为匹配基准日，first_of_month 为当月1日；"
    "age_on(出生日期, 日期) 为周岁，days_between(日期, 日期) 为天数。"
    "口径：满N周岁自第N个生日当日起算；2月29日出生者在平年以2月28日为生日（民法典第二百零二条）；"
    "属性缺失时比较和“属于”均视为不符合。"
)


def parse_rule(text: str, schema: dict) -> dict:
    try:
        node = rules.parse(text)
        rules.check(node, schema)
    except rules.RuleError as exc:
        raise ValidationError(str(exc)) from None
    return node


class BenefitForm(WagtailAdminModelForm):
    rule_text = forms.CharField(
        label=_("享受条件"), widget=forms.Textarea(attrs={"rows": 4}), help_text=RULE_HELP
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.rule:
            self.initial.setdefault("rule_text", self.instance.rule_text())

    def clean_rule_text(self):
        from .services import full_schema

        return parse_rule(self.cleaned_data["rule_text"], full_schema())

    def save(self, commit=True):
        self.instance.rule = self.cleaned_data["rule_text"]
        return super().save(commit)

    def _post_clean(self):
        if "rule_text" in self.cleaned_data:
            self.instance.rule = self.cleaned_data["rule_text"]
        super()._post_clean()

    class Meta:
        model = Benefit
        fields = [
            "name",
            "code",
            "description",
            "population",
            "claims",
            "service_code",
            "policy_page",
            "enabled",
        ]


class ImportForm(forms.Form):
    dataset = forms.ModelChoiceField(label=_("数据集"), queryset=Dataset.objects.all())
    file = forms.FileField(label=_("文件（CSV 或 XLSX）"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload.name, upload.read(2048))
        upload.seek(0)
        return upload


class RevealForm(forms.Form):
    purpose = forms.CharField(label=_("查看用途"), min_length=2, max_length=200)


class ExplainForm(forms.Form):
    benefit = forms.ModelChoiceField(label=_("待遇"), queryset=Benefit.objects.exclude(rule={}))
    id_number = forms.CharField(label=_("证件号码"), max_length=40)
    run_date = forms.DateField(label=_("基准日"), initial=timezone.localdate)


class WhatIfForm(forms.Form):
    benefit = forms.ModelChoiceField(label=_("待遇"), queryset=Benefit.objects.exclude(rule={}))
    rule_text = forms.CharField(
        label=_("调整后的条件"), widget=forms.Textarea(attrs={"rows": 4}), help_text=RULE_HELP
    )
    run_date = forms.DateField(label=_("基准日"), initial=timezone.localdate)

    def clean_rule_text(self):
        from .services import full_schema

        return parse_rule(self.cleaned_data["rule_text"], full_schema())


class RunForm(forms.Form):
    benefit = forms.ModelChoiceField(
        label=_("待遇"),
        queryset=Benefit.objects.filter(enabled=True),
        required=False,
        empty_label=_("全部待遇"),
    )
    run_date = forms.DateField(label=_("基准日"), initial=timezone.localdate)
