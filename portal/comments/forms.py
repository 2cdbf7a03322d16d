from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.submissions import SubmissionForm

MAX_LENGTH = 500


class CommentForm(SubmissionForm, forms.Form):
    body = forms.CharField(
        label=_("评论内容"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_LENGTH}),
        error_messages={"required": _("请填写评论内容。"), "max_length": _("评论不超过 500 字。")},
    )
    phone = forms.RegexField(
        label=_("联系电话（选填，仅用于回复联系，不公开）"),
        required=False,
        regex=r"^[0-9+\- ]{7,20}$",
        error_messages={"invalid": _("请填写正确的联系电话。")},
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < 2:
            raise forms.ValidationError(_("评论内容过短。"))
        return body
