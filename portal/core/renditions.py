"""``/media/``: image renditions only, for a single-process install without a front web server.

Originals (``original_images/``) and documents (``documents/``) are never served from here:
documents go through the permission-checked document view, and a page shows an image only
as a rendition. In production nginx serves ``/media/images/`` itself (``deploy/``).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.views.static import serve

RENDITIONS_DIR = "images"
MAX_PATH = 255


def serve_rendition(request, path: str):
    if len(path) > MAX_PATH or "\x00" in path or "\\" in path or any(len(p) > 200 for p in path.split("/")):
        raise Http404("no such rendition")
    response = serve(request, path, document_root=Path(settings.MEDIA_ROOT) / RENDITIONS_DIR)
    response["X-Content-Type-Options"] = "nosniff"
    return response
