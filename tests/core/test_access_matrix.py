"""Every admin URL that carries a page id × another organisation's draft → 403, naming nothing."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from portal.core.models import StaffProfile
from tests import factories

SECRET = "卫健局未发布的内部稿件"
PAGE_KWARGS = {"page_id", "parent_page_id", "page_to_move_id"}


def page_urls() -> list[tuple[str, dict]]:
    """(view name, kwargs) of every admin route with a page id, other ids filled with 1."""
    found = []

    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                ns = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace and pattern.namespace
                    else pattern.namespace or namespace
                )
                walk(pattern, ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                params = set(re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern)))
                if params & PAGE_KWARGS:
                    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                    found.append((name, params))

    for top in get_resolver().url_patterns:
        if isinstance(top, URLResolver) and str(top.pattern).startswith("admin/"):
            walk(top, top.namespace or "")
    return found


@pytest.fixture
def two_organisations(home):
    education = factories.organisation(name="示范区教育局")
    health = factories.organisation(name="示范区卫生健康局")
    own = factories.column(parent=home, title="教育动态", owner_organisation=education)
    other = factories.column(parent=home, title="卫健动态", owner_organisation=health)
    draft = factories.article(parent=other, title=SECRET, live=False)
    draft.save_revision()
    mine = factories.article(parent=own, title="教育局稿件", live=False)
    mine.save_revision()
    editor = factories.staff_user(education, StaffProfile.Role.EDITOR)
    return editor, draft, mine, other


def _url(name: str, params: set[str], page) -> str | None:
    kwargs = {}
    for param in params:
        if param in PAGE_KWARGS:
            kwargs[param] = page.pk
        elif param in {"content_type_app_name"}:
            kwargs[param] = "pages"
        elif param in {"content_type_model_name"}:
            kwargs[param] = "articlepage"
        elif param == "action_name":
            kwargs[param] = "approve"
        else:
            kwargs[param] = 1
    try:
        return reverse(name, kwargs=kwargs)
    except Exception:  # noqa: BLE001 - a route whose other parts cannot be filled generically
        return None


def test_the_matrix_covers_the_admin_page_routes():
    names = {name for name, _params in page_urls()}
    assert {
        "wagtailadmin_pages:history",
        "wagtailadmin_pages:revisions_index",
        "wagtailadmin_pages:preview_on_edit",
    } <= names
    assert len(names) >= 25


def test_every_admin_page_url_of_another_organisation_is_forbidden(client, two_organisations):
    editor, draft, _mine, other_column = two_organisations
    client.force_login(editor)
    checked = 0
    for name, params in page_urls():
        target = other_column if "parent_page_id" in params else draft
        url = _url(name, params, target)
        if url is None:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 403, f"{method.upper()} {name} {url} → {response.status_code}"
            assert SECRET not in response.content.decode("utf-8", "replace"), name
            checked += 1
    assert checked >= 50


def test_own_pages_stay_reachable(client, two_organisations):
    editor, _draft, mine, _other = two_organisations
    client.force_login(editor)
    for name in ("edit", "history", "usage", "workflow_history"):
        response = client.get(reverse(f"wagtailadmin_pages:{name}", args=[mine.pk]))
        assert response.status_code == 200, name


def test_audit_view_of_another_organisations_page_names_nothing(client, two_organisations):
    editor, draft, mine, _other = two_organisations
    client.force_login(editor)
    response = client.get(reverse("core_audit"), {"page": draft.pk})
    assert response.status_code == 403 and SECRET not in response.content.decode()
    assert client.get(reverse("core_audit"), {"page": mine.pk}).status_code == 200


def test_admin_api_hides_another_organisations_draft(client, two_organisations):
    editor, draft, mine, _other = two_organisations
    client.force_login(editor)
    assert client.get(f"/admin/api/main/pages/{draft.pk}/").status_code == 403
    assert client.get(f"/admin/api/main/pages/{mine.pk}/").status_code == 200
