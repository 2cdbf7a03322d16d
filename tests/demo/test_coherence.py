"""The demo district reads true: the seeded items agree with their titles, their columns, their own
dates and validity, and with each other.

The demo is seeded once for the module (in a transaction rolled back at the end) and read into
plain records; each test checks one rule over every item.
"""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from django.utils.html import strip_tags

from portal.core.models import Leader, Organisation
from portal.demo.documents import add_years
from portal.disclosure.models import LeaderDirectoryPage, PolicyDocumentPage
from portal.pages.models import ArticlePage, ColumnPage

pytestmark = pytest.mark.django_db  # the module's fixture seeds the test database

NOW = timezone.now()
YEARS_BACK = {"gfxwj": 7}  # normative documents go back further than the other columns


@dataclass
class Item:
    kind: str  # "article" or "policy"
    title: str
    column: str
    column_title: str
    starts_on: date | None
    ends_on: date | None
    date: date
    text: str
    blocks: list[str]
    number: str = ""
    genre: str = ""
    validity: str = ""
    changed_on: date | None = None
    expires_on: date | None = None


def _column(page) -> ColumnPage:
    return page.get_parent().specific


def _records() -> dict:
    items = []
    for page in ArticlePage.objects.filter(locale__language_code="zh-hans"):
        column = _column(page)
        text = " ".join(strip_tags(str(b.value.source)) for b in page.body if b.block_type == "paragraph")
        items.append(
            Item(
                "article", page.title, column.slug, column.title, column.starts_on, column.ends_on,
                timezone.localtime(page.date).date(), text, [b.block_type for b in page.body],
            )
        )  # fmt: skip
    for page in PolicyDocumentPage.objects.all():
        column = _column(page)
        items.append(
            Item(
                "policy", page.title, column.slug, column.title, None, None,
                timezone.localtime(page.date).date(), strip_tags(page.body), [],
                page.document_number, page.genre, page.validity, page.validity_changed_on, page.expires_on,
            )
        )  # fmt: skip
    pictures = {
        page.title: [
            (b.block_type, getattr(b.value, "contextual_alt_text", None) or b.value.get("caption", ""))
            for b in page.body
            if b.block_type in ("image", "video", "area_map")
        ]
        for page in ArticlePage.objects.filter(locale__language_code="zh-hans")
    }
    videos = [
        (b.value["video"].file_extension, b.value["captions"].file.read().decode("utf-8"))
        for page in ArticlePage.objects.all()
        for b in page.body
        if b.block_type == "video"
    ]
    leaders = [
        (leader.title, strip_tags(leader.cv.replace("</p>", "\n")), bool(leader.photo_id))
        for leader in Leader.objects.all()
    ]
    streets = [s.duties for s in Organisation.objects.filter(kind=Organisation.Kind.STREET)]
    names = set(Organisation.objects.values_list("name", flat=True))
    names |= set(Organisation.objects.exclude(short_name="").values_list("short_name", flat=True))
    return {
        "items": items,
        "pictures": pictures,
        "videos": videos,
        "leaders": leaders,
        "streets": streets,
        "names": names,
        "pages": _rendered(),
    }


def _rendered() -> dict[str, str]:
    """The public HTML of a picture news item, a video, the area map and a leader, and of the files
    the video page plays (as an anonymous reader gets them)."""
    client = Client()
    first = {
        slug: ArticlePage.objects.child_of(ColumnPage.objects.get(slug=slug)).order_by("pk").first()
        for slug in ("tpxw", "sp", "qydt")
    }
    pages = {slug: client.get(page.url).content.decode() for slug, page in first.items()}
    leader = Leader.objects.filter(organisation__slug="district").first()
    pages["leader"] = client.get(LeaderDirectoryPage.objects.get().url_for(leader)).content.decode()
    for match in re.finditer(r'src="(/documents/[^"]+)"', pages["sp"]):
        response = client.get(match[1])
        pages[match[1]] = f"{response.status_code} {response.get('Content-Type')}"
    return pages


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    tasks = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_db_blocker.unblock(), override_settings(TASKS=tasks), transaction.atomic():
        call_command("seed_demo", no_index=True, quiet=True, stdout=io.StringIO())
        records = _records()
        transaction.set_rollback(True)
    return records


