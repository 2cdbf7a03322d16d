"""Public search views: the results page, click logging, autocomplete, entity pages and graph API."""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.core.http_cache import private_response, public_response
from portal.core.site_url import base_url

from . import cleaning, graph, services
from .models import ClickLog, Entity, QueryLog
from .query import SORTS, SearchParams, search
from .registry import PREDICATES, registry
from .scope import scope_of
from .throttle import throttled

PER_PAGE = 10
MAX_PAGE = 100


def params_from(request: HttpRequest) -> SearchParams:
    known = registry.labels()
    types = [t for t in request.GET.getlist("type") if t in known]
    sort = request.GET.get("sort", "relevance")
    facets = {}
    for name, facet in registry.facets().items():
        value = request.GET.get(name, "")
        if value in facet.choices:
            facets[name] = value
    site_id, locale = scope_of(request)
    return SearchParams(
        q=cleaning.text(request.GET.get("q"), 100).strip(),
        types=types,
        organisation_id=cleaning.identifier(request.GET.get("org")),
        date_from=cleaning.iso_date(request.GET.get("from")),
        date_to=cleaning.iso_date(request.GET.get("to")),
        facets=facets,
        sort=sort if sort in SORTS else "relevance",
        page=cleaning.integer(request.GET.get("page"), 1, lo=1, hi=MAX_PAGE),
        per_page=PER_PAGE,
        site_id=site_id,
        locale=locale,
    )


def filter_errors(request: HttpRequest, params: SearchParams) -> dict[str, str]:
    """Field-level messages for filters that could not be used as typed."""
    errors = {}
    for field, value in (("from", params.date_from), ("to", params.date_to)):
        if request.GET.get(field) and value is None:
            errors[field] = _("日期格式应为“年-月-日”，例如 2026-01-31。")
    if params.date_from and params.date_to and params.date_from > params.date_to:
        errors["to"] = _("截止日期不能早于起始日期。")
    return errors


@require_GET
@private_response  # each search is logged and rate-limited; its page carries the log id
@throttled("SEARCH_RATE_LIMIT", "30/m")
def search_view(request: HttpRequest) -> HttpResponse:
    params = params_from(request)
    errors = filter_errors(request, params)
    results = search(params) if params.q else None
    log = None
    if results is not None and not results.blocked:
        log = services.log_query(params, results, visitor=services.visitor_key(request))
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "search_query": params.q,
        "params": params,
        "results": results,
        "log_id": log.pk if log else "",
        "type_choices": registry.labels().items(),
        "organisations": services.organisation_choices(params.site_id, params.locale),
        "facet_filters": registry.facets().values(),
        "hot_words": services.hot_words(site_id=params.site_id, locale=params.locale),
        "base_query": query_string.urlencode(),
        "page_range": _page_range(params.page, results.page_count) if results else [],
        "filter_errors": errors,
        "typed_from": cleaning.text(request.GET.get("from"), 20),
        "typed_to": cleaning.text(request.GET.get("to"), 20),
    }
    return render(request, "search/search.html", context)


def _script_json(data) -> str:
    text = json.dumps(data, ensure_ascii=False)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _page_range(current: int, last: int) -> list[int]:
    return list(range(max(1, current - 3), min(last, current + 3) + 1))


@require_GET
@private_response
def click_view(request: HttpRequest) -> HttpResponse:
    """Log a click on a result, then go there (plain links: works without JavaScript)."""
    url = request.GET.get("u", "")
    if (
        len(url) > 500
        or url != cleaning.text(url, 500)
        or not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False)
    ):
        raise Http404
    log_id = cleaning.identifier(request.GET.get("l"))
    ClickLog.objects.create(
        query_log=QueryLog.objects.filter(pk=log_id).first() if log_id else None,
        url=url,
        position=cleaning.integer(request.GET.get("p"), 0, lo=0, hi=10_000),
    )
    return HttpResponseRedirect(url)


@require_GET
@public_response(s_maxage=60)
@throttled("SEARCH_AUTOCOMPLETE_RATE_LIMIT", "120/m", as_json=True)
def autocomplete_view(request: HttpRequest) -> JsonResponse:
    q = cleaning.text(request.GET.get("q"), 50).strip()
    site_id, locale = scope_of(request)
    key = "portal_search:ac:" + hashlib.sha1(f"{site_id}|{locale}|{q}".encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        data = services.autocomplete(q, site_id=site_id, locale=locale)
        cache.set(key, data, 60)
    return JsonResponse({"query": q, "suggestions": data})


@require_GET
def hot_words_view(request: HttpRequest) -> JsonResponse:
    site_id, locale = scope_of(request)
    return JsonResponse({"hot_words": services.hot_words(site_id=site_id, locale=locale)})


@require_GET
def entity_view(request: HttpRequest, key: str) -> HttpResponse:
    if len(key) > 80 or key != cleaning.text(key, 80):
        raise Http404
    entity = get_object_or_404(Entity, key=key)
    provider = registry.for_entity_kind(entity.kind)
    card = None
    if provider is not None and provider.card_template:
        card = {"template": provider.card_template, "context": provider.card_context(entity)}
    return render(
        request,
        "search/entity.html",
        {
            "entity": entity,
            "card": card,
            "kind_label": provider.label if provider else entity.kind,
            "relations": graph.neighbourhood(entity),
            "jsonld": _script_json(graph.jsonld([entity], base_url=base_url())),
            "extra_crumb": entity.name,
        },
    )


@require_GET
def graph_jsonld_view(request: HttpRequest) -> JsonResponse:
    kind = cleaning.text(request.GET.get("kind"), 40)
    entities = Entity.objects.all() if not kind else Entity.objects.filter(kind=kind)
    data = graph.jsonld(entities, base_url=base_url())
    return JsonResponse(data, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False})


@require_GET
def graph_api_view(request: HttpRequest) -> JsonResponse:
    """GET ?subject=<key>&predicate=<name>&object=<key> → matching triples; ?q=<name> → entities."""
    predicate = request.GET.get("predicate") or None
    if predicate and predicate not in PREDICATES:
        return JsonResponse({"error": "unknown predicate", "predicates": list(PREDICATES)}, status=400)
    name = cleaning.text(request.GET.get("q"), 50)
    if name:
        entities = Entity.objects.filter(name__icontains=name)[:50]
        return JsonResponse(
            {"entities": [{"key": e.key, "kind": e.kind, "name": e.name, "url": e.url} for e in entities]},
            json_dumps_params={"ensure_ascii": False},
        )
    triples = graph.query(
        cleaning.text(request.GET.get("subject"), 80) or None,
        predicate,
        cleaning.text(request.GET.get("object"), 80) or None,
    )
    return JsonResponse({"triples": triples}, json_dumps_params={"ensure_ascii": False})
