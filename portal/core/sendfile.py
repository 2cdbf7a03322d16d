"""An ``X-Accel-Redirect`` backend for Wagtail's document view (``SENDFILE_BACKEND``).

With ``PORTAL_SENDFILE=nginx`` the app still decides who may have a file (the
``before_serve_document`` hooks and the headers), and nginx sends the bytes from an ``internal``
location (``PORTAL_SENDFILE_URL``, ``/protected-media/`` by default) that no reader can request
directly. ``deploy/nginx-portal.conf`` has the matching configuration.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse


def sendfile(request, filename, **kwargs):
    root = Path(settings.MEDIA_ROOT).resolve()
    path = Path(filename).resolve()
    if not path.is_relative_to(root):
        raise Http404("not a media file")
    response = HttpResponse()
    response["X-Accel-Redirect"] = quote(
        settings.PORTAL_SENDFILE_URL.rstrip("/") + "/" + path.relative_to(root).as_posix()
    )
    return response
