from django.db import models
from wagtail.fields import RichTextField

from portal.core.models import BasePage
from portal.core.personal_data import EncryptedCharField, blind_index
from portal.core.states import StateMachine, Transition
from portal.core.submissions import PublicSubmission


class Letter(PublicSubmission):
    TRACKING_PREFIX = "XJ"

    name = EncryptedCharField("姓名", max_length=50)
    phone = EncryptedCharField("联系电话", max_length=20)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True)
    body = models.TextField("内容")
    state = models.CharField(max_length=20, default="received")
    organisation = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.SET_NULL)
    answer = models.TextField(blank=True)

    class Meta:
        app_label = "caseapp"
        verbose_name = "来信"

    def __str__(self) -> str:
        return self.tracking_number

    def save(self, *args, **kwargs):
        self.phone_index = blind_index(self.phone or "")
        super().save(*args, **kwargs)


def _is_staff_of_org(letter, user):
    profile = getattr(user, "staff_profile", None)
    if profile is None or letter.organisation_id != profile.organisation_id:
        return "只有承办机构的工作人员可以办理。"
    return None


def _needs_answer(letter, user, **params):
    return None if (params.get("answer") or "").strip() else "请填写答复内容。"


def _set_answer(letter, user, **params):
    letter.answer = params["answer"].strip()


def _tell_staff(letter, user, **params):
    return (
        letter.organisation.staff_users(["reviewer", "lead"]),
        f"来信 {letter.tracking_number} 已交办",
        "",
    )


class LetterMachine(StateMachine):
    name = "caseapp.letter"
    label = "来信办理"
    states = {"received": "已受理", "assigned": "已交办", "answered": "已答复", "closed": "已办结"}
    initial = "received"
    final = ("closed",)
    transitions = [
        Transition("assign", "交办", ["received"], "assigned", notification=_tell_staff),
        Transition(
            "answer",
            "答复",
            ["assigned"],
            "answered",
            permission=_is_staff_of_org,
            guard=_needs_answer,
            effect=_set_answer,
        ),
        Transition("close", "办结", ["answered"], "closed", requires_reason=True),
    ]


class TickCount(models.Model):
    """How often the test app's periodic job really ran."""

    ran_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "caseapp"

    def __str__(self) -> str:
        return str(self.ran_at)


class NoticePage(BasePage):
    """A page type of the test app: created by its own intake kind, checked by its own rule."""

    notice_no = models.CharField("通告编号", max_length=40, blank=True)
    body = RichTextField("正文", blank=True)

    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        app_label = "caseapp"
        verbose_name = "通告"
