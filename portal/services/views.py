"""The public service hall (/banshi/): browsing guides, scenario services, the service map and
ratings. Lists, flows and the map are the same for everyone (public, cacheable; a change to a
guide is a page publish, which moves the tree version); the rating form is private."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlencode

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.core.http_cache import private_response, public_response
from portal.core.models import Organisation
from portal.core.submissions import accept

from . import flows, maps, services
from .forms import RatingForm
from .models import ScenarioFlow, ServiceItemPage, ServicePlace, ServiceRating
from .vocabulary import AUDIENCES, LIFE_EVENTS, LIFECYCLE, PLACE_CATEGORIES

logger = logging.getLogger(__name__)
LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)]


@require_GET
@public_response
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "audiences": AUDIENCES[:2],
        "life_events": LIFE_EVENTS,
        "lifecycle": LIFECYCLE,
        "organisations": services.organisations_with_items(),
        "letters": LETTERS,
        "flows": services.live_flows(),
        "featured": services.featured_items(12),
    }
    return TemplateResponse(request, "services/index.html", context)


@require_GET
@public_response
def browse(request: HttpRequest) -> HttpResponse:
    """One list for every way in: 个人/法人, 人生事件, 企业生命周期, 部门, 拼音首字母."""
    audience = request.GET.get("audience", "")
    event = request.GET.get("event", "")
    stage = request.GET.get("stage", "")
    letter = request.GET.get("letter", "").upper()[:1]
    org = None
    if request.GET.get("org", "").isdigit():
        org = Organisation.objects.filter(pk=int(request.GET["org"])).first()
    labels = {**dict(AUDIENCES), **dict(LIFE_EVENTS), **dict(LIFECYCLE)}
    title = " · ".join(
        str(x)
        for x in [labels.get(audience), labels.get(event), labels.get(stage), org.name if org else "", letter]
        if x
    ) or _("全部事项")
    items = services.items_for(
        audience=audience if audience in dict(AUDIENCES) else "",
        life_event=event if event in dict(LIFE_EVENTS) else "",
        lifecycle=stage if stage in dict(LIFECYCLE) else "",
        organisation=org,
        initial=letter if letter in LETTERS or letter == "#" else "",
    )
    context = {"items": items, "heading": title, "letters": LETTERS, "current_letter": letter}
    return TemplateResponse(request, "services/browse.html", context)


@require_GET
@public_response
def flow(request: HttpRequest, slug: str) -> HttpResponse:
    """A scenario service: one question per step without JavaScript (the answers so far travel in
    the query string), all questions at once with it; the combined plan once complete."""
    flow_obj = get_object_or_404(ScenarioFlow, slug=slug, live=True)
    try:
        parsed = services.parsed(flow_obj)
    except flows.FlowError:
        raise Http404 from None
    answers = {k: v for k, v in request.GET.items() if k in parsed.questions}
    outcome = flows.evaluate(parsed, answers)
    kept = [(q.key, o.value) for q, o in outcome.answered]
    context = {
        "flow": flow_obj,
        "outcome": outcome,
        "answered": [(q, o, urlencode(kept[:i])) for i, (q, o) in enumerate(outcome.answered)],
        "kept": kept,
        "step": len(outcome.answered) + 1,
        "flow_json": _flow_json(parsed),
    }
    if outcome.complete:
        context["plan"] = services.build_plan(outcome.items)
    return TemplateResponse(request, "services/flow.html", context)


def _flow_json(parsed: flows.Flow) -> str:
    data = {
        "start": parsed.start,
        "questions": {
            k: {
                "text": q.text,
                "options": [{"value": o.value, "label": o.label, "next": o.next} for o in q.options],
            }
            for k, q in parsed.questions.items()
        },
    }
    return json.dumps(data, ensure_ascii=False)


@require_GET
@public_response
def flow_list(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "services/flow_list.html", {"flows": services.live_flows()})


def _float(value: str) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) <= 180 else None


@require_GET
@public_response
def service_map(request: HttpRequest) -> HttpResponse:
    """便民服务地图: filters by category and service; nearest to a community or to a position."""
    category = request.GET.get("category", "")
    category = category if category in dict(PLACE_CATEGORIES) else ""
    code = request.GET.get("item", "").strip()[:60]
    item = services.page_for_code(code) if code else None
    places = list(services.places_for(category, item))
    origin, origin_label = None, ""
    community = None
    if request.GET.get("community", "").isdigit():
        community = Organisation.objects.filter(pk=int(request.GET["community"]), kind="community").first()
        if community is not None:
            origin, origin_label = services.community_point(community), community.name
    lat, lng = _float(request.GET.get("lat")), _float(request.GET.get("lng"))
    if origin is None and lat is not None and lng is not None:
        origin, origin_label = (lat, lng), _("您的位置")
    ranked = services.nearest(places, *origin) if origin else [(p, None) for p in places]
    context = {
        "ranked": ranked,
        "categories": PLACE_CATEGORIES,
        "category": category,
        "item": item,
        "code": code,
        "communities": Organisation.objects.filter(kind="community").order_by(
            "parent__sort_order", "sort_order", "pk"
        ),
        "community": community,
        "origin_label": origin_label,
        "svg": maps.svg_map(places, origin=origin),
        "origin": origin,
        "tiles": maps.tile_source(),
    }
    response = TemplateResponse(request, "services/map.html", context)
    # "使用我的位置": the site switches geolocation off everywhere else; this page may ask for it.
    response["Permissions-Policy"] = maps.permissions_policy_with_geolocation()
    return response


@require_GET
@public_response
def place(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(ServicePlace.objects.select_related("street", "community"), slug=slug)
    items = services.live_items().filter(places=obj).order_by("title")
    nearby = [
        p
        for p, _d in services.nearest(ServicePlace.objects.exclude(pk=obj.pk), obj.latitude, obj.longitude, 5)
    ]
    context = {
        "place": obj,
        "items": items,
        "nearby": nearby,
        "svg": maps.svg_map([obj, *nearby], highlight=obj),
    }
    return TemplateResponse(request, "services/place.html", context)


@require_GET
@public_response
def outline_geojson(request: HttpRequest) -> HttpResponse:
    """The district outline and streets (the vector base layer of the interactive map)."""
    return JsonResponse(
        maps.outline(), json_dumps_params={"ensure_ascii": False}, content_type="application/geo+json"
    )


@require_GET
@public_response
def places_geojson(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("category", "")
    if category and category not in dict(PLACE_CATEGORIES):
        return JsonResponse({"error": _("未知的地点类别。")}, status=400)
    code = request.GET.get("item", "").strip()[:60]
    item = None
    if code:
        item = services.page_for_code(code)
        if item is None:
            return JsonResponse({"error": _("未找到该事项编码。")}, status=400)
    data = services.geojson(services.places_for(category, item))
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False}, content_type="application/geo+json")


@require_http_methods(["GET", "POST"])
@private_response
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    """好差评 of one guide, through the shared public-submission helper."""
    item = get_object_or_404(services.live_items(), pk=pk)
    item = item.specific
    context = {"item": item}
    if request.method == "POST":
        form = RatingForm(request.POST)
        if form.is_valid():
            try:
                accepted = accept(request, form, lambda: _save(item, form), scope="services.rating")
            except DatabaseError:
                logger.exception("A rating could not be stored")
                accepted = None
                form.add_error(None, _("系统繁忙，评价未能保存。您填写的内容已保留，请稍后再次提交。"))
            if accepted is not None:
                services.record_rating(accepted.obj)
                context.update(rating=accepted.obj, tracking_number=accepted.tracking_number)
                context["query_code"] = accepted.query_code
                return TemplateResponse(request, "services/rated.html", context)
    else:
        level = request.GET.get("level", "")
        form = RatingForm(initial={"level": int(level)} if level.isdigit() else None)
    context["form"] = form
    status = 429 if getattr(form, "rate_limited", False) else 200
    return TemplateResponse(request, "services/rate.html", context, status=status)


def _save(item: ServiceItemPage, form: RatingForm) -> ServiceRating:
    data = form.cleaned_data
    rating = ServiceRating(
        item=item,
        organisation_id=item.owner_organisation_id,
        level=data["level"],
        comment=data.get("comment", ""),
        name=data.get("name", ""),
        phone=data.get("phone", ""),
        tracking_number=f"tmp-{item.pk}-{id(form)}",
    )
    rating.save()
    return rating
