"""Search data: the document store, editable vocabulary, editor controls, logs and the graph."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .normalisation import normalise


class SearchDocument(models.Model):
    """One searchable item (a page, an organisation, a leader …) as the index sees it.

    ``key`` is ``"<type>:<pk>"``. ``title_tokens`` / ``body_tokens`` hold the normalised,
    segmented text (space-separated) that the engine-specific full-text table indexes.
    ``site_id`` (None: shared by every site) and ``locale`` scope every public query;
    ``facets`` holds the provider-declared filterable properties (``{"validity": "in_force"}``).
    """

    key = models.CharField(max_length=80, unique=True)
    doc_type = models.CharField(_("类型"), max_length=40, db_index=True)
    object_id = models.CharField(max_length=40)
    title = models.CharField(_("标题"), max_length=500)
    body = models.TextField(_("正文"), blank=True)
    url = models.CharField(max_length=500)
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    date = models.DateTimeField(null=True, blank=True, db_index=True)
    site_id = models.BigIntegerField(null=True, blank=True)
    locale = models.CharField(max_length=20, blank=True)
    facets = models.JSONField(default=dict, blank=True)
    extra = models.JSONField(default=dict, blank=True)
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    boost = models.FloatField(default=1.0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Covering index: the full-text engines join matches to these columns only (counts per
        # type, site and language scope, filters, date order) without reading the wide rows.
        indexes = [
            models.Index(
                fields=["id", "locale", "site_id", "doc_type", "organisation_id", "date"],
                name="portal_search_doc_cover",
            )
        ]
        verbose_name = _("索引文档")
        verbose_name_plural = _("索引文档")

    def __str__(self) -> str:
        return f"{self.doc_type}: {self.title}"


class Term(models.Model):
    """The search vocabulary: words seen in titles and dictionaries, with their pinyin.

    Used for pinyin queries (shebao, sb → 社保), autocomplete and "您是不是要找".
    """

    text = models.CharField(max_length=100, unique=True)
    pinyin = models.CharField(max_length=300, db_index=True)
    initials = models.CharField(max_length=100, db_index=True)
    weight = models.IntegerField(default=1)

    def __str__(self) -> str:
        return self.text


class Synonym(index.Indexed, models.Model):
    """同义词与简称: each line is a group of interchangeable terms (社保 社会保障)."""

    terms = models.CharField(
        _("同义词组"),
        max_length=300,
        help_text=_("用空格或逗号分隔，如：社保 社会保障 社会保险。第一项为规范用语。"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    enabled = models.BooleanField(_("启用"), default=True)

    panels = [FieldPanel("terms"), FieldPanel("note"), FieldPanel("enabled")]
    search_fields = [index.SearchField("terms")]

    class Meta:
        verbose_name = _("同义词")
        verbose_name_plural = _("同义词")

    def __str__(self) -> str:
        return self.terms

    def term_list(self) -> list[str]:
        raw = self.terms.replace("，", ",").replace("、", ",")
        parts = raw.split(",") if "," in raw else raw.split()
        return [normalise(t) for t in parts if t.strip()]


class BestBet(models.Model):
    """置顶推荐: a result shown first for the given query words."""

    query = models.CharField(_("搜索词"), max_length=100, help_text=_("多个搜索词用逗号分隔。"))
    title = models.CharField(_("推荐标题"), max_length=200)
    url = models.CharField(_("链接"), max_length=500)
    description = models.CharField(_("说明"), max_length=300, blank=True)
    enabled = models.BooleanField(_("启用"), default=True)
    sort_order = models.IntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("query"),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldPanel("enabled"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("置顶推荐")
        verbose_name_plural = _("置顶推荐")

    def __str__(self) -> str:
        return f"{self.query} → {self.title}"

    def query_list(self) -> list[str]:
        return [normalise(q) for q in self.query.replace("，", ",").split(",") if q.strip()]


class DeniedTerm(models.Model):
    """屏蔽词: never suggested, never shown as a hot word, never autocompleted."""

    term = models.CharField(_("屏蔽词"), max_length=100, unique=True)
    block_search = models.BooleanField(
        _("同时禁止搜索"), default=False, help_text=_("勾选后，含该词的搜索不返回结果。")
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    panels = [FieldPanel("term"), FieldPanel("block_search"), FieldPanel("note")]

    class Meta:
        verbose_name = _("屏蔽词")
        verbose_name_plural = _("屏蔽词")

    def __str__(self) -> str:
        return self.term


class HotWord(models.Model):
    """热词 pinned by editors; shown before the most frequent recent queries."""

    word = models.CharField(_("热词"), max_length=50, unique=True)
    sort_order = models.IntegerField(_("排序"), default=0)

    panels = [FieldPanel("word"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("热词")
        verbose_name_plural = _("热词")

    def __str__(self) -> str:
        return self.word


class QueryLog(models.Model):
    """Every public query with its result count.

    No personal data: the query is masked (phone, ID and e-mail patterns) before it is stored,
    and the visitor is only a salted hash (of the session or IP address), used to count distinct
    visitors; rows are purged after ``SEARCH_LOG_RETENTION_DAYS``.
    """

    query = models.CharField(_("搜索词"), max_length=200)
    normalised = models.CharField(_("规范化搜索词"), max_length=200, db_index=True)
    result_count = models.IntegerField(_("结果数"))
    doc_type = models.CharField(_("类型筛选"), max_length=40, blank=True)
    page = models.IntegerField(default=1)
    suggestion = models.CharField(_("建议"), max_length=200, blank=True)
    visitor = models.CharField(_("访客标识（散列）"), max_length=64, blank=True)
    site_id = models.BigIntegerField(null=True, blank=True)
    locale = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("搜索日志")
        verbose_name_plural = _("搜索日志")

    def __str__(self) -> str:
        return self.query


class ClickLog(models.Model):
    query_log = models.ForeignKey(QueryLog, null=True, on_delete=models.SET_NULL, related_name="clicks")
    url = models.CharField(max_length=500)
    position = models.IntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("点击日志")
        verbose_name_plural = _("点击日志")

    def __str__(self) -> str:
        return self.url


class Entity(models.Model):
    """A knowledge-graph node (organisation, leader, policy document, column, topic …)."""

    key = models.CharField(max_length=80, unique=True)
    kind = models.CharField(_("类型"), max_length=40, db_index=True)
    name = models.CharField(_("名称"), max_length=300)
    aliases = models.JSONField(default=list, blank=True)
    url = models.CharField(max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("实体")
        verbose_name_plural = _("实体")

    def __str__(self) -> str:
        return self.name


class Relation(models.Model):
    """A typed edge: subject —predicate→ object (issued_by, replaces, responsible_for …)."""

    subject = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="outgoing")
    predicate = models.CharField(max_length=40, db_index=True)
    object = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="incoming")
    source = models.CharField(max_length=80, db_index=True, help_text="entity key that asserted it")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subject", "predicate", "object"], name="unique_relation")
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.predicate} {self.object}"


class QueryIntent(models.Model):
    """查询意图: question words an editor can extend; recognised words leave the required terms.

    ``phrases`` are taken out of the query (请问, 怎么办理, 需要什么材料); ``hints`` signal the intent
    but stay as optional terms (材料, 电话); results of the ``prefer`` roles rank higher.
    """

    class Kind(models.TextChoices):
        HOWTO = "howto", _("怎么办理")
        MATERIALS = "materials", _("所需材料")
        LOCATION = "location", _("地点")
        CONTACT = "contact", _("联系方式")
        FEE = "fee", _("费用")
        TIME = "time", _("时间")
        ELIGIBILITY = "eligibility", _("条件")
        PROGRESS = "progress", _("进度")
        WHO = "who", _("人员")
        ACTION = "action", _("办事动词")
        FILLER = "filler", _("语气与客套")

    intent = models.CharField(_("意图"), max_length=20, choices=Kind.choices)
    phrases = models.TextField(
        _("去除的问句词"), blank=True, help_text=_("用空格或换行分隔，如：怎么办理 需要什么材料。")
    )
    hints = models.TextField(
        _("提示词"), blank=True, help_text=_("表明意图、但不要求结果包含的词，如：材料 电话。")
    )
    prefer = models.CharField(
        _("优先结果"),
        max_length=200,
        blank=True,
        help_text=_("优先的结果类别，逗号分隔：service, policy, notice, news, organisation, leader。"),
    )
    enabled = models.BooleanField(_("启用"), default=True)

    panels = [
        FieldPanel("intent"),
        FieldPanel("phrases"),
        FieldPanel("hints"),
        FieldPanel("prefer"),
        FieldPanel("enabled"),
    ]

    class Meta:
        verbose_name = _("查询意图")
        verbose_name_plural = _("查询意图")

    def __str__(self) -> str:
        return f"{self.get_intent_display()}: {self.phrases[:40]}"

    @staticmethod
    def _split(value: str) -> list[str]:
        return [normalise(w) for w in value.replace("，", " ").replace(",", " ").split() if w.strip()]

    def phrase_list(self) -> list[str]:
        return self._split(self.phrases)

    def hint_list(self) -> list[str]:
        return self._split(self.hints)

    def prefer_list(self) -> list[str]:
        return [p.strip() for p in self.prefer.replace("，", ",").split(",") if p.strip()]