def _fail(problems: list) -> None:
    assert not problems, f"{len(problems)} problem(s), e.g.:\n" + "\n".join(map(str, problems[:15]))


# ---------------------------------------------------------------- validity


START = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起(?:施行|实施)，有效期(\d)年")
PERIOD = re.compile(r"实施期限为(\d{4})年至(\d{4})年")


def stated_expiry(text: str) -> date | None:
    """The last day of the validity the document's own text states, or None if it states none."""
    if m := START.search(text):
        start = date(int(m[1]), int(m[2]), int(m[3]))
        return add_years(start, int(m[4])) - timedelta(days=1)
    if m := PERIOD.search(text):
        return date(int(m[2]), 12, 31)
    return None


def test_a_policy_documents_expiry_is_its_stated_validity(demo):
    today = timezone.localdate()
    problems = []
    for item in (i for i in demo["items"] if i.kind == "policy"):
        expected = stated_expiry(item.text)
        if item.expires_on != expected:
            problems.append((item.title, "text says", expected, "field says", item.expires_on))
        if item.expires_on and item.expires_on < today and item.validity == "in_force":
            problems.append((item.title, "in force past its expiry", item.expires_on))
        if item.validity == "expired" and item.changed_on != item.expires_on:
            problems.append((item.title, "expired on", item.changed_on, "but valid until", item.expires_on))
        if item.changed_on and not (item.date <= item.changed_on <= today):
            problems.append((item.title, "validity changed outside its life", item.changed_on))
    _fail(problems)
    validities = Counter(i.validity for i in demo["items"] if i.kind == "policy")
    assert (
        validities["expired"] and validities["repealed"] and validities["revised"] and validities["in_force"]
    )


def test_a_documents_text_speaks_of_the_kind_of_document_it_is(demo):
    """A 行动计划, 方案, 意见 or 措施 never says 本办法; a 办法 is written in articles (第X条)."""
    problems = []
    for item in demo["items"]:
        name = item.title.split("《")[-1].split("》")[0]
        if any(kind in name for kind in ("行动计划", "方案", "意见", "措施", "通报", "报告")):
            problems += [(item.title, word) for word in ("本办法", "本规定", "本细则") if word in item.text]
        if item.kind == "policy" and re.search(r"(办法|规定|细则)(（\d{4}年修订）)?$", name):
            if "第一条" not in item.text or not re.search(r"本(办法|规定|细则)", item.text):
                problems.append((item.title, "not written in articles"))
    _fail(problems)


# ---------------------------------------------------------------- titles and numbers


def test_no_title_repeats_within_a_column_or_among_policy_documents(demo):
    by_column = Counter((i.column, i.title) for i in demo["items"])
    _fail([key for key, n in by_column.items() if n > 1])
    policies = Counter(i.title for i in demo["items"] if i.kind == "policy")
    _fail([title for title, n in policies.items() if n > 1])


def test_document_numbers_are_unique_and_sequential_per_issuer_and_year(demo):
    numbers = [i.number for i in demo["items"] if i.number]
    _fail([n for n, count in Counter(numbers).items() if count > 1])
    series = defaultdict(list)
    for item in sorted((i for i in demo["items"] if i.number), key=lambda i: i.date):
        m = re.fullmatch(r"(\D+)〔(\d{4})〕(\d+)号", item.number)
        assert m, item.number
        assert int(m[2]) == item.date.year, (item.number, item.date)
        series[(m[1], m[2])].append(int(m[3]))
    _fail([(key, ns) for key, ns in series.items() if ns != list(range(1, len(ns) + 1))])


BOILERPLATE = re.compile(
    r"【[^】]*】|图说：|\d{4}(年|—)|\d{1,2}(—\d{1,2})?月|[一二三四]季度|上半年|前三季度|全年|第\d+期|"
    r"关于|印发|进一步|加强|做好|开展|的(通知|公告|通告|通报|报告|批复|倡议书)$|政策解读|政策问答|"
    r"工作(?!报告|计划|总结|要点|情况)|启动|召开|专题会|推进|部署|举办|扎实|再传捷报|取得新成效|新成效|成效显著|见实效|专项行动|"
    r"暖人心|让老人乐享晚年|让群众办事更便捷|丰富群众文化生活|助力稳就业|提质扩面|再提速|新举措|全面开工|计划发布|"
    r"[《》“”（）()、：—\s]"
)
QUOTES = re.compile(r"[《》“”（）()、：—\s]")


