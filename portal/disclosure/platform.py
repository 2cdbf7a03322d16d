"""One disclosure platform per organisation (政府信息公开 / 居务公开), three levels.

:class:`DisclosurePlatformPage` is one page that generates, for every organisation of the tree,
its own platform: for the district, its departments and streets the four parts of Art. 24 —
指南, 制度, 法定主动公开内容 (the organisation's documents, searchable and filterable) and 年报 —
and for every community its 居务公开 directory. The 指南 is generated from the organisation's
record (address, hours, phone) and an editable :class:`DisclosureGuide`. The page also serves
the 规范性文件库, the normative documents of every organisation.

This module imports nothing from ``.models`` (which imports it); policy documents are reached
through the app registry.
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.core.models import BasePage, Organisation
from portal.core.visibility import public

PAGE_SIZE = 20

#: The four first-level parts of 政府信息公开 (Art. 24, 国办公开办函〔2019〕61号), as routes.
PARTS = [
    ("zhinan", _("政府信息公开指南")),
    ("zhidu", _("政府信息公开制度")),
    ("wenjian", _("法定主动公开内容")),
    ("nianbao", _("政府信息公开年报")),
]
#: A community's 居务公开 directory has a guide and its documents.
COMMUNITY_PARTS = [("zhinan", _("居务公开指南")), ("wenjian", _("居务公开内容"))]

#: Providers of an organisation's annual reports (年报): ``f(organisation) -> [{"title", "url", "year"}]``.
#: The annual-report generator registers itself here; until then the part says none are published.
annual_report_providers: list = []
#: The published report's page and downloads: ``{"page": f(page, request, org, year),
#: "download": f(page, request, org, year, fmt)}``, registered by the annual-report generator.
annual_report_views: dict = {}


def policy_model():
    return apps.get_model("disclosure", "PolicyDocumentPage")


class DisclosureGuide(models.Model):
    """What an organisation writes into its 政府信息公开指南; every blank falls back to data."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="disclosure_guide"
    )
    office = models.CharField(
        _("受理机构"), max_length=100, blank=True, help_text=_("留空时为本机构的办公室（综合科）。")
    )
    address = models.CharField(
        _("受理地址"), max_length=200, blank=True, help_text=_("留空时用机构办公地址。")
    )
    office_hours = models.CharField(
        _("受理时间"), max_length=200, blank=True, help_text=_("留空时用机构办公时间。")
    )
    phone = models.CharField(_("咨询电话"), max_length=60, blank=True, help_text=_("留空时用机构联系电话。"))
    intro = RichTextField(_("总体说明"), blank=True)
    how_to_apply = RichTextField(
        _("依申请公开办理方式"), blank=True, help_text=_("留空时显示通用的申请方式。")
    )
    remedies = RichTextField(_("监督和救济"), blank=True)
    rules = RichTextField(_("政府信息公开制度"), blank=True, help_text=_("本机构的信息公开工作制度。"))

    panels = [
        FieldPanel("organisation"),
        MultiFieldPanel(
            [FieldPanel("office"), FieldPanel("address"), FieldPanel("office_hours"), FieldPanel("phone")],
            heading=_("受理机构"),
        ),
        FieldPanel("intro"),
        FieldPanel("how_to_apply"),
        FieldPanel("remedies"),
        FieldPanel("rules"),
    ]

    class Meta:
        verbose_name = _("信息公开指南")
        verbose_name_plural = _("信息公开指南")

    def __str__(self) -> str:
        return f"{self.organisation}：{_('信息公开指南')}"


def guide_for(organisation: Organisation) -> dict:
    """The guide's content: the organisation's own text where written, its record elsewhere."""
    guide = DisclosureGuide.objects.filter(organisation=organisation).first() or DisclosureGuide(
        organisation=organisation
    )
    return {
        "guide": guide,
        "office": guide.office or _("%(name)s办公室") % {"name": organisation.display_name},
        "address": guide.address or organisation.address,
        "office_hours": guide.office_hours or organisation.office_hours,
        "phone": guide.phone or organisation.phone,
        "email": organisation.email,
        "postcode": organisation.postcode,
    }


