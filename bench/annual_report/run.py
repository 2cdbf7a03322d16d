"""Time the district's annual report (政府信息公开工作年度报告) over 100,000 policy documents and
10,000 on-request applications, against a naive per-row ORM baseline in the same run.

Builds a throwaway SQLite database (``/tmp/portal-annual-bench.sqlite3``, recreated each run):
a district with 12 departments and 8 streets, documents spread over 2015–2026 and applications
over 2024–2026, inserted in bulk. Prints the figures and ends with one JSON line.

    .venv/bin/python bench/annual_report/run.py [--documents 100000] [--requests 10000]
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
DB = Path("/tmp/portal-annual-bench.sqlite3")
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

for suffix in ("", "-wal", "-shm"):
    Path(f"{DB}{suffix}").unlink(missing_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

YEAR = 2025


def build(n_documents: int, n_requests: int) -> dict:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    from portal.core.models import Organisation
    from portal.disclosure.models import BasePage, PolicyDocumentPage
    from portal.disclosure.requests import APPLICANT_TYPES, OUTCOMES, DisclosureRequest
    from portal.pages.models import ColumnPage, HomePage

    rng = random.Random(2025)
    district = Organisation.objects.create(
        name="示范区人民政府", slug="district", kind="district", code="11999900DISTRICT0X"
    )
    orgs = [district]
    for i in range(12):
        orgs.append(
            Organisation.objects.create(
                name=f"区第{i + 1}局",
                slug=f"dept-{i}",
                kind="department",
                parent=district,
                code=f"1199990D{i:09d}X",
            )
        )
    for i in range(8):
        orgs.append(
            Organisation.objects.create(
                name=f"第{i + 1}街道",
                slug=f"street-{i}",
                kind="street",
                parent=district,
                code=f"1199990S{i:09d}X",
            )
        )
    locale, _ = Locale.objects.get_or_create(language_code="zh-hans")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=locale)
    home = root.add_child(instance=HomePage(title="首页", slug="bench-home", locale=locale))
    column = home.add_child(instance=ColumnPage(title="政策文件", slug="zcwj", column_type="policy"))
    column = Page.objects.get(pk=column.pk)

    content_type = ContentType.objects.get_for_model(PolicyDocumentPage)
    start_id = (Page.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    validities = ["in_force"] * 7 + ["repealed", "expired", "revised"]
    docs = []
    for n in range(n_documents):
        pk = start_id + n
        written = date(2015, 1, 1) + timedelta(days=rng.randrange(12 * 365))
        validity = rng.choice(validities)
        changed = written + timedelta(days=rng.randrange(30, 900)) if validity != "in_force" else None
        slug = f"doc-{n}"
        doc = PolicyDocumentPage(
            id=pk,
            title=f"关于第{n}号事项的通知",
            draft_title=f"关于第{n}号事项的通知",
            slug=slug,
            path=Page._get_path(column.path, column.depth + 1, n + 1),
            depth=column.depth + 1,
            numchild=0,
            url_path=f"{column.url_path}{slug}/",
            content_type=content_type,
            locale=locale,
            live=True,
            owner_organisation=rng.choice(orgs),
            date=datetime(
                written.year, written.month, written.day, 9, tzinfo=timezone.get_current_timezone()
            ),
            written_date=written,
            is_normative=rng.random() < 0.3,
            validity=validity,
            validity_changed_on=changed,
            document_number=f"示政发〔{written.year}〕{n}号",
            body="<p>正文</p>",
        )
        doc.page_ptr_id = doc.basepage_ptr_id = pk
        docs.append(doc)
    with transaction.atomic():
        for model in (Page, BasePage, PolicyDocumentPage):
            fields = model._meta.local_concrete_fields
            for i in range(0, len(docs), 500):
                model._base_manager._insert(docs[i : i + 500], fields=fields, raw=True)
        Page.objects.filter(pk=column.pk).update(numchild=n_documents)

    kinds = [k for k, _l in APPLICANT_TYPES]
    outcomes = [k for k, _l in OUTCOMES]
    cases = []
    for n in range(n_requests):
        received = date(2024, 1, 1) + timedelta(days=rng.randrange(3 * 365))
        replied = received + timedelta(days=rng.randrange(5, 40)) if rng.random() < 0.93 else None
        cases.append(
            DisclosureRequest(
                tracking_number=f"YSBENCH{n:08d}",
                query_code_hash="!",
                organisation=rng.choice(orgs),
                applicant_type=rng.choice(kinds),
                description="某信息",
                submitted_at=datetime(
                    received.year, received.month, received.day, 10, tzinfo=timezone.get_current_timezone()
                ),
                received_on=received,
                replied_on=replied,
                outcome=rng.choice(outcomes) if replied else "",
                state="replied" if replied else "received",
            )
        )
    DisclosureRequest.objects.bulk_create(cases, batch_size=1000)
    return {"district": district}


def naive(district, year: int) -> dict:
    """What a first version would do: load every row of every organisation and count in Python."""
    from portal.disclosure.annual import COLUMNS, scope
    from portal.disclosure.models import PolicyDocumentPage
    from portal.disclosure.requests import OUTCOME_CATEGORY, DisclosureRequest

    start, end = date(year, 1, 1), date(year, 12, 31)
    counts = {"issued": 0, "repealed": 0, "in_force": 0}
    rows: dict = {}
    for org in scope(district):
        for doc in PolicyDocumentPage.objects.live().filter(owner_organisation=org):
            if not doc.is_normative:
                continue
            written = doc.written_date or timezone.localtime(doc.date).date()
            if written.year == year:
                counts["issued"] += 1
            changed = doc.validity_changed_on
            if doc.validity != "in_force" and changed and start <= changed <= end:
                counts["repealed"] += 1
            if written <= end and (doc.validity == "in_force" or (changed and changed > end)):
                counts["in_force"] += 1
        for case in DisclosureRequest.objects.filter(organisation=org):
            column = case.applicant_type
            assert case.organisation.pk == org.pk  # the related row, one query each
            if start <= case.received_on <= end:
                rows.setdefault("new", dict.fromkeys(COLUMNS, 0))[column] += 1
            if case.received_on < start and (case.replied_on is None or case.replied_on >= start):
                rows.setdefault("carried_in", dict.fromkeys(COLUMNS, 0))[column] += 1
            if case.received_on <= end and (case.replied_on is None or case.replied_on > end):
                rows.setdefault("carried_out", dict.fromkeys(COLUMNS, 0))[column] += 1
            if case.replied_on and start <= case.replied_on <= end and case.outcome in OUTCOME_CATEGORY:
                rows.setdefault(case.outcome, dict.fromkeys(COLUMNS, 0))[column] += 1
    return {"normative": counts, "requests": rows}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=10_000)
    args = parser.parse_args()
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - t0
    t0 = time.perf_counter()
    built = build(args.documents, args.requests)
    loaded = time.perf_counter() - t0
    print(
        f"migrate {migrated:.1f} s, load {args.documents} documents + {args.requests} applications {loaded:.1f} s"
    )

    from portal.disclosure import annual

    district = built["district"]
    connection.queries_log.clear()
    t0 = time.perf_counter()
    report = annual.generate(district, YEAR)
    seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    baseline = naive(district, YEAR)
    baseline_seconds = time.perf_counter() - t0

    tables = report.tables
    assert tables["proactive"]["normative"] == baseline["normative"], (
        tables["proactive"],
        baseline["normative"],
    )
    for row, values in baseline["requests"].items():
        assert all(tables["requests"][row][c] == n for c, n in values.items()), row
    rows = tables["requests"]
    assert rows["new"]["all"] + rows["carried_in"]["all"] == rows["total"]["all"] + rows["carried_out"]["all"]
    print(f"district report {YEAR}: {seconds:.2f} s (aggregate queries)")
    print(f"naive per-row baseline: {baseline_seconds:.2f} s")
    print(
        f"normative documents: {tables['proactive']['normative']}; applications new {rows['new']['all']}, "
        f"carried in {rows['carried_in']['all']}, answered {rows['total']['all']}, carried out {rows['carried_out']['all']}"
    )
    print(json.dumps({"seconds": round(seconds, 3), "baseline_seconds": round(baseline_seconds, 3)}))


if __name__ == "__main__":
    main()
