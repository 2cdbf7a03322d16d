"""The builder's validation in the Wagtail admin: a questionnaire is checked as a whole (codes,
options, scales, conditions pointing at an earlier choice question) before it is saved."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import services

QUESTION_FIELDS = ("key", "kind", "options", "scale_min", "scale_max", "show_if_key", "show_if_value")


class PeriodForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("截止时间须晚于开始时间。"))
        return cleaned


class SurveyAdminForm(PeriodForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("questions")
        if formset is None or not all(
            f.is_valid() for f in formset.forms if f.has_changed() or f.instance.pk
        ):
            return cleaned
        kept = [
            f
            for f in formset.forms
            if (f.has_changed() or f.instance.pk) and not f.cleaned_data.get("DELETE") and f.cleaned_data
        ]
        kept.sort(key=lambda f: (f.cleaned_data.get("ORDER") is None, f.cleaned_data.get("ORDER") or 0))
        problems = services.builder_errors(
            [{k: f.cleaned_data.get(k) for k in QUESTION_FIELDS} for f in kept]
        )
        for index, field, message in problems:
            kept[index].add_error(field, message)
        if problems:
            raise forms.ValidationError(_("问卷设置有误，请按题目下的提示修改。"))
        if cleaned.get("live") and not kept:
            self.add_error("live", _("问卷至少需要一道题目才能发布。"))
        return cleaned


class InterviewAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("结束时间须晚于开始时间。"))
        return cleaned