class DocumentFilterForm(forms.Form):
    """The filters of a document directory (GET; every field optional)."""

    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    number = forms.CharField(
        label=_("文号或索引号"),
        required=False,
        max_length=80,
        help_text=_("输入完整的文号或索引号直达文件。"),
    )
    org = forms.ChoiceField(label=_("发布机构"), required=False)
    year = forms.TypedChoiceField(label=_("年份"), required=False, coerce=int, empty_value=None)
    topic = forms.ChoiceField(label=_("主题分类"), required=False)
    genre = forms.ChoiceField(label=_("体裁"), required=False)
    validity = forms.ChoiceField(label=_("有效性"), required=False)

    def __init__(self, data, organisations, years):
        super().__init__(data)
        model = policy_model()
        every = [("", _("全部"))]
        self.fields["org"].choices = every + [(o.slug, o.name) for o in organisations]
        self.fields["year"].choices = every + [(str(y), str(y)) for y in years]
        self.fields["topic"].choices = every + model._meta.get_field("topic").choices
        self.fields["genre"].choices = every + model._meta.get_field("genre").choices
        self.fields["validity"].choices = every + list(model.Validity.choices)
        if len(organisations) < 2:
            del self.fields["org"]


def documents_of(organisations) -> models.QuerySet:
    """Live, public policy documents owned by ``organisations``, newest first."""
    model = policy_model()
    return (
        public(model.objects.live().filter(owner_organisation__in=list(organisations)))
        .select_related("owner_organisation")
        .order_by("-date", "-pk")
    )


def filter_documents(qs, data: dict):
    """Apply the cleaned filters of :class:`DocumentFilterForm` to ``qs``."""
    if data.get("q"):
        term = data["q"].strip()
        qs = qs.filter(
            Q(title__icontains=term) | Q(document_number__icontains=term) | Q(body__icontains=term)
        )
    if data.get("org"):
        qs = qs.filter(owner_organisation__slug=data["org"])
    if data.get("year"):
        qs = qs.filter(
            Q(written_date__year=data["year"]) | Q(written_date__isnull=True, date__year=data["year"])
        )
    for name in ("topic", "genre", "validity"):
        if data.get(name):
            qs = qs.filter(**{name: data[name]})
    return qs


def lookup(qs, number: str):
    """The document whose 文号 or 索引号 is exactly ``number`` (spaces and bracket styles ignored)."""
    wanted = _normalise_number(number)
    if not wanted:
        return None
    exact = qs.filter(Q(index_number=number.strip()) | Q(document_number=number.strip())).first()
    if exact is not None:
        return exact
    for page in qs.exclude(document_number="").select_related(None).only("pk", "document_number", "url_path"):
        if _normalise_number(page.document_number) == wanted:
            return page
    return None


def _normalise_number(text: str) -> str:
    table = str.maketrans(
        {"[": "〔", "]": "〕", "(": "〔", ")": "〕", "（": "〔", "）": "〕", "【": "〔", "】": "〕"}
    )
    return "".join((text or "").split()).translate(table)


def document_years(qs) -> list[int]:
    years = {d.year for d in qs.values_list("written_date", flat=True) if d}
    years |= {d.year for d in qs.filter(written_date__isnull=True).values_list("date", flat=True) if d}
    return sorted(years, reverse=True)


def scope_of(organisation: Organisation) -> list[Organisation]:
    """Whose documents an organisation's directory lists: those it owns (谁发布谁负责); every
    organisation below it has a directory of its own."""
    return [organisation]


