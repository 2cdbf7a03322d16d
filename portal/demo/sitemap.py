"""The demo column tree (DESIGN.md, "Reference site map"), three levels at most.

Each column names the generator that fills it (``content``) and how many items it gets at
scale 1 (``count``). Department and street disclosure columns are added per organisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Col:
    slug: str
    title: str
    type: str = "general"
    freq: str = "as_needed"
    owner: str = "gov-office"
    content: str = ""
    count: int = 0
    keywords: str = ""
    description: str = ""
    children: list[Col] = field(default_factory=list)
    menu: bool = False
    topic_days: tuple[int, int] | None = None  # (starts days ago, ends days ahead)
    extra: dict = field(default_factory=dict)


def _about() -> Col:
    return Col(
        "zjsf",
        "走进示范区",
        "general",
        "yearly",
        menu=True,
        keywords="区情,概况,行政区划",
        description="示范区区情概况、历史沿革、行政区划和统计数据。",
        children=[
            Col("qqgk", "区情概况", "general", "yearly", content="about", count=1),
            Col("lsyg", "历史沿革", "general", "as_needed", content="history", count=1),
            Col("xzqh", "行政区划", "general", "yearly", content="divisions", count=1),
            Col("tjsj", "统计数据", "general", "monthly", "tjj", content="stats", count=6),
            Col("qydt", "区域地图", "general", "yearly", "ghzy", content="map", count=1),
        ],
    )


def _statutory() -> Col:
    return Col(
        "fdzdgknr",
        "法定主动公开内容",
        "disclosure",
        "monthly",
        keywords="主动公开,法定公开",
        description="按照《政府信息公开条例》第二十条、第二十一条主动公开的政府信息。",
        children=[
            Col("zcjd", "政策解读", "interpretation", "monthly", content="interpretation", count=8),
            Col("ghjh", "规划计划", "disclosure", "yearly", "fgj", content="plan", count=8),
            Col("czxx", "财政信息", "disclosure", "yearly", "czj", content="finance", count=8),
            Col("rsxx", "人事信息", "disclosure", "yearly", "rsj", content="personnel", count=6),
            Col("tjxx", "统计信息", "disclosure", "monthly", "tjj", content="stats", count=8),
            Col("zdxm", "重大项目", "disclosure", "quarterly", "fgj", content="project", count=6),
            Col("ggzypz", "公共资源配置", "disclosure", "monthly", "czj", content="procurement", count=6),
            Col("xzzfgs", "行政执法公示", "disclosure", "monthly", "sfj", content="enforcement", count=6),
            Col("yjgl", "应急管理", "disclosure", "monthly", "yjgl", content="emergency", count=6),
            Col("msbz", "民生保障", "disclosure", "monthly", "mzj", content="livelihood", count=8),
        ],
    )


def _policy() -> Col:
    return Col(
        "zcwj",
        "政策文件",
        "policy",
        "monthly",
        keywords="政策文件,规范性文件,文件库",
        description="区政府、区政府办公室和区政府部门制发的政策文件。",
        children=[
            Col("qzfwj", "区政府文件", "policy", "quarterly", extra={"policy": "district"}),
            Col("qzfbgswj", "区政府办公室文件", "policy", "quarterly", extra={"policy": "office"}),
            Col("bmwj", "部门文件", "policy", "quarterly", extra={"policy": "department"}),
            Col("gfxwj", "规范性文件", "policy", "half_yearly", "sfj", extra={"policy": "normative"}),
        ],
    )


def _disclosure() -> Col:
    return Col(
        "zwgk",
        "政务公开",
        "disclosure",
        "monthly",
        menu=True,
        keywords="政府信息公开,政务公开",
        description="示范区政府信息公开平台：指南、制度、法定主动公开内容和年报。",
        children=[
            Col("gkzn", "政府信息公开指南", "disclosure", "yearly", content="guide", count=1),
            Col("gkzd", "政府信息公开制度", "disclosure", "yearly", content="rules", count=3),
            _statutory(),
            _policy(),
            Col("gknb", "政府信息公开年报", "disclosure", "yearly", content="annual_report", count=3),
            Col("ysqgk", "依申请公开", "disclosure", "yearly", content="on_request", count=2),
            Col("bmxxgk", "部门信息公开", "disclosure", "monthly", extra={"per": "department"}),
            Col("jdxxgk", "街道信息公开", "disclosure", "monthly", extra={"per": "street"}),
            Col("gkbzml", "公开事项标准目录", "disclosure", "yearly", content="catalogue", count=2),
            Col("qzgqml", "群众关切事项目录", "disclosure", "half_yearly", content="concerns", count=2),
        ],
    )


def _news() -> Col:
    return Col(
        "xwdt",
        "新闻动态",
        "news",
        "daily",
        menu=True,
        keywords="新闻,要闻,动态",
        description="示范区政务要闻、部门和街道工作动态、通知公告。",
        children=[
            Col("qzfyw", "区政府要闻", "news", "daily", content="district_news", count=90),
            Col("bmdt", "部门动态", "news", "daily", content="department_news", count=80),
            Col("jddt", "街道动态", "news", "daily", content="street_news", count=60),
            Col("tzgg", "通知公告", "notice", "weekly", content="notice", count=50),
            Col("tpxw", "图片新闻", "news", "weekly", content="photo_news", count=16),
            Col("sp", "视频", "news", "monthly", content="video", count=6),
        ],
    )


def _services() -> Col:
    return Col(
        "zwfw",
        "政务服务",
        "service",
        "monthly",
        "zwsj",
        menu=True,
        keywords="办事,政务服务,一网通办",
        description="个人办事、法人办事、主题服务和便民服务。",
        children=[
            Col("grbs", "个人办事", "service", "monthly", "zwsj", content="service_personal", count=5),
            Col("frbs", "法人办事", "service", "monthly", "zwsj", content="service_business", count=5),
            Col("ztfw", "主题服务", "service", "monthly", "zwsj", content="one_thing", count=4),
            Col("zdbsfw", "重点办事服务指引", "service", "monthly", "zwsj", content="service_guide", count=3),
            Col("bmfwdt", "便民服务地图", "service", "yearly", "zwsj", content="service_map", count=2),
            Col("fwzr", "服务找人", "service", "monthly", "zwsj", content="proactive", count=3),
        ],
    )


def _interaction() -> Col:
    return Col(
        "hdjl",
        "互动交流",
        "interaction",
        "weekly",
        menu=True,
        keywords="信箱,咨询,征集,访谈",
        description="领导信箱、业务咨询、投诉建议、征集调查和在线访谈。",
        children=[
            Col("ldxx", "领导信箱", "interaction", "weekly", content="mailbox", count=3),
            Col("ywzx", "业务咨询", "interaction", "weekly", content="consultation", count=3),
            Col("tsjy", "投诉建议", "interaction", "weekly", content="mailbox", count=2),
            Col("zjdc", "征集调查", "interaction", "monthly", content="survey", count=4),
            Col("zxft", "在线访谈", "interaction", "monthly", content="interview", count=4),
            Col("hfxd", "回复选登", "interaction", "weekly", content="replies", count=6),
            Col("tjgk", "统计公开", "interaction", "monthly", content="letter_stats", count=3),
            Col("zc", "我为政府网站找错", "interaction", "monthly", "zwsj", content="error_report", count=2),
        ],
    )


def _data() -> Col:
    return Col(
        "sjkf",
        "数据开放",
        "data",
        "monthly",
        "zwsj",
        menu=True,
        keywords="数据开放,数据目录,接口",
        description="示范区公共数据开放目录、数据接口和数据应用。",
        children=[
            Col("sjml", "数据目录", "data", "monthly", "zwsj", content="dataset", count=4),
            Col("sjjk", "数据接口", "data", "quarterly", "zwsj", content="api", count=2),
            Col("sjyy", "数据应用", "data", "quarterly", "zwsj", content="data_app", count=2),
        ],
    )


def _topics() -> Col:
    return Col(
        "ztzl",
        "专题专栏",
        "topic",
        "monthly",
        menu=True,
        keywords="专题,专栏",
        description="示范区重点工作专题。",
        children=[
            Col(
                "yhyshj",
                "优化营商环境",
                "topic",
                "monthly",
                "fgj",
                content="topic_business",
                count=6,
                description="持续打造市场化、法治化、国际化一流营商环境。",
                topic_days=(400, 240),
            ),
            Col(
                "aqscy",
                "安全生产月",
                "topic",
                "weekly",
                "yjgl",
                content="topic_safety",
                count=5,
                description="人人讲安全、个个会应急，畅通生命通道。",
                topic_days=(20, 25),
            ),
            Col(
                "cjwmcq",
                "创建全国文明城区",
                "topic",
                "monthly",
                "cgzf",
                content="topic_civility",
                count=5,
                description="共建文明城区，共享美好生活。",
                topic_days=(300, 400),
            ),
        ],
    )


def column_tree() -> list[Col]:
    """The level-1 columns, in menu order."""
    return [_about(), _disclosure(), _news(), _services(), _interaction(), _data(), _topics()]
