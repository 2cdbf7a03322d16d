"""The verbs of surveys, consultations and interviews: conditional display, results, splitting a
draft into articles, one response per device, and purging the public pages that change."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field

from django.core import signing
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.purge import PurgeSet, purge
from portal.core.site_url import absolute

from .models import (
    Consultation,
    ConsultationArticle,
    ConsultationComment,
    Interview,
    InterviewQuestion,
    Moderation,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
)

DEVICE_COOKIE = "portal_device"
_DEVICE_SALT = "portal.interaction.survey-device"
DEVICE_MAX_AGE = 3 * 365 * 24 * 3600


# -- conditional display ---------------------------------------------------------------------------


def is_shown(question: SurveyQuestion, answers: dict[str, list[str]], by_key: dict) -> bool:
    """Whether ``question`` applies given the answers so far (a chain of conditions included)."""
    seen = set()
    while question.show_if_key:
        if question.key in seen:  # a loop the builder refused; never show it
            return False
        seen.add(question.key)
        if question.show_if_value not in answers.get(question.show_if_key, []):
            return False
        question = by_key.get(question.show_if_key)
        if question is None:
            return False
    return True


# -- the builder's rules ---------------------------------------------------------------------------


def builder_errors(questions: list[dict]) -> list[tuple[int, str, str]]:
    """Problems of a questionnaire as (index, field, message); ``questions`` in display order,
    each a dict of SurveyQuestion fields."""
    errors = []
    earlier: dict[str, dict] = {}
    for index, q in enumerate(questions):
        key, kind = q.get("key", ""), q.get("kind", "")
        if key in earlier:
            errors.append((index, "key", _("题目代码“%(key)s”重复，每道题须不同。") % {"key": key}))
        options = [line.strip() for line in (q.get("options") or "").splitlines() if line.strip()]
        if kind in (SurveyQuestion.Kind.SINGLE, SurveyQuestion.Kind.MULTIPLE):
            if len(options) < 2:
                errors.append((index, "options", _("单选、多选题至少需要两个选项，每行一个。")))
            elif len(set(options)) != len(options):
                errors.append((index, "options", _("选项不能重复。")))
        if kind == SurveyQuestion.Kind.SCALE:
            low, high = q.get("scale_min"), q.get("scale_max")
            if low is None or high is None or not (high > low and high - low <= 10):
                errors.append((index, "scale_max", _("量表最大值须大于最小值，且相差不超过 10。")))
        cond_key, cond_value = q.get("show_if_key") or "", q.get("show_if_value") or ""
        if cond_key or cond_value:
            target = earlier.get(cond_key)
            if target is None:
                errors.append((index, "show_if_key", _("显示条件须指向本题前面的一道题（填写其题目代码）。")))
            elif target.get("kind") not in (SurveyQuestion.Kind.SINGLE, SurveyQuestion.Kind.MULTIPLE):
                errors.append((index, "show_if_key", _("显示条件只能依据单选或多选题。")))
            else:
                target_options = [s.strip() for s in (target.get("options") or "").splitlines() if s.strip()]
                if cond_value not in target_options:
                    errors.append(
                        (index, "show_if_value", _("“%(value)s”不是该题的选项。") % {"value": cond_value})
                    )
        earlier.setdefault(key, q)
    return errors


# -- one response per device -----------------------------------------------------------------------


def device_id(request) -> str | None:
    """The signed device id of this browser, or None (no cookie, or a forged one)."""
    try:
        return request.get_signed_cookie(DEVICE_COOKIE, salt=_DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except (KeyError, signing.BadSignature):
        return None


def set_device_cookie(response, value: str) -> None:
    response.set_signed_cookie(
        DEVICE_COOKIE,
        value,
        salt=_DEVICE_SALT,
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=response.get("X-Forwarded-Proto") == "https",
    )


def new_device_id() -> str:
    return secrets.token_urlsafe(18)


def once_key(survey: Survey, request, device: str | None) -> str:
    if survey.uniqueness == Survey.Uniqueness.ACCOUNT and request.user.is_authenticated:
        return f"account:{request.user.pk}"
    if survey.uniqueness == Survey.Uniqueness.DEVICE and device:
        return "device:" + hashlib.sha256(device.encode()).hexdigest()[:40]
    return ""


def already_answered(survey: Survey, key: str) -> bool:
    return bool(key) and survey.responses.filter(once_key=key).exists()


# -- results ---------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: int
    rows: list[tuple[str, int, float]] = field(default_factory=list)  # label, count, share %
    average: float | None = None


def survey_results(survey: Survey) -> tuple[int, list[QuestionResult]]:
    """The number of responses and, per question, the counts of each option or scale value."""
    total = survey.responses.count()
    questions = list(survey.questions.all())
    counts: dict[int, Counter] = {q.pk: Counter() for q in questions}
    answered: dict[int, int] = Counter()
    for row in (
        SurveyAnswer.objects.filter(question__survey=survey)
        .values("question_id", "value")
        .annotate(n=Count("id"))
    ):
        counts[row["question_id"]][row["value"]] += row["n"]
    for row in (
        SurveyAnswer.objects.filter(question__survey=survey)
        .values("question_id")
        .annotate(n=Count("response_id", distinct=True))
    ):
        answered[row["question_id"]] = row["n"]
    results = []
    for q in questions:
        n = answered.get(q.pk, 0)
        result = QuestionResult(q, n)
        if q.is_choice:
            labels = q.option_list()
        elif q.kind == SurveyQuestion.Kind.SCALE:
            labels = [str(v) for v in q.scale_values()]
            weighted = sum(int(v) * c for v, c in counts[q.pk].items() if v.lstrip("-").isdigit())
            result.average = round(weighted / n, 2) if n else None
        else:
            labels = []
        for label in labels:
            c = counts[q.pk].get(label, 0)
            result.rows.append((label, c, round(100 * c / n, 1) if n else 0.0))
        results.append(result)
    return total, results


# -- drafts ----------------------------------------------------------------------------------------

_ARTICLE = re.compile(r"^\s*(第[一二三四五六七八九十百零〇\d]+条)[\s　]*", re.MULTILINE)


def split_articles(text: str) -> list[tuple[str, str]]:
    """A draft's text as (第X条, article text); what precedes the first article is dropped."""
    parts = _ARTICLE.split(text or "")
    return [(parts[i], parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2) if parts[i + 1].strip()]


