"""Registries of a signed-in person's own space (用户中心), read by ``portal.accounts``.

Any app contributes from its ``contributions.py`` without importing the accounts app:

- :data:`home_modules` — modules of the personal homepage (个性主页). A :class:`HomeModule` has a
  key, a title, a template and ``context(request)`` returning the template's context, or None
  when it has nothing for that person. :func:`submissions_module` builds the common one: the
  person's own submissions of one model (我的来信, 我的依申请公开, 我的评论 …)::

      home_modules.register("letters", submissions_module("letters", _("我的来信"), Letter, order=10))

- :data:`account_data` — sections of the personal-data export and what to do on the account's
  deletion. A :class:`DataProvider` gives ``collect(user)`` (JSON-ready data) and optionally
  ``on_delete(user)`` (run inside the deletion's transaction: unlink or anonymise what is kept).
  Public submissions need no provider: ``portal.accounts`` exports and unlinks every model built
  on :class:`portal.core.submissions.PublicSubmission` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .registry import Registry

__all__ = ["DataProvider", "HomeModule", "account_data", "home_modules", "submissions_module"]


@dataclass(frozen=True)
class HomeModule:
    key: str
    title: str
    template: str
    context: Callable  # context(request) -> dict | None
    order: int = 100


@dataclass(frozen=True)
class DataProvider:
    key: str
    label: str
    collect: Callable  # collect(user) -> JSON-ready data
    on_delete: Callable | None = None  # on_delete(user), inside the deletion's transaction
    order: int = 100


home_modules = Registry("home_modules")
account_data = Registry("account_data")


def _describe(obj) -> str:
    for attr in ("title", "description", "body"):
        text = str(getattr(obj, attr, "") or "").strip()
        if text:
            return text if len(text) <= 40 else text[:40] + "…"
    return str(obj)


def _state(obj) -> str:
    display = getattr(obj, "get_state_display", None) or getattr(obj, "get_status_display", None)
    return str(display()) if display else ""


def submissions_module(
    key: str, title, model, order: int = 100, limit: int = 5, url=None, describe=_describe
) -> HomeModule:
    """A module listing the person's own submissions of one model (newest first).

    ``url`` (a callable of no arguments, or a path) links to the app's page for more; ``describe``
    gives each item's line (its title, description or body by default)."""

    def context(request):
        qs = model._default_manager.filter(account=request.user).order_by("-submitted_at")
        items = [{"obj": obj, "text": describe(obj), "state": _state(obj)} for obj in qs[:limit]]
        more = url() if callable(url) else url
        return {"items": items, "count": qs.count(), "more_url": more}

    return HomeModule(key, title, "core/user_space/submissions.html", context, order)
