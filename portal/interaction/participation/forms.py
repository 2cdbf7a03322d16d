"""Public forms: a survey's questionnaire (built from its questions), a comment on a draft, a
question for an interview. All carry the shared anti-abuse fields of core.submissions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.submissions import SubmissionForm

from . import services
from .models import (
    ConsultationArticle,
    ConsultationComment,
    InterviewQuestion,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)

TEXT_MAX = 2000


def _field_name(question: SurveyQuestion) -> str:
    return f"q_{question.key}"


class SurveyForm(SubmissionForm):
    """One field per question. A conditional question is always in the page (without JavaScript
    the reader sees its condition written beside it); the server drops its answer and its
    required flag unless the condition holds in what was submitted."""

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = list(survey.questions.all())
        self.by_key = {q.key: q for q in self.questions}
        for number, q in enumerate(self.questions, start=1):
            self.fields[_field_name(q)] = self._field(q, number)

    def _field(self, q: SurveyQuestion, number: int) -> forms.Field:
        label = f"{number}. {q.text}"
        required_msg = _("请回答此题。")
        if q.kind == SurveyQuestion.Kind.SINGLE:
            field = forms.ChoiceField(
                choices=[(o, o) for o in q.option_list()], widget=forms.RadioSelect, label=label
            )
            required_msg = _("请选择一项。")
        elif q.kind == SurveyQuestion.Kind.MULTIPLE:
            field = forms.MultipleChoiceField(
                choices=[(o, o) for o in q.option_list()], widget=forms.CheckboxSelectMultiple, label=label
            )
            required_msg = _("请至少选择一项。")
        elif q.kind == SurveyQuestion.Kind.SCALE:
            field = forms.ChoiceField(
                choices=[(str(v), str(v)) for v in q.scale_values()], widget=forms.RadioSelect, label=label
            )
            required_msg = _("请选择一个分值。")
        else:
            field = forms.CharField(
                max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}), label=label, strip=True
            )
            field.error_messages["max_length"] = _("请控制在 %(limit)s 字以内。") % {"limit": TEXT_MAX}
        field.required = False  # decided in clean(): a hidden conditional question is never required
        field.error_messages["required"] = required_msg
        field.error_messages["invalid_choice"] = _("请从给出的选项中选择。")
        field.help_text = q.help_text
        field.question = q
        return field

    def _submitted(self) -> dict[str, list[str]]:
        answers = {}
        for q in self.questions:
            name = self.add_prefix(_field_name(q))
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name)]
            answers[q.key] = [v for v in values if v]
        return answers

    def shown(self, q: SurveyQuestion) -> bool:
        answers = self._submitted() if self.is_bound else {}
        return services.is_shown(q, answers, self.by_key)

    def clean(self):
        cleaned = super().clean()
        answers = {}
        for q in self.questions:
            value = cleaned.get(_field_name(q))
            answers[q.key] = value if isinstance(value, list) else ([value] if value else [])
        self.active = []
        for q in self.questions:
            name = _field_name(q)
            if not services.is_shown(q, answers, self.by_key):
                cleaned[name] = [] if q.kind == SurveyQuestion.Kind.MULTIPLE else ""
                self.errors.pop(name, None)
                continue
            self.active.append(q)
            if q.required and not answers[q.key] and name not in self.errors:
                self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned

    def answers(self, response: SurveyResponse) -> list[SurveyAnswer]:
        rows = []
        for q in self.active:
            value = self.cleaned_data.get(_field_name(q))
            if not value:
                continue
            if q.kind == SurveyQuestion.Kind.TEXT:
                rows.append(SurveyAnswer(response=response, question=q, text=value))
            else:
                for v in value if isinstance(value, list) else [value]:
                    rows.append(SurveyAnswer(response=response, question=q, value=v))
        return rows

    def question_fields(self):
        """(bound field, question, condition text) in order, for the template."""
        for q in self.questions:
            condition = ""
            if q.show_if_key and q.show_if_key in self.by_key:
                number = self.questions.index(self.by_key[q.show_if_key]) + 1
                condition = _("第 %(number)s 题选择“%(value)s”时请回答本题") % {
                    "number": number,
                    "value": q.show_if_value,
                }
            yield self[_field_name(q)], q, condition


class _ModeratedForm(SubmissionForm):
    nickname = forms.CharField(label=_("昵称（选填，公开显示）"), max_length=30, required=False)

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < 5:
            raise forms.ValidationError(_("内容至少 5 个字。"))
        return body


class CommentForm(_ModeratedForm):
    article = forms.ModelChoiceField(
        label=_("针对条文"),
        queryset=ConsultationArticle.objects.none(),
        required=False,
        empty_label=_("对草案的总体意见"),
        error_messages={"invalid_choice": _("请从列表中选择条文。")},
    )
    body = forms.CharField(
        label=_("意见和建议"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("请填写意见和建议。"),
            "max_length": _("请控制在 3000 字以内。"),
        },
    )
    field_order = ["article", "body", "nickname"]

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["article"].queryset = consultation.articles.all()
        self.fields["article"].label_from_instance = lambda a: f"{a.number} {a.text[:24]}…"

    def build(self) -> ConsultationComment:
        data = self.cleaned_data
        return ConsultationComment(
            consultation=self.consultation,
            article=data.get("article"),
            body=data["body"],
            nickname=data.get("nickname", ""),
        )


class QuestionForm(_ModeratedForm):
    body = forms.CharField(
        label=_("您的问题"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("请填写您的问题。"), "max_length": _("请控制在 1000 字以内。")},
    )
    field_order = ["body", "nickname"]

    def __init__(self, *args, interview, **kwargs):
        super().__init__(*args, **kwargs)
        self.interview = interview

    def build(self) -> InterviewQuestion:
        return InterviewQuestion(
            interview=self.interview, body=self.cleaned_data["body"], nickname=self.cleaned_data["nickname"]
        )
