"""The editorial admin screens open for an administrator."""

from django.urls import reverse


def test_admin_screens_open(client, django_user_model, home):
    admin = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin)
    for url in [
        reverse("editorial_pending"),
        reverse("core_audit"),
        reverse("core_load_holidays"),
        "/admin/snippets/editorial/lexicon/",
        "/admin/snippets/editorial/checkrulesetting/",
        "/admin/snippets/editorial/intakesubmission/",
        "/admin/snippets/editorial/intakeclient/",
        "/admin/snippets/editorial/intakeclient/add/",
        reverse("core_notifications"),
        "/admin/snippets/core/workdayoverride/",
        "/admin/snippets/core/calendaryear/",
        "/admin/workflows/tasks/add/editorial/organisationreviewtask/",
        "/admin/workflows/tasks/select_type/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/add/editorial/contentchecktask/",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/settings/editorial/reviewrouting/", follow=True).status_code == 200


def test_stored_oa_payloads_are_read_only(client, django_user_model, home):
    from portal.editorial.models import IntakeSubmission

    submission = IntakeSubmission.objects.create(external_id="OA-1", payload={"title": "原始数据"})
    admin = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin)
    inspect = client.get(f"/admin/snippets/editorial/intakesubmission/inspect/{submission.pk}/")
    assert inspect.status_code == 200 and "原始数据" in inspect.content.decode()
    assert client.get(f"/admin/snippets/editorial/intakesubmission/edit/{submission.pk}/").status_code in (
        302,
        403,
    )
    client.post(f"/admin/snippets/editorial/intakesubmission/delete/{submission.pk}/")
    assert IntakeSubmission.objects.filter(pk=submission.pk).exists()
