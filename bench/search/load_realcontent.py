"""Push the real-content fixture (bench/search/realcontent.txt) through the intake API and publish it.

Service items become articles in 重点办事服务指引, policies become policy documents in 规范性文件,
each through ``receive_submission`` / ``process_submission`` as an office system's push would,
then the reviewed revision is published. Idempotent (an item already there is skipped). Run after
`seed_demo`, then `rebuild_search_index`:

    .venv/bin/python manage.py shell -c "exec(open('bench/search/load_realcontent.py').read())"
"""

from pathlib import Path

from wagtail.models import Page

from portal.editorial.intake import page_slug, process_submission, receive_submission
from portal.editorial.models import IntakeSubmission

FIXTURE = Path("bench/search/realcontent.txt")
COLUMNS = {"service": "/zwfw/zdbsfw/", "policy": "/zwgk/zcwj/gfxwj/"}
KINDS = {"service": "news", "policy": "policy"}


def fixture_items() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ident, kind, title, summary = line.split("|", 3)
            rows.append((ident, kind, title, summary))
    return rows


def load_realcontent() -> int:
    added = 0
    for ident, kind, title, summary in fixture_items():
        external_id = f"realcontent-{ident}"
        if Page.objects.filter(slug=page_slug(external_id)).exists():
            continue
        payload = {
            "external_id": external_id,
            "kind": KINDS[kind],
            "title": title,
            "column": COLUMNS[kind],
            "summary": summary,
            "body": f"<p>{summary}</p>",
            "disclosure": "主动公开",
        }
        submission = process_submission(receive_submission(payload))
        if submission.status == IntakeSubmission.Status.INVALID:
            print("INVALID", ident, submission.errors)
            continue
        page = submission.page.specific
        if page.current_workflow_state is not None:
            page.current_workflow_state.cancel(user=None)
        page.get_latest_revision().publish()
        added += 1
    return added


print(f"{load_realcontent()} real-content items published")