def key_phrase(title: str, names: set[str]) -> str:
    """The title without its issuer, dates and the words every title of its kind has."""
    for name in sorted(names, key=len, reverse=True):
        title = title.replace(name, "")
    return BOILERPLATE.sub("", title.replace("示范区", ""))


def test_the_body_speaks_of_what_the_title_names(demo):
    """Some four characters of the title's subject (all of it, if shorter) appear in the body."""
    problems = []
    for item in demo["items"]:
        phrase = key_phrase(item.title, demo["names"])
        size = min(4, len(phrase))
        if size < 2:
            continue
        chunks = {phrase[i : i + size] for i in range(len(phrase) - size + 1)}
        text = QUOTES.sub("", item.text)
        if not any(chunk in text for chunk in chunks):
            problems.append((item.column, item.title, phrase))
    _fail(problems)


# ---------------------------------------------------------------- dates


def test_dates_lie_within_the_columns_span_and_not_in_the_future(demo):
    today = timezone.localdate()
    problems = []
    for item in demo["items"]:
        if item.date > today:
            problems.append((item.title, item.date, "in the future"))
        if item.starts_on and not (item.starts_on <= item.date <= (item.ends_on or today)):
            problems.append((item.title, item.date, "outside the topic", item.starts_on, item.ends_on))
        oldest = today.replace(year=today.year - YEARS_BACK.get(item.column, 4))
        if item.date < oldest:
            problems.append((item.title, item.date, "older than the column goes back"))
        if (m := re.search(r"(\d{4})(年|—)", item.title)) and int(m[1]) > item.date.year + 1:
            problems.append((item.title, item.date, "speaks of a year still to come"))
    _fail(problems)


def test_no_quarter_beyond_the_fourth_and_no_doubled_words(demo):
    problems = []
    for item in demo["items"]:
        for text in (item.title, item.text):
            for m in re.finditer(r"第([0-9]+|[五六七八九十]+)季度", text):
                problems.append((item.title, m[0]))
            for m in re.finditer(r"([\u4e00-\u9fff]{2})\1", text):
                problems.append((item.title, m[0]))
    _fail(problems)


def test_periods_in_a_text_end_after_they_begin(demo):
    """报名时间5月6日至5月5日 cannot be: a period stated as 'M月D日至M月D日' runs forwards."""
    problems = []
    for item in demo["items"]:
        for m in re.finditer(r"(\d{1,2})月(\d{1,2})日至(\d{1,2})月(\d{1,2})日", item.text):
            start, end = (int(m[1]), int(m[2])), (int(m[3]), int(m[4]))
            if not start < end or not (1 <= start[1] <= 31 and 1 <= end[1] <= 31):
                problems.append((item.title, m[0]))
    _fail(problems)


def test_periodic_reports_report_a_period_already_over(demo):
    """A monthly report is published after its month, an annual report after its year."""
    problems = []
    for item in demo["items"]:
        if m := re.search(r"(\d{4})年(\d{1,2})月", item.title):
            if (int(m[1]), int(m[2])) > (item.date.year, item.date.month) or "安全生产风险提示" in item.title:
                continue
            if (int(m[1]), int(m[2])) == (item.date.year, item.date.month) and "情况" in item.title:
                problems.append((item.title, item.date))
        if m := re.search(
            r"(\d{4})年(政府信息公开工作年度报告|国民经济和社会发展统计公报|部门决算|区级财政决算)",
            item.title,
        ):
            if int(m[1]) >= item.date.year:
                problems.append((item.title, item.date))
    _fail(problems)


# ---------------------------------------------------------------- columns and media