def articles_from_text(consultation: Consultation) -> int:
    """Create the articles of a consultation from its pasted text, if it has none yet."""
    if consultation.articles.exists() or not consultation.draft_text.strip():
        return 0
    pieces = split_articles(consultation.draft_text)
    ConsultationArticle.objects.bulk_create(
        ConsultationArticle(consultation=consultation, number=number, text=text, sort_order=i)
        for i, (number, text) in enumerate(pieces)
    )
    return len(pieces)


def published_comments(consultation: Consultation):
    return consultation.comments.filter(state=Moderation.PUBLISHED)


def articles_with_comments(consultation: Consultation):
    return consultation.articles.prefetch_related(
        Prefetch(
            "comments",
            queryset=ConsultationComment.objects.filter(state=Moderation.PUBLISHED),
            to_attr="published_comments",
        )
    )


def published_questions(interview: Interview):
    return interview.questions.filter(state=Moderation.PUBLISHED)


def open_surveys():
    now = timezone.now()
    return Survey.objects.filter(live=True, opens_at__lte=now, closes_at__gt=now)


def public_surveys():
    return Survey.objects.filter(live=True).select_related("organisation")


def public_consultations():
    return Consultation.objects.filter(live=True).select_related("organisation")


def public_interviews():
    return Interview.objects.filter(live=True).select_related("organisation")


def pending_count() -> int:
    return (
        ConsultationComment.objects.filter(state=Moderation.PENDING).count()
        + InterviewQuestion.objects.filter(state=Moderation.PENDING).count()
    )


# -- caches ----------------------------------------------------------------------------------------


def public_paths(obj) -> list[str]:
    """The public pages that show ``obj`` (a survey, consultation or interview)."""
    if isinstance(obj, Survey):
        return [reverse("interaction:surveys"), reverse("interaction:survey", args=[obj.slug])]
    if isinstance(obj, Consultation):
        return [reverse("interaction:consultations"), reverse("interaction:consultation", args=[obj.slug])]
    if isinstance(obj, Interview):
        return [
            reverse("interaction:interviews"),
            reverse("interaction:interview", args=[obj.slug]),
            reverse("interaction:transcript", args=[obj.slug]),
        ]
    return []


def purge_public(obj) -> None:
    """Purge the pages of ``obj`` (and the hub's index) after the transaction commits."""
    paths = [reverse("interaction:index"), *public_paths(obj)]
    purge(PurgeSet(urls={absolute(p) for p in paths}))
