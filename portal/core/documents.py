"""Documents (附件): the checked upload form and who may download a document's file.

Files are never served from ``/media/``; every download goes through Wagtail's document view
(``/documents/<id>/<name>``), which runs the ``before_serve_document`` hooks: Wagtail's own
collection privacy, then :func:`check_document_access` here. A document is public only while a
live page that the reader may see links to it (the reference index records links from StreamField
blocks, rich text and inline attachments such as 政策文件's); otherwise only staff who may use
the document, or edit a page that links to it, get the file. Files go out as downloads unless their
type is in ``WAGTAILDOCS_INLINE_CONTENT_TYPES`` (PDF and raster images), with ``nosniff`` and a
``default-src 'none'`` policy. No cache keeps a document: whether a reader may have it is decided
per request (a page can be unpublished or restricted at any moment), so every response under
``/documents/`` is ``Cache-Control: private, no-store`` (see :mod:`portal.core.cache_rules`).
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.utils.cache import patch_cache_control
from wagtail.documents.forms import BaseDocumentForm
from wagtail.documents.permissions import permission_policy
from wagtail.documents.views.serve import serve as wagtail_serve
from wagtail.models import Page, ReferenceIndex

from .files import check_file


class CheckedDocumentForm(BaseDocumentForm):
    """The admin's document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``): the file's content must be an
    allowed type matching its extension (:func:`portal.core.files.check_upload`)."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            check_file(file.name, file)
        return file


def referencing_pages(document):
    """Pages whose current (live or draft) content links to ``document``."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return Page.objects.filter(pk__in=[int(i) for i in ids if str(i).isdigit()])


def _visible(page, request) -> bool:
    return page.live and all(r.accept_request(request) for r in page.get_view_restrictions())


def may_download(document, request) -> bool:
    pages = list(referencing_pages(document))
    if any(_visible(page, request) for page in pages):
        return True
    user = request.user
    if not user.is_authenticated:
        return False
    if permission_policy.user_has_any_permission_for_instance(user, ["change", "choose"], document):
        return True
    return any(page.permissions_for_user(user).can_edit() for page in pages)


def check_document_access(document, request):
    """``before_serve_document`` hook: the login page for an anonymous reader, 403 for anyone else
    who may not have the file."""
    if may_download(document, request):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def serve(request, document_id, document_filename):
    """Wagtail's document view; no cache, shared or the browser's, keeps the file."""
    response = wagtail_serve(request, document_id, document_filename)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