def test_each_column_holds_what_it_is_for(demo):
    by_column = defaultdict(list)
    for item in demo["items"]:
        by_column[item.column].append(item)
    assert all(i.title.startswith("【视频】") for i in by_column["sp"])
    assert all(i.title.startswith("图说：") for i in by_column["tpxw"])
    assert all(re.search(r"(政策解读|政策问答)$", i.title) for i in by_column["zcjd"])
    assert all(re.search(r"(通知|公告|通告|倡议书)$", i.title) for i in by_column["tzgg"])
    assert all("年度报告" in i.title for i in by_column["gknb"])
    assert all(i.title.startswith("示范区") or i.title.startswith("政府") for i in by_column["ysqgk"])
    for column in ("qzfwj", "qzfbgswj", "bmwj", "gfxwj"):
        assert by_column[column] and all(i.kind == "policy" and i.number for i in by_column[column])


def test_picture_news_video_and_map_carry_their_media(demo):
    pictures = demo["pictures"]
    items = {i.title: i for i in demo["items"] if i.kind == "article"}
    for title, item in items.items():
        media = pictures[title]
        if item.column == "tpxw":
            assert media and media[0][0] == "image" and len(media[0][1]) >= 6, title
        if item.column == "sp":
            assert media and media[0][0] == "video", title
        if item.column == "qydt":
            assert ("area_map", "") in [(kind, "") for kind, _ in media], title
    assert demo["videos"]
    for extension, track in demo["videos"]:
        assert extension in ("webm", "mp4")
        assert track.startswith("WEBVTT") and "-->" in track


def test_media_show_on_the_public_pages(demo):
    pages = demo["pages"]
    assert re.search(r'<figure class="article-figure"><img [^>]*alt="[^"]{6,}"', pages["tpxw"])
    assert "<video controls" in pages["sp"] and '<track kind="captions" srclang="zh-Hans"' in pages["sp"]
    played = {url: status for url, status in pages.items() if url.startswith("/documents/")}
    assert len(played) == 2 and all(status.startswith("200 ") for status in played.values()), played
    assert {status.split()[1] for status in played.values()} == {"video/webm", "text/vtt"}
    assert '<svg class="area-map__svg"' in pages["qydt"]
    streets = re.findall(r'<a href="(/[^"]+/)">([^<]+街道)</a>', pages["qydt"])
    assert len({name for _, name in streets}) == 7
    assert re.search(r'<img [^>]*alt="[^"]+"', pages["leader"].split('class="leader-detail__photo"')[1])


def test_streets_have_duties_of_their_own(demo):
    streets = demo["streets"]
    assert len(streets) >= 6 and len(set(streets)) == len(streets)


# ---------------------------------------------------------------- leaders


RANKS = ["科员", "副科长", "科长", "副局长|副主任", "局长|主任", "党工委书记|副区长|常务副区长", "区长"]


def rank(post: str) -> int:
    """The rung of a post, by the longest rank its name ends with (副局长 before 局长)."""
    tail = post.split("，")[0]
    found = [
        (len(word), level)
        for level, words in enumerate(RANKS)
        for word in words.split("|")
        if tail.endswith(word)
    ]
    assert found, f"unknown post {post}"
    return max(found)[1]


def test_leader_careers_climb_one_rung_at_a_time_without_gaps(demo):
    problems = []
    for title, cv, has_photo in demo["leaders"]:
        if not has_photo:
            problems.append((title, "no photo"))
        steps = re.findall(r"(\d{4}\.\d{2})—(\d{4}\.\d{2})?\u3000(.+)", cv)
        if len(steps) < 2:
            problems.append((title, "no career", cv[:80]))
            continue
        for (since, until, post), (next_since, _, next_post) in zip(steps, steps[1:]):
            if until != next_since or not since < until:
                problems.append((title, "gap or overlap", since, until, next_since))
            if rank(next_post) - rank(post) not in (0, 1):
                problems.append((title, "skipped a rung", post, next_post))
        if steps[-1][1] or not steps[-1][2].endswith(title.removesuffix("（兼）")) and "（兼）" not in title:
            problems.append((title, "does not end in the current post", steps[-1]))
        born = int(re.search(r"(\d{4})年\d{1,2}月生", cv)[1])
        started = int(steps[0][0][:4])
        if not 21 <= started - born <= 26 or not 35 <= NOW.year - born <= 60:
            problems.append((title, "implausible age", born, started))
    _fail(problems)