class DisclosurePlatformPage(RoutablePageMixin, BasePage):
    """信息公开平台: the generated disclosure directory of every organisation."""

    intro = RichTextField(_("说明"), blank=True)
    is_container = True
    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("信息公开平台")

    # -- routes -----------------------------------------------------------------------------
    @path("")
    def index_route(self, request):
        district = Organisation.objects.filter(kind=Organisation.Kind.DISTRICT).first()
        return self.render(
            request,
            context_overrides={
                "district": district,
                "district_title": self.platform_title(district) if district else "",
                "departments": Organisation.objects.filter(kind=Organisation.Kind.DEPARTMENT),
                "streets": Organisation.objects.filter(kind=Organisation.Kind.STREET).prefetch_related(
                    "children"
                ),
            },
        )

    @path("guifanxing/")
    def library_route(self, request):
        """规范性文件库: normative documents of every organisation."""
        qs = public(policy_model().objects.live().filter(is_normative=True)).select_related(
            "owner_organisation"
        )
        organisations = list(
            Organisation.objects.filter(pk__in=qs.values("owner_organisation")).order_by("sort_order", "name")
        )
        return self._document_list(
            request,
            qs.order_by("-date", "-pk"),
            organisations,
            template="disclosure/platform/library.html",
            extra={"extra_crumb": _("规范性文件库")},
        )

    @path("ysqgk/")
    def apply_route(self, request):
        """依申请公开: the application form (``request_views``)."""
        from . import request_views

        return request_views.apply(self, request)

    @path("ysqgk/chaxun/")
    def track_route(self, request):
        from . import request_views

        return request_views.track(self, request)

    @path("<slug:slug>/nianbao/<int:year>/")
    def annual_report_route(self, request, slug, year):
        """One published annual report (``annual_views``)."""
        if "page" not in annual_report_views:
            raise Http404
        return annual_report_views["page"](self, request, self._organisation(slug), year)

    @path("<slug:slug>/nianbao/<int:year>/<str:fmt>/")
    def annual_report_download_route(self, request, slug, year, fmt):
        if "download" not in annual_report_views:
            raise Http404
        return annual_report_views["download"](self, request, self._organisation(slug), year, fmt)

    @path("<slug:slug>/")
    def organisation_route(self, request, slug):
        organisation = self._organisation(slug)
        docs = documents_of(scope_of(organisation))
        return self.render(
            request,
            template="disclosure/platform/organisation.html",
            context_overrides=self._org_context(organisation, "")
            | {"latest": list(docs[:8]), "document_count": docs.count()},
        )

    @path("<slug:slug>/<slug:part>/")
    def part_route(self, request, slug, part):
        organisation = self._organisation(slug)
        if part not in dict(self.parts_of(organisation)):
            raise Http404
        context = self._org_context(organisation, part)
        if part == "wenjian":
            return self._document_list(
                request,
                documents_of(scope_of(organisation)),
                scope_of(organisation),
                template="disclosure/platform/documents.html",
                extra=context,
            )
        if part == "zhinan":
            context |= guide_for(organisation)
        elif part == "zhidu":
            context["guide"] = guide_for(organisation)["guide"]
        elif part == "nianbao":
            context["reports"] = [r for provider in annual_report_providers for r in provider(organisation)]
        return self.render(request, template=f"disclosure/platform/{part}.html", context_overrides=context)

    # -- helpers ----------------------------------------------------------------------------
    @staticmethod
    def parts_of(organisation: Organisation):
        return COMMUNITY_PARTS if organisation.kind == Organisation.Kind.COMMUNITY else PARTS

    def platform_title(self, organisation: Organisation) -> str:
        if organisation.kind == Organisation.Kind.COMMUNITY:
            return _("%(name)s居务公开") % {"name": organisation.name}
        if organisation.name.endswith("政府"):  # 示范区人民政府 → 示范区人民政府信息公开
            return _("%(name)s信息公开") % {"name": organisation.name}
        return _("%(name)s政府信息公开") % {"name": organisation.name}

    def _organisation(self, slug: str) -> Organisation:
        return get_object_or_404(Organisation, slug=slug)

    def _org_context(self, organisation: Organisation, part: str) -> dict:
        parts = self.parts_of(organisation)
        base = self.org_url(organisation)
        title = self.platform_title(organisation)
        return {
            "organisation": organisation,
            "platform_title": title,
            "parts": [(key, label, f"{base}{key}/") for key, label in parts],
            "current_part": part,
            "part_label": dict(parts).get(part, ""),
            "org_url": base,
            "extra_crumbs": [(title, base)] if part else [],
            "extra_crumb": dict(parts).get(part) if part else title,
        }

    def _document_list(self, request, qs, organisations, template, extra):
        years = document_years(qs)
        form = DocumentFilterForm(request.GET or None, organisations, years)
        cleaned = form.cleaned_data if form.is_bound and form.is_valid() else {}
        if cleaned.get("number"):
            found = lookup(qs, cleaned["number"])
            if found is not None:
                return redirect(found.url)
        filtered = filter_documents(qs, cleaned)
        page = Paginator(filtered.prefetch_related("attachments__document"), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        return self.render(
            request,
            template=template,
            context_overrides=extra
            | {
                "form": form,
                "items": page,
                "total": filtered.count(),
                "number_not_found": bool(cleaned.get("number")),
                "querystring": _querystring(request),
            },
        )

    def org_url(self, organisation: Organisation) -> str:
        return f"{self.url}{organisation.slug}/"

    def entry_slugs(self):
        return Organisation.objects.values_list("slug", flat=True)

    def get_cached_paths(self):
        """The index, the library and every organisation's platform and its parts."""
        paths = ["/", "guifanxing/"]  # ysqgk/ is private (a form), never in a shared cache
        for org in Organisation.objects.only("slug", "kind"):
            paths.append(f"{org.slug}/")
            paths += [f"{org.slug}/{key}/" for key, _label in self.parts_of(org)]
        reports = apps.get_model("disclosure", "AnnualReport").objects.filter(published=True)
        for slug, year in reports.values_list("organisation__slug", "year"):
            paths += [f"{slug}/nianbao/{year}/{suffix}" for suffix in ("", "docx/", "pdf/")]
        return paths

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for slug in self.entry_slugs():
            urls.append({"location": f"{base}{slug}/", "lastmod": self.last_published_at})
        return urls


def _querystring(request) -> str:
    """The current filters without the page number, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
