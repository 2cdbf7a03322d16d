import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from portal.disclosure.index_numbers import allocate_index_number
from portal.disclosure.models import PolicyDocumentPage
from tests import factories


def test_index_number_from_organisation_code_and_yearly_sequence(home):
    org = factories.organisation(code="11999900MB1234567X")
    first = factories.policy_document(owner_organisation=org)
    second = factories.policy_document(owner_organisation=org)
    year = first.date.year
    assert first.index_number == f"11999900MB1234567X/{year}-00001"
    assert second.index_number == f"11999900MB1234567X/{year}-00002"


def test_index_numbers_are_never_reused_after_deletion(home):
    org = factories.organisation()
    doc = factories.policy_document(owner_organisation=org)
    number = doc.index_number
    doc.delete()
    again = factories.policy_document(owner_organisation=org)
    assert again.index_number != number


@pytest.mark.django_db(transaction=True)
def test_index_numbers_unique_under_concurrent_allocation():
    results, errors = [], []

    def worker():
        try:
            for _ in range(10):
                results.append(allocate_index_number("11999900CONCUR001X", 2026))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 60
    assert len(set(results)) == 60
    assert max(results).endswith("-00060")


@pytest.mark.django_db(transaction=True)
def test_concurrent_document_creation_gets_distinct_numbers():
    from tests import factories as f

    f.home_page()
    org = f.organisation()
    policies = f.column(column_type="policy")
    created, errors = [], []

    def worker(n):
        try:
            parent = type(policies).objects.get(pk=policies.pk)
            page = parent.add_child(
                instance=PolicyDocumentPage(
                    title=f"并发文件{n}", slug=f"concurrent-{n}", body="<p>正文</p>", owner_organisation=org
                )
            )
            created.append(page.pk)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    numbers = list(PolicyDocumentPage.objects.values_list("index_number", flat=True))
    # Tree inserts may collide on the path under SQLite's single writer; every page that was
    # created must carry its own number.
    assert created and len(numbers) == len(set(numbers)) == len(created)
    assert all(numbers)


def test_repealed_document_shows_prominent_notice_with_replacement(client, home):
    new = factories.policy_document(title="示范区就业补贴办法（2026年修订）")
    old = factories.policy_document(title="示范区就业补贴办法", validity="revised", replaced_by=new)
    html = client.get(old.url).content.decode()
    assert 'class="validity-notice' in html
    assert "本文件已被修订" in html
    assert "已修订" in html and new.url in html
    assert 'class="validity-notice' not in client.get(new.url).content.decode()
    assert old.title in client.get(new.url).content.decode()  # "本文件替代"


def test_validity_rules(home):
    doc = factories.policy_document()
    doc.validity = PolicyDocumentPage.Validity.REVISED
    with pytest.raises(ValidationError):
        doc.full_clean()


def test_policy_documents_without_an_owner_are_refused_with_a_message(client, home, django_user_model):
    from django.urls import reverse

    column = factories.column(parent=home, column_type="policy")  # no owner anywhere
    with pytest.raises(ValidationError) as refused:
        factories.policy_document(parent=column, owner_organisation=None)
    assert "责任机构" in str(refused.value)

    admin = django_user_model.objects.create_superuser("root", "root@example.gov.cn", "x")
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "policydocumentpage", column.pk])
    for n in (1, 2):  # the second one used to collide on an empty 索引号 and fail with a 500
        response = client.post(
            url,
            {
                "title": f"无责任机构的文件{n}",
                "slug": f"no-owner-{n}",
                "topic": "综合政务",
                "genre": "通知",
                "validity": "in_force",
                "body": '{"blocks":[{"key":"a","text":"正文","type":"unstyled","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
                "attachments-TOTAL_FORMS": "0",
                "attachments-INITIAL_FORMS": "0",
                "attachments-MIN_NUM_FORMS": "0",
                "attachments-MAX_NUM_FORMS": "1000",
                "action-submit": "submit",
            },
        )
        assert response.status_code == 200
        assert "请选择责任机构" in response.content.decode()
    assert not PolicyDocumentPage.objects.exists()

    owner = factories.organisation(code="11999900MB7654321X")
    drafts = [factories.policy_document(parent=column, owner_organisation=owner) for _ in range(2)]
    assert len({d.index_number for d in drafts}) == 2


def test_an_unnumbered_document_stores_null_not_an_empty_string(home):
    doc = factories.policy_document()
    assert doc.index_number
    PolicyDocumentPage.objects.filter(pk=doc.pk).update(index_number=None)
    other = factories.policy_document()
    PolicyDocumentPage.objects.filter(pk=other.pk).update(index_number=None)  # two NULLs are fine
    assert PolicyDocumentPage.objects.filter(index_number=None).count() == 2
