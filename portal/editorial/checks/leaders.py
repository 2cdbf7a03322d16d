"""Leader names with their exact titles and ranking order (严重表述错误 when wrong).

The table is the organisations' leader lists in core (姓名、职务、排序), kept by administrators.
A title written next to a leader's name must be one of that leader's titles; leaders of the
same organisation listed together must follow their ranking order.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from portal.core.models import Leader

from .findings import Finding, Severity, excerpt
from .lexicon import Entry, build_automaton, scan

TITLE_WORDS = (
    "常务副区长|副区长|区长|副书记|书记|副主任|主任|副局长|局长|副主席|主席|副部长|部长|秘书长|"
    "检察长|副院长|院长|副镇长|镇长|副县长|县长|副市长|市长|常委|委员|调研员|巡视员|处长|科长|组长"
)
TITLE_BEFORE = re.compile(rf"(?:{TITLE_WORDS})$")
TITLE_AFTER = re.compile(rf"^(?:{TITLE_WORDS})")
TITLE_IN_GAP = re.compile(rf"[\u4e00-\u9fff]{{0,6}}?(?:{TITLE_WORDS})")
LIST_GAP = re.compile(r"[、，,和及与\s]*")


def _components(title: str) -> list[str]:
    title = re.sub(r"（[^）]*）|\([^)]*\)", "", title)  # notes such as （兼） are not part of the title
    return [c.strip() for c in re.split(r"[、，,;；/\s]+", title) if c.strip()]


def title_matches(token: str, title: str) -> bool:
    """Whether ``token`` (e.g. 区长) is consistent with the leader's full ``title``."""
    for component in _components(title):
        if component.endswith(token):
            head = component[: -len(token)]
            if token.startswith("副") or not head.endswith("副"):
                return True
    return False


def _leaders():
    rows = list(Leader.objects.select_related("organisation").order_by("organisation_id", "sort_order", "pk"))
    automaton = build_automaton([Entry(r.name, "领导", "leader", Severity.BLOCK) for r in rows])
    by_name: dict[str, list[Leader]] = {}
    for row in rows:
        by_name.setdefault(row.name, []).append(row)
    return automaton, by_name


def check_leaders(page, fields, context) -> list[Finding]:
    automaton, by_name = _leaders()
    if not by_name:
        return []
    findings = []
    for item in fields:
        text = item.text
        hits = scan(automaton, text)
        run: list[tuple[int, int, Leader]] = []
        for start, end, entry in hits:
            leaders = by_name[entry.term]
            before = TITLE_BEFORE.search(text[max(0, start - 8) : start])
            after = TITLE_AFTER.match(text[end : end + 8])
            token = before.group(0) if before else (after.group(0) if after else "")
            leader = leaders[0]
            if token:
                matching = [x for x in leaders if title_matches(token, x.title)]
                if matching:
                    leader = matching[0]
                else:
                    findings.append(
                        Finding(
                            rule="leader_title",
                            severity=Severity.BLOCK,
                            message=_("领导职务有误：%(name)s的职务为“%(title)s”，文中写作“%(token)s”")
                            % {"name": leader.name, "title": leader.title, "token": token},
                            field=item.name,
                            offset=start,
                            excerpt=excerpt(text, start, end),
                            suggestion=f"{leader.title}{leader.name}",
                        )
                    )
            if run:
                gap = text[run[-1][1] : start]
                gap_clean = TITLE_IN_GAP.sub("", gap).replace("同志", "")
                if len(gap) > 20 or not LIST_GAP.fullmatch(gap_clean):
                    run = []
            run.append((start, end, leader))
            findings += _order_findings(item, run)
    return findings


def _order_findings(item, run) -> list[Finding]:
    """Check the newest name of a listing against the earlier ones of the same organisation."""
    start, end, newest = run[-1]
    for _s, _e, earlier in run[:-1]:
        same_org = earlier.organisation_id == newest.organisation_id
        if (
            same_org
            and earlier.pk != newest.pk
            and (newest.sort_order or 0, newest.pk) < (earlier.sort_order or 0, earlier.pk)
        ):
            return [
                Finding(
                    rule="leader_order",
                    severity=Severity.BLOCK,
                    message=_("领导排序有误：%(name)s（%(title)s）应排在%(other)s（%(other_title)s）之前")
                    % {
                        "name": newest.name,
                        "title": newest.title,
                        "other": earlier.name,
                        "other_title": earlier.title,
                    },
                    field=item.name,
                    offset=start,
                    excerpt=excerpt(item.text, start, end),
                    suggestion=_("按%(org)s领导排序列名") % {"org": newest.organisation},
                )
            ]
    return []
