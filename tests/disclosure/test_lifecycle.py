"""Normative documents: automatic expiry on 有效期至 with the notice, the owner's reminder 30
working days before, the periodic job, the 清理 view and the library across organisations."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from portal.core import periodic
from portal.core.models import Notification, StaffProfile
from portal.core.workdays import WorkdayCalendar
from portal.disclosure import lifecycle
from portal.disclosure.models import PolicyDocumentPage
from tests import factories


def test_a_document_expires_the_day_after_its_last_day_with_the_notice_everywhere(client, tree):
    today = timezone.localdate()
    past = factories.policy_document(
        tree.policies,
        title="关于养老服务补贴的暂行办法",
        owner_organisation=tree.dept,
        is_normative=True,
        expires_on=today - timedelta(days=1),
    )
    last_day = factories.policy_document(
        tree.policies,
        title="关于就业补贴的办法",
        owner_organisation=tree.dept,
        is_normative=True,
        expires_on=today,
    )
    assert lifecycle.expire_due(today) == [past.pk]
    past = PolicyDocumentPage.objects.get(pk=past.pk)
    assert past.validity == "expired" and past.validity_changed_on == today
    assert "已自动失效" in past.validity_note
    assert PolicyDocumentPage.objects.get(pk=last_day.pk).validity == "in_force"
    assert past.get_latest_revision().as_object().validity == "expired"  # a later publish keeps it
    page = client.get(past.url).content.decode()
    assert "本文件已失效" in page
    column = client.get(tree.policies.url).content.decode()
    assert "失效" in column
    directory = client.get(f"{tree.platform.url}edu/wenjian/").content.decode()
    assert "本文件已失效" in directory
    assert lifecycle.expire_due(today) == []  # once


def test_the_owner_is_reminded_thirty_working_days_before_once(tree):
    editor = factories.staff_user(tree.dept, StaffProfile.Role.EDITOR)
    today = timezone.localdate()
    cal = WorkdayCalendar()
    due = factories.policy_document(
        tree.policies,
        owner_organisation=tree.dept,
        is_normative=True,
        expires_on=cal.add_working_days(today, 30),
    )
    factories.policy_document(
        tree.policies,
        owner_organisation=tree.dept,
        is_normative=True,
        expires_on=cal.add_working_days(today, 45),
    )
    assert lifecycle.reminder_day(due.expires_on) <= today
    assert lifecycle.remind_due(today) == [due.pk]
    note = Notification.objects.get(kind=lifecycle.REMINDER_KIND)
    assert note.user == editor and due.title in note.message
    assert lifecycle.remind_due(today) == []
    assert Notification.objects.filter(kind=lifecycle.REMINDER_KIND).count() == 1


def test_the_lifecycle_is_a_periodic_job():
    assert "portal.disclosure.tasks.normative_lifecycle" in {job.name for job in periodic.jobs()}


def test_the_review_view_lists_documents_due_for_review(admin_client, tree):
    today = timezone.localdate()
    soon = factories.policy_document(
        tree.policies,
        title="即将到期的办法",
        owner_organisation=tree.dept,
        is_normative=True,
        expires_on=today + timedelta(days=10),
    )
    old = factories.policy_document(
        tree.policies,
        title="成文多年的规定",
        owner_organisation=tree.dept,
        is_normative=True,
        written_date=today.replace(year=today.year - 6),
    )
    factories.policy_document(tree.policies, title="普通通知", owner_organisation=tree.dept)
    html = admin_client.get(reverse("disclosure_review")).content.decode()
    assert soon.title in html and old.title in html and "普通通知" not in html
    assert "规范性文件清理" in html


def test_revised_and_repealed_documents_link_forward_and_back(client, tree):
    new = factories.policy_document(
        tree.policies, title="修订后的办法", owner_organisation=tree.dept, is_normative=True
    )
    old = factories.policy_document(
        tree.policies,
        title="原办法",
        owner_organisation=tree.dept,
        is_normative=True,
        validity="revised",
        replaced_by=new,
    )
    assert "修订后的办法" in client.get(old.url).content.decode()
    assert "原办法" in client.get(new.url).content.decode()


def test_the_library_holds_normative_documents_of_every_organisation(client, tree):
    a = factories.policy_document(
        tree.policies, title="区政府规范性文件", owner_organisation=tree.district, is_normative=True
    )
    b = factories.policy_document(
        tree.policies, title="街道规范性文件", owner_organisation=tree.street, is_normative=True
    )
    factories.policy_document(tree.policies, title="非规范性通知", owner_organisation=tree.dept)
    html = client.get(f"{tree.platform.url}guifanxing/").content.decode()
    assert a.title in html and b.title in html and "非规范性通知" not in html
    only = client.get(f"{tree.platform.url}guifanxing/", {"org": tree.street.slug}).content.decode()
    assert b.title in only and a.title not in only
