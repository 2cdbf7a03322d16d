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
