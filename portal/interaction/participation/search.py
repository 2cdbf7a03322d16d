"""What surveys, consultations and interviews contribute to search (registered from the app's
search_registry): a survey once its results are public, a consultation (its articles and, after
closing, the 采纳情况), an interview once it is over (its transcript). Comments and survey text
answers are never indexed."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.text import mask_personal_data
from portal.search.registry import IndexEntry, SearchProvider, register

from .models import Consultation, Interview, Survey


def _org(obj):
    org = obj.organisation
    return {"organisation_id": org.pk if org else None, "organisation_name": org.name if org else ""}


@register
class SurveyResultsProvider(SearchProvider):
    type_key = "survey_results"
    label = _("调查结果")
    order = 61
    model = Survey

    def get_queryset(self):
        return Survey.objects.filter(live=True, publish_results=True, closes_at__lte=timezone.now())

    def load(self, object_id):
        return self.get_queryset().filter(pk=object_id).first()

    def entry(self, survey: Survey) -> IndexEntry | None:
        if not survey.results_public():
            return None
        questions = " ".join(q.text for q in survey.questions.all())
        return IndexEntry(
            object_id=str(survey.pk),
            title=survey.title,
            url=reverse("interaction:survey", args=[survey.slug]),
            body=mask_personal_data(f"{survey.intro} {questions} 采纳情况：{survey.feedback}"),
            date=survey.closes_at,
            **_org(survey),
        )


@register
class ConsultationProvider(SearchProvider):
    type_key = "consultation"
    label = _("意见征集")
    order = 62
    model = Consultation

    def get_queryset(self):
        return Consultation.objects.filter(live=True)

    def load(self, object_id):
        return self.get_queryset().filter(pk=object_id).first()

    def entry(self, obj: Consultation) -> IndexEntry | None:
        if not obj.live:
            return None
        report = obj.report_public()
        parts = [obj.summary]
        for article in obj.articles.all():
            parts.append(f"{article.number} {article.text}")
            if report and article.adoption_reason:
                parts.append(article.adoption_reason)
        if report:
            parts.append(obj.feedback)
        return IndexEntry(
            object_id=str(obj.pk),
            title=obj.title,
            url=reverse("interaction:consultation", args=[obj.slug]),
            body=mask_personal_data(" ".join(parts)),
            date=obj.opens_at,
            **_org(obj),
        )


@register
class InterviewArchiveProvider(SearchProvider):
    type_key = "interview"
    label = _("在线访谈")
    order = 63
    model = Interview

    def get_queryset(self):
        return Interview.objects.filter(live=True, ends_at__lte=timezone.now())

    def load(self, object_id):
        return self.get_queryset().filter(pk=object_id).first()

    def entry(self, obj: Interview) -> IndexEntry | None:
        if not obj.live or obj.phase() != "archived":
            return None
        guests = " ".join(f"{g.display_name} {g.display_title}" for g in obj.guests.all())
        transcript = " ".join(f"{e.speaker}：{e.text}" for e in obj.transcript.all())
        return IndexEntry(
            object_id=str(obj.pk),
            title=obj.title,
            url=reverse("interaction:interview", args=[obj.slug]),
            body=mask_personal_data(f"{obj.summary} {guests} {transcript}"),
            date=obj.starts_at,
            **_org(obj),
        )
