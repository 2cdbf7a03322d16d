"""The demo district's disclosure platform: the generated platform page, community 居务公开
documents, the standard catalogue (a few entries stale or unlinked) and the concern topics.

Registered from :mod:`.demo` (imported only when the demo app is installed).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from portal.core.models import BasePage, Organisation
from portal.core.workdays import WorkdayCalendar
from portal.demo.registry import register_seed
from portal.demo.seed.context import SeedContext
from portal.demo.seed.pages import ensure_child

from .catalogue import CatalogueEntry, StandardCataloguePage
from .concerns import ConcernCataloguePage, ConcernLink, ConcernTopic
from .models import PolicyDocumentPage
from .platform import DisclosureGuide, DisclosurePlatformPage

BASIS = {
    "finance": "《中华人民共和国预算法》《中华人民共和国政府信息公开条例》",
    "plan": "《中华人民共和国政府信息公开条例》第二十条",
    "enforcement": "《中华人民共和国行政处罚法》《中华人民共和国行政许可法》《中华人民共和国政府信息公开条例》",
    "assist": "《社会救助暂行办法》《中华人民共和国政府信息公开条例》第二十一条",
    "procure": "《中华人民共和国政府采购法》《中华人民共和国政府采购法实施条例》",
    "project": "《政府投资条例》《中华人民共和国政府信息公开条例》",
    "personnel": "《中华人民共和国公务员法》《事业单位人事管理条例》",
    "emergency": "《中华人民共和国突发事件应对法》",
    "rules": "《中华人民共和国政府信息公开条例》第二十条、《规章制定程序条例》",
    "env": "《中华人民共和国环境保护法》《环境信息依法披露制度改革方案》",
}
#: (domain, level-1 item, level-2 item, content, basis key, column slug or "", channels)
ITEMS = [
    (
        "财政预决算",
        "财政预决算",
        "部门预算",
        "部门收支预算总表、财政拨款支出预算表、“三公”经费预算及说明",
        "finance",
        "czxx",
        "政府网站、公报",
    ),
    (
        "财政预决算",
        "财政预决算",
        "部门决算",
        "部门收支决算总表、财政拨款支出决算表、“三公”经费决算及说明",
        "finance",
        "czxx",
        "政府网站、公报",
    ),
    (
        "规划计划",
        "规划计划",
        "年度工作计划",
        "年度工作要点、重点任务分工和完成情况",
        "plan",
        "ghjh",
        "政府网站",
    ),
    (
        "行政执法",
        "行政执法公示",
        "行政处罚结果",
        "处罚对象、违法事实、处罚依据、处罚结果、作出决定的日期",
        "enforcement",
        "xzzfgs",
        "政府网站、公示栏",
    ),
    (
        "行政执法",
        "行政执法公示",
        "行政许可结果",
        "许可事项、许可对象、许可决定、有效期限",
        "enforcement",
        "xzzfgs",
        "政府网站、政务服务中心",
    ),
    (
        "政府采购",
        "公共资源配置",
        "政府采购项目",
        "采购意向、采购公告、中标（成交）结果、合同",
        "procure",
        "ggzypz",
        "政府网站、精准推送",
    ),
    (
        "重大建设项目",
        "重大项目",
        "项目批准和实施",
        "项目审批、核准、备案信息，招标投标、征收土地、重大设计变更、施工和质量安全监督",
        "project",
        "zdxm",
        "政府网站、公示栏",
    ),
    (
        "人事信息",
        "人事信息",
        "公务员和事业单位招考",
        "招考公告、考试安排、拟录用人员名单",
        "personnel",
        "rsxx",
        "政府网站、两微一端",
    ),
    (
        "应急管理",
        "应急管理",
        "突发事件应对",
        "应急预案、预警信息、应对情况",
        "emergency",
        "yjgl",
        "政府网站、广电、两微一端、精准推送",
    ),
    (
        "规范性文件",
        "政策文件",
        "规范性文件",
        "文件全文、文号、成文日期、有效期、解读材料",
        "rules",
        "gfxwj",
        "政府网站、公报、查阅点",
    ),
]
STREET_ITEMS = [
    (
        "社会救助",
        "社会救助",
        "最低生活保障",
        "申请条件、办理流程、保障标准、审核确认结果",
        "assist",
        "msbz",
        "政府网站、便民服务站、公示栏、入户",
    ),
    (
        "社会救助",
        "社会救助",
        "临时救助",
        "救助对象、救助标准、申请程序、救助结果",
        "assist",
        "msbz",
        "便民服务站、公示栏",
    ),
    (
        "养老服务",
        "民生保障",
        "养老服务补贴",
        "补贴对象、补贴标准、申领程序、发放结果",
        "assist",
        "msbz",
        "政府网站、便民服务站、精准推送",
    ),
    ("城市管理", "城市管理", "市容环境整治", "整治计划、整治进展和结果", "env", "", "政府网站、公示栏"),
    ("财政预决算", "财政预决算", "街道预算", "街道收支预算表及说明", "finance", "", "政府网站、公示栏"),
    (
        "安全生产",
        "应急管理",
        "安全生产检查",
        "检查计划、检查结果、隐患整改情况",
        "emergency",
        "yjgl",
        "政府网站",
    ),
]
DEPARTMENTS = ["czj", "fgj", "edu", "mzj", "rsj", "zjj", "sthj", "scjg", "yjgl", "wjj", "jtj", "gov-office"]
CHANNEL_DEFAULT = "政府网站"

CONCERNS = [
    ("youer", "学前教育入园", "幼儿园招生、普惠性学位和学前教育补助。", "学前教育,入园,幼儿园", 30),
    ("yanglao", "养老服务补贴", "高龄津贴、居家养老服务和养老服务补贴的申领。", "养老服务,养老,高龄", 40),
    ("jiuye", "就业创业扶持", "就业创业补贴、职业技能培训和创业担保贷款。", "就业创业,就业,创业", 35),
    ("laojiu", "老旧小区改造", "改造计划、进展和居民意见征集。", "老旧小区,加装电梯", 25),
    ("yibao", "医疗保障", "城乡居民医保参保缴费和待遇。", "医保,医疗保障", 20),
    ("jiuzhu", "社会救助", "最低生活保障、临时救助和特困人员供养。", "临时救助,低保,社会救助", 28),
    ("yingshang", "优化营商环境", "企业开办、涉企政策和惠企资金。", "营商环境,惠企", 22),
    ("xuexiao", "中小学校园安全", "校园安全管理、上下学交通和食品安全。", "校园安全,中小学", 15),
    ("huanjing", "生态环境质量", "空气和水环境质量、环境执法。", "生态环境,环境", 12),
]


@register_seed("disclosure platform", order=46, label="信息公开平台与目录页面")
def seed_platform(ctx: SeedContext) -> None:
    owner = ctx.orgs["gov-office"]
    ctx.columns["xxgkpt"] = ensure_child(
        ctx,
        ctx.columns["zwgk"],
        DisclosurePlatformPage(
            title="信息公开平台",
            slug="xxgkpt",
            owner_organisation=owner,
            date=ctx.now,
            intro="<p>示范区人民政府、区政府工作部门和街道办事处的政府信息公开，以及各社区的居务公开：指南、制度、法定主动公开内容和年报。</p>",
        ),
    )
    ctx.columns["bzml-page"] = ensure_child(
        ctx,
        ctx.columns["gkbzml"],
        StandardCataloguePage(
            title="公开事项目录",
            slug="mulu",
            owner_organisation=owner,
            date=ctx.now,
            intro="<p>按照基层政务公开标准目录编制的区级和街道级公开事项，每项列明公开内容、依据、时限、渠道、对象和方式。</p>",
        ),
    )
    ctx.columns["gqml-page"] = ensure_child(
        ctx,
        ctx.columns["qzgqml"],
        ConcernCataloguePage(
            title="群众关切事项",
            slug="guanqie",
            owner_organisation=owner,
            date=ctx.now,
            intro="<p>根据群众搜索、来信和咨询整理的关切事项，汇集相关政策文件、解读、办事指南和答复。</p>",
        ),
    )
    district = ctx.orgs["district"]
    DisclosureGuide.objects.get_or_create(
        organisation=district,
        defaults={
            "office": "示范区人民政府办公室（政务公开科）",
            "intro": "<p>本指南根据《中华人民共和国政府信息公开条例》编制，每年更新。公民、法人和其他组织可通过本平台检索、查看和下载示范区人民政府主动公开的政府信息。</p>",
            "rules": "<p>示范区人民政府建立健全政府信息公开工作制度：政府信息公开保密审查制度、主动公开目录动态更新制度、依申请公开登记受理和答复制度、政府信息公开工作年度报告制度和政府信息公开工作考核制度。</p>",
        },
    )


QUARTERS = "一二三四"


def _community_docs(org: Organisation, days: list) -> list[tuple[str, str, str]]:
    """A community's 居务公开 issued on ``days``: the quarter before's report, a 低保 notice and
    its 居民公约."""
    name = org.short_name or org.name
    first = days[0]
    quarter, year = (first.month - 1) // 3, first.year  # the last quarter completed by then
    if quarter == 0:
        quarter, year = 4, year - 1
    q = f"{year}年第{QUARTERS[quarter - 1]}季度"
    return [
        (
            f"{name}{q}居务公开",
            "公告",
            f"<p>{name}居民委员会{q}居务公开如下：居民议事会议事项、社区公益服务项目进展和社区公共收益使用情况。</p>",
        ),
        (
            f"{name}{days[1].year}年最低生活保障对象公示",
            "公告",
            f"<p>经入户调查、民主评议和审核，{name}本期拟纳入最低生活保障的家庭如下，公示期 7 天。如有异议，请向社区居民委员会反映。</p>",
        ),
        (
            f"{name}居民公约",
            "其他",
            f"<p>经{name}居民会议讨论通过，现公布居民公约：爱护公共设施，维护环境卫生，邻里互助，文明养犬，垃圾分类投放。</p>",
        ),
    ]


@register_seed("community disclosure", order=72, label="社区居务公开")
def seed_community_docs(ctx: SeedContext) -> None:
    column = ctx.columns.get("jwgk")
    if column is None:
        return
    existing = set(column.get_children().values_list("slug", flat=True))
    communities = list(
        Organisation.objects.filter(kind=Organisation.Kind.COMMUNITY).order_by("sort_order", "pk")
    )
    for i, org in enumerate(communities[: ctx.count(len(communities))]):
        rng = ctx.rng("community-docs", org.slug)
        moments = [ctx.past(rng, 5 + n * 40 + i % 7) for n in range(3)]
        docs = _community_docs(org, [timezone.localdate(m) for m in moments])
        for n, ((title, genre, body), when) in enumerate(zip(docs, moments, strict=True)):
            slug = f"{org.slug}-{n + 1}"
            if slug in existing:
                continue
            page = PolicyDocumentPage(
                title=title,
                slug=slug,
                date=when,
                first_published_at=when,
                last_published_at=when,
                written_date=timezone.localdate(when),
                topic="民政、扶贫、救灾",
                genre=genre,
                body=body,
                owner_organisation=org,
                issuing_organ=f"{org.name}居民委员会",
                live=True,
            )
            column.add_child(instance=page)
            ctx.created["community documents"] += 1


def _column(ctx, slug):
    return ctx.columns.get(slug)


def _latest(column):
    return BasePage.items().descendant_of(column).values_list("date", flat=True).first()


def _entry(org, level, item, n, columns, event_on=None) -> tuple[dict, list]:
    domain, l1, l2, content, basis, _slug, channels = item
    return (
        {
            "domain": domain,
            "content": content,
            "basis": BASIS[basis],
            "time_limit": "信息形成或者变更之日起20个工作日内",
            "time_limit_days": 20,
            "channels": [c for c in channels.split("、") if c],
            "audience": CatalogueEntry.Audience.PUBLIC
            if basis != "assist"
            else CatalogueEntry.Audience.GROUP,
            "mode": CatalogueEntry.Mode.PROACTIVE,
            "level": level,
            "event_on": event_on,
            "sort_order": n,
        },
        columns,
    )


@register_seed("standard catalogue", order=76, label="公开事项标准目录")
def seed_catalogue(ctx: SeedContext) -> None:
    if CatalogueEntry.objects.exists():
        return
    today = timezone.localdate(ctx.now)
    cal = WorkdayCalendar()
    plans = []  # (org, l1, l2, values, columns)
    for d, slug in enumerate(DEPARTMENTS):
        org = ctx.orgs.get(slug)
        if org is None:
            continue
        own = _column(ctx, slug)  # the department's own 部门信息公开 column
        for n in range(5):
            item = ITEMS[(d + n) % len(ITEMS)]
            shared = _column(ctx, item[5])
            columns = [c for c in (shared, own) if c is not None]
            plans.append((org, item, n, CatalogueEntry.Level.DISTRICT, columns))
    for s, street in enumerate(
        Organisation.objects.filter(kind=Organisation.Kind.STREET).order_by("sort_order")
    ):
        own = _column(ctx, street.slug)
        for n, item in enumerate(STREET_ITEMS[: 4 + s % 3]):
            columns = [own] if own is not None else []
            if item[5] == "" and n % 2:
                columns = []  # a few street items are not yet linked to a column
            plans.append((street, item, n, CatalogueEntry.Level.STREET, columns))
    stale_left = 3
    for org, item, n, level, columns in plans:
        latest = max((d for d in (_latest(c) for c in columns) if d), default=None)
        event_on = None
        if latest is not None:
            # the last change of the item, published two days later: within its time limit
            event_on = timezone.localdate(latest) - timedelta(days=2)
        if n == 1 and columns:
            # a change made last week, its 20 working days still running
            event_on = cal.subtract_working_days(today, 5)
        if (
            latest is not None
            and stale_left
            and n == 3
            and timezone.localdate(latest) < today - timedelta(days=70)
        ):
            # a change after the columns' last item and long past its time limit: stale
            event_on = timezone.localdate(latest) + timedelta(days=3)
            stale_left -= 1
        values, linked = _entry(org, level, item, n, columns, event_on)
        entry, created = CatalogueEntry.objects.get_or_create(
            organisation=org, item_level1=item[1], item_level2=item[2], defaults=values
        )
        if created:
            entry.columns.set(linked)
            entry.save()
            ctx.created["catalogue entries"] += 1
    if stale_left:
        # no column old enough: date a few events before any publication in their columns
        for entry in CatalogueEntry.objects.filter(columns__isnull=False).distinct()[:stale_left]:
            entry.event_on = today - timedelta(days=400)
            entry.save(update_fields=["event_on"])


@register_seed("concern topics", order=77, label="群众关切事项目录")
def seed_concerns(ctx: SeedContext) -> None:
    for slug, title, summary, keywords, weight in CONCERNS:
        topic, created = ConcernTopic.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "summary": summary,
                "keywords": keywords,
                "weight": weight,
                "response": f"<p>区有关部门已将“{title}”列入群众关切事项，相关政策、解读和办事指南汇集于本页，并根据群众来信和咨询持续更新。</p>",
            },
        )
        if not created:
            continue
        word = keywords.split(",")[0]
        docs = PolicyDocumentPage.objects.live().filter(title__contains=word).order_by("-date")[:3]
        for i, doc in enumerate(docs):
            ConcernLink.objects.create(topic=topic, key=f"policy:{doc.pk}", sort_order=i)
        ctx.created["concern topics"] += 1
