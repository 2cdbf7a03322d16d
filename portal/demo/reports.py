"""Reports written from the organisation's own data: the annual disclosure report (年报, in the
sections the national template prescribes), a department budget, a street's summary and plan, a
street's service guide and a month's completed work."""

from __future__ import annotations

import random

from . import material

NUMERALS = "一二三四五六七八九十"


def _duty_topics(duties: list[str]) -> list[str]:
    """The operational duties as topics: '负责全区水资源的合理开发利用和节约保护工作。' →
    '全区水资源的合理开发利用和节约保护'; duties of policy-making (贯彻…, 拟订…) are left out."""
    topics = []
    for duty in duties:
        text = duty.rstrip("。").split("，")[0].split("；")[0]
        if text.startswith(("贯彻", "拟订", "统筹", "主管")):
            continue
        topics.append(text.removeprefix("负责").removesuffix("工作"))
    return topics or [d.rstrip("。") for d in duties[:2]]


def annual_report(rng: random.Random, v: dict, org_name: str, small: bool = False) -> list[str]:
    """政府信息公开工作年度报告: figures that add up (received = answered + carried over)."""
    k = 1 if small else 8
    received, carried_in = rng.randint(6, 20) * k, rng.randint(0, 3) * (k // 2 or 1)
    total = received + carried_in
    carried_out = rng.randint(0, 2)
    done = total - carried_out
    disclosed = round(done * rng.uniform(0.45, 0.6))
    partly = round(done * rng.uniform(0.1, 0.2))
    none_held = round(done * rng.uniform(0.1, 0.2))
    refused = rng.randint(0, 2)
    other = done - disclosed - partly - none_held - refused
    review, suits = rng.randint(0, 3), rng.randint(0, 2)
    prev = v["prev"]
    return [
        f"本报告根据《中华人民共和国政府信息公开条例》编制，由{org_name}负责。本报告所列数据的统计期限自"
        f"{prev}年1月1日起至{prev}年12月31日止。",
        "<strong>一、总体情况</strong>"
        f"{prev}年，{org_name}坚持以公开为常态、不公开为例外，主动公开政府信息{rng.randint(120, 900) // k * k + 60}条，"
        f"依法办理政府信息公开申请，及时回应社会关切。",
        "<strong>二、主动公开政府信息情况</strong>"
        f"本年制发规范性文件{rng.randint(0, 6) if not small else rng.randint(0, 2)}件，"
        f"现行有效规范性文件均已在门户网站公开；行政许可、行政处罚等信息按规定在法定时限内公开。",
        "<strong>三、收到和处理政府信息公开申请情况</strong>"
        f"本年新收政府信息公开申请{received}件，上年结转{carried_in}件，共计{total}件。"
        f"办理结果：予以公开{disclosed}件，部分公开{partly}件，本机关不掌握相关政府信息{none_held}件，"
        f"不予公开{refused}件，其他处理{other}件，结转下年度继续办理{carried_out}件。",
        "<strong>四、政府信息公开行政复议、行政诉讼情况</strong>"
        f"本年因政府信息公开被申请行政复议{review}件、提起行政诉讼{suits}件，结果均为维持或者驳回。",
        "<strong>五、存在的主要问题及改进情况</strong>"
        "存在的问题：部分栏目信息更新不够及时，政策解读形式较为单一。改进措施：落实栏目更新责任，"
        "推行图解、问答、视频等多种解读形式。",
        "<strong>六、其他需要报告的事项</strong>本年度未收取信息处理费。",
    ]


def budget(rng: random.Random, v: dict, org: dict) -> list[str]:
    """部门预算 with figures: total = basic + project; the 三公 budget broken down."""
    basic, project = rng.randint(800, 4000), rng.randint(300, 3000)
    car, reception = rng.randint(5, 30), rng.randint(1, 8)
    duties = "；".join(d.rstrip("。") for d in org["duties"][:3])
    return [
        f"现将{org['name']}{v['year']}年部门预算公开如下。",
        f"<strong>一、部门主要职责</strong>{org['name']}的主要职责是：{duties}等。内设{'、'.join(org['units'][:4])}等科室。",
        f"<strong>二、收支预算总体情况</strong>{v['year']}年收支预算总计{basic + project}.{v['n']}万元，"
        f"其中基本支出{basic}.{v['n']}万元，用于保障机构正常运转；项目支出{project}万元，用于履行部门职能。",
        f"<strong>三、“三公”经费预算</strong>{v['year']}年“三公”经费预算{car + reception}万元，其中公务用车运行维护费"
        f"{car}万元，公务接待费{reception}万元，因公出国（境）费0万元，比上年下降{v['g1']}%。",
        f"<strong>四、政府采购和绩效目标</strong>{v['year']}年政府采购预算{rng.randint(50, 500)}万元；"
        f"本部门对{v['n']}个项目设置了绩效目标，项目资金{project}万元全部纳入绩效管理。",
    ]


def _street(name: str) -> dict:
    return next(s for s in material.district()["streets"] if s["name"] == name)


def street_plan(rng: random.Random, v: dict, org_name: str) -> list[str]:
    street = _street(org_name)
    focus = street["focus"]
    lines = [
        f"<strong>一、{v['prev']}年工作总结</strong>{v['prev']}年，{street['short_name']}围绕"
        f"{'、'.join(f['topic'] for f in focus)}等重点工作，各项任务顺利完成。",
    ]
    lines += [f"（{NUMERALS[i]}）{f['done']}" for i, f in enumerate(focus)]
    lines.append(f"<strong>二、{v['year']}年工作计划</strong>")
    lines += [f"（{NUMERALS[i]}）{f['plan']}" for i, f in enumerate(focus)]
    return lines


def street_guide(rng: random.Random, v: dict, org) -> list[str]:
    street = _street(org.name)
    communities = "、".join(c["name"] for c in street["communities"])
    return [
        f"<strong>服务地点</strong>{street['short_name']}社区事务受理服务中心（{org.address}）。",
        f"<strong>服务时间</strong>{material.district()['service_hours']}。",
        "<strong>受理事项</strong>居民最低生活保障、临时救助、高龄津贴、残疾人两项补贴、城乡居民养老保险、"
        "城乡居民医疗保险、就业登记、失业登记、计划生育服务证明等{n}0余项。".format(**v),
        f"<strong>社区代办</strong>辖区{communities}的社区综合服务站可代收材料，由街道统一受理。",
        f"<strong>联系电话</strong>{org.phone}。",
    ]


def monthly_work(rng: random.Random, v: dict, org, street: bool) -> list[str]:
    if street:
        topics = [f["topic"] for f in _street(org.name)["focus"]]
    else:
        spec = next(d for d in material.district()["departments"] if d["name"] == org.name)
        topics = _duty_topics(spec["duties"])
    chosen = rng.sample(topics, min(3, len(topics)))
    lines = [f"{v['year']}年{v['month']}月，{org.short_name}的重点工作完成情况如下："]
    for i, topic in enumerate(chosen):
        lines.append(
            f"（{NUMERALS[i]}）{topic}：按月度计划推进，办结相关事项{rng.randint(3, 40)}件，"
            f"完成进度{rng.randint(85, 100)}%。"
        )
    lines.append(f"下月，{org.short_name}将继续推进上述重点工作，并做好年度目标任务的跟踪落实。")
    return lines
