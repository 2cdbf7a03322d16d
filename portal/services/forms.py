from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.submissions import SubmissionForm

from .models import ServiceRating


class RatingForm(SubmissionForm, forms.Form):
    level = forms.TypedChoiceField(
        label=_("您对本事项办事指南的评价"),
        choices=ServiceRating.Level.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择评价等级。"), "invalid_choice": _("请选择有效的评价等级。")},
    )
    comment = forms.CharField(
        label=_("意见建议（选填）"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("意见建议不超过 500 字。")},
    )
    name = forms.CharField(label=_("姓名（选填，实名评价便于回访）"), required=False, max_length=50)
    phone = forms.RegexField(
        label=_("联系电话（选填）"),
        required=False,
        regex=r"^[0-9+\- ]{7,20}$",
        error_messages={"invalid": _("请填写正确的联系电话。")},
    )

    def clean(self):
        cleaned = super().clean()
        level = cleaned.get("level")
        if (
            level is not None
            and level <= ServiceRating.Level.DISSATISFIED
            and not cleaned.get("comment", "").strip()
        ):
            self.add_error("comment", _("差评请简要说明问题，便于责任单位整改。"))
        return cleaned
