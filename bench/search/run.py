"""Search benchmark: build time and query latency of the Chinese index, against stock Wagtail search.

    .venv/bin/python bench/search/run.py --n 100000          # default N
    .venv/bin/python bench/search/run.py --n 1000000         # the scale target
    .venv/bin/python bench/search/run.py --n 5000 --skip-wagtail

Generates N realistic Chinese government documents (deterministic), indexes them with the
portal's pipeline (rjieba search-mode tokens → SQLite FTS5 / PostgreSQL tsvector, whichever
DATABASE_URL names; default a scratch SQLite file) and with Wagtail's database search backend on
the same corpus, then runs a fixed query mix. Recall is measured against a brute-force truth:
documents whose title or body contain every key term of the query. The last line printed is one
JSON object with all figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.search.settings")

ORGS = [
    "示范区人力资源和社会保障局",
    "示范区市场监督管理局",
    "示范区医疗保障局",
    "示范区民政局",
    "示范区教育局",
    "示范区卫生健康局",
    "示范区住房和建设局",
    "示范区公安分局",
    "示范区财政局",
    "示范区应急管理局",
    "示范区生态环境分局",
    "示范区交通运输局",
    "示范区政务服务数据管理局",
    "示范区文昌街道办事处",
    "示范区清河街道办事处",
    "示范区退役军人事务局",
    "示范区商务局",
]
TOPICS = [
    "营业执照",
    "社会保障卡",
    "住房公积金",
    "居民身份证",
    "城乡居民医疗保险",
    "养老服务补贴",
    "生活垃圾分类",
    "老旧小区改造",
    "义务教育入学",
    "家庭医生签约服务",
    "高龄津贴",
    "最低生活保障",
    "就业创业补贴",
    "公共停车管理",
    "食品经营许可",
    "安全生产",
    "扬尘污染防治",
    "节约用水",
    "退役军人优待",
    "婚姻登记",
    "新生儿出生登记",
    "企业开办",
    "不动产登记",
    "残疾人两项补贴",
    "临时救助",
    "公租房配租",
    "技能培训补贴",
    "失业保险金",
    "电动自行车安全",
    "防汛抗旱",
    "预防接种",
    "政务公开",
    "优化营商环境",
    "科技创新券",
    "民营经济发展",
    "数字经济",
]
ACTIONS = ["开展", "做好", "进一步加强", "规范", "推进", "优化", "实施", "调整"]
GENRES = ["的通知", "的公告", "实施办法", "管理办法", "的实施意见", "办事指南", "政策解读", "情况通报"]
SENTENCES = [
    "为进一步做好{t}工作，切实保障群众合法权益，根据有关法律法规，结合本区实际，制定本{g}。",
    "申请人可通过政务服务网或到区政务服务中心窗口办理{t}相关业务。",
    "办理{t}需携带居民身份证原件及相关证明材料，符合条件的当场办结。",
    "各街道、各有关部门要高度重视{t}工作，明确责任分工，确保各项措施落到实处。",
    "{o}负责{t}的组织实施和监督检查，联系电话0000-12345。",
    "对符合条件的对象，按照每人每月{n}元的标准发放补贴，资金由区财政统筹安排。",
    "本{g}自印发之日起施行，有效期{n}年，原有规定与本{g}不一致的，以本{g}为准。",
    "{y}年以来，全区累计办理{t}业务{n}件，群众满意度持续提升。",
    "下一步，将继续深化{t}改革，推动更多事项网上办、掌上办、就近办。",
    "市民如有疑问，可拨打12345政务服务便民热线咨询。",
]


def generate(n: int, seed: int = 2026):
    rnd = random.Random(seed)
    for i in range(n):
        topic = rnd.choice(TOPICS)
        other = rnd.choice(TOPICS)
        org = rnd.choice(ORGS)
        genre = rnd.choice(GENRES)
        year = rnd.randint(2018, 2026)
        title = (
            f"{org}关于{rnd.choice(ACTIONS)}{year}年{topic}工作{genre}"
            if i % 3
            else f"{topic}{genre.lstrip('的')}"
        )
        sentences = []
        for _ in range(rnd.randint(5, 10)):
            t = topic if rnd.random() < 0.7 else other
            sentences.append(
                rnd.choice(SENTENCES).format(t=t, g=genre.lstrip("的"), o=org, n=rnd.randint(2, 900), y=year)
            )
        yield i, title, "".join(sentences), org


# (query, key terms for the brute-force truth)
QUERY_MIX = [
    ("营业执照", ["营业执照"]),
    ("怎么办理营业执照", ["营业执照"]),
    ("社保卡", ["社会保障卡"]),
    ("公积金", ["住房公积金"]),
    ("身份证", ["身份证"]),
    ("医保", ["医疗保险"]),
    ("养老服务补贴", ["养老服务补贴"]),
    ("垃圾分类", ["垃圾分类"]),
    ("老旧小区改造", ["老旧小区改造"]),
    ("义务教育入学报名", ["义务教育入学"]),
    ("家庭医生", ["家庭医生"]),
    ("高龄津贴怎么申请", ["高龄津贴"]),
    ("低保", ["最低生活保障"]),
    ("就业创业补贴", ["就业创业补贴"]),
    ("停车", ["停车"]),
    ("婚姻登记需要什么材料", ["婚姻登记"]),
    ("不动产登记", ["不动产登记"]),
    ("失业保险金", ["失业保险金"]),
    ("市场监督管理局", ["市场监督管理局"]),
    ("文昌街道", ["文昌街道"]),
    ("安全生产 通知", ["安全生产", "通知"]),
    ("2025年 防汛抗旱", ["2025年", "防汛抗旱"]),
    ("shebao", ["社会保障"]),
    ("gongjijin", ["公积金"]),
    ("營業執照", ["营业执照"]),
    ("養老服務補貼", ["养老服务补贴"]),
    ("家庭医声", ["家庭医生"]),
    ("营业执招", ["营业执照"]),
    ("预防接种", ["预防接种"]),
    ("科技创新券", ["科技创新券"]),
]


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _segment_pair(pair: tuple[str, str]) -> tuple[str, str]:
    from portal.search.text import index_text

    title, body = pair
    return index_text(title), index_text(body)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="documents (100000 default; 1000000 option)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the query mix")
    parser.add_argument("--skip-wagtail", action="store_true", help="no baseline")
    parser.add_argument(
        "--baseline-repeat", type=int, default=1, help="runs of the mix for the (slow) baseline"
    )
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=1, help="processes segmenting text in parallel")
    args = parser.parse_args()

    db_url = os.environ.get("DATABASE_URL", "sqlite:////tmp/portal-search-bench.sqlite3")
    if db_url.startswith("sqlite:///"):
        path = Path(db_url.removeprefix("sqlite://"))
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = db_url

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", run_syncdb=True, verbosity=0)

    from bench.search.benchapp.models import BenchDoc
    from portal.search import text
    from portal.search.index import Filters, get_engine
    from portal.search.indexer import _title_terms, add_terms
    from portal.search.models import SearchDocument
    from portal.search.query import SearchParams, search

    engine = get_engine()
    text.add_words(ORGS + TOPICS)
    print(f"engine={engine.name} n={args.n}", flush=True)

    # ── build the portal index ──
    started = time.perf_counter()
    terms: dict[str, int] = {}
    raw: list[tuple[str, str]] = []
    pool = None
    if args.workers > 1:
        import multiprocessing

        pool = multiprocessing.get_context("fork").Pool(
            args.workers, initializer=text.add_words, initargs=(ORGS + TOPICS,)
        )
    with transaction.atomic():
        for chunk in _chunks(generate(args.n), args.batch):
            pairs = [(title, body) for _, title, body, _ in chunk]
            raw.extend(pairs)
            tokens = (
                pool.map(_segment_pair, pairs, chunksize=100) if pool else [_segment_pair(p) for p in pairs]
            )
            SearchDocument.objects.bulk_create(
                [
                    SearchDocument(
                        key=f"bench:{i}",
                        doc_type="article",
                        object_id=str(i),
                        title=title,
                        body=body,
                        url=f"/bench/{i}/",
                        organisation_name=org,
                        title_tokens=tt,
                        body_tokens=bt,
                    )
                    for (i, title, body, org), (tt, bt) in zip(chunk, tokens)
                ]
            )
            for title, _ in pairs:
                for t in _title_terms(title):
                    terms[t] = terms.get(t, 0) + 1
        if pool:
            pool.close()
        segmented = time.perf_counter()
        engine.rebuild()
        from collections import Counter

        add_terms(list(terms), Counter(terms))
    if connection.vendor == "sqlite":
        engine.optimize()
    build_s = time.perf_counter() - started
    print(f"portal index: {build_s:.1f}s (segmenting+storing {segmented - started:.1f}s)", flush=True)

    # ── truth ──
    truth: dict[str, set[int]] = {}
    for q, keys in QUERY_MIX:
        truth[q] = {i for i, (title, body) in enumerate(raw) if all(k in title or k in body for k in keys)}

    def portal_ids(q: str) -> set[int]:
        res = search(SearchParams(q=q, per_page=10), with_cards=False)
        # the whole match set for recall (not timed)
        query = text.analyse(res.suggestion if res.corrected else q)
        ids: set[int] = set()
        for mode in ("and", "or", "any"):
            expr = engine.expression(query, mode)
            if not expr:
                continue
            hits, _ = engine.search(expr, Filters(), "date", 0, 10_000_000)
            if hits:
                doc_ids = [h.doc_id for h in hits]
                keys: dict[int, str] = {}
                for start in range(0, len(doc_ids), 500):  # SQLite caps bound parameters
                    chunk = doc_ids[start : start + 500]
                    keys.update(SearchDocument.objects.filter(pk__in=chunk).values_list("pk", "object_id"))
                ids = {int(keys[d]) for d in doc_ids}
                break
        return ids

    def timed(fn, queries, repeat) -> list[float]:
        out = []
        for _ in range(repeat):
            for q in queries:
                t0 = time.perf_counter()
                fn(q)
                out.append((time.perf_counter() - t0) * 1000)
        return out

    queries = [q for q, _ in QUERY_MIX]
    portal_search = lambda q: search(SearchParams(q=q, per_page=10), with_cards=False).items  # noqa: E731
    for q in queries:  # warm-up
        portal_search(q)
    lat = timed(portal_search, queries, args.repeat)

    def recall(found: dict[str, set[int]]) -> tuple[float, float]:
        scores = [len(found[q] & truth[q]) / len(truth[q]) for q in queries if truth[q]]
        hit = [bool(found[q] & truth[q]) for q in queries if truth[q]]
        return sum(scores) / len(scores), sum(hit) / len(hit)

    print(
        f"portal query latency over {len(lat)} queries: p50 {statistics.median(lat):.2f} ms, "
        f"p95 {percentile(lat, 95):.2f} ms, p99 {percentile(lat, 99):.2f} ms",
        flush=True,
    )
    portal_found = {q: portal_ids(q) for q in queries}
    p_recall, p_hit = recall(portal_found)
    result = {
        "bench": "portal-search",
        "engine": engine.name,
        "n": args.n,
        "queries": len(queries),
        "repeat": args.repeat,
        "build_s": round(build_s, 1),
        "p50_ms": round(statistics.median(lat), 2),
        "p95_ms": round(percentile(lat, 95), 2),
        "p99_ms": round(percentile(lat, 99), 2),
        "recall": round(p_recall, 3),
        "queries_with_a_relevant_hit": round(p_hit, 3),
    }
    print(
        f"portal: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, "
        f"recall {result['recall']}",
        flush=True,
    )

    if not args.skip_wagtail:
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend()
        started = time.perf_counter()
        BenchDoc.objects.bulk_create(
            [BenchDoc(id=i + 1, title=t, body=b) for i, (t, b) in enumerate(raw)], batch_size=args.batch
        )
        qs = BenchDoc.objects.order_by("pk")
        for start in range(0, args.n, args.batch):
            backend.add_bulk(BenchDoc, list(qs[start : start + args.batch]))
        w_build = time.perf_counter() - started

        def wagtail_search(q: str):
            return list(backend.search(q, BenchDoc)[:10])

        for q in queries[:3]:  # warm-up
            wagtail_search(q)
        w_lat = timed(wagtail_search, queries, args.baseline_repeat)
        w_found = {q: {o.pk - 1 for o in backend.search(q, BenchDoc)} for q in queries}
        w_recall, w_hit = recall(w_found)
        result["wagtail_db"] = {
            "build_s": round(w_build, 1),
            "p50_ms": round(statistics.median(w_lat), 2),
            "p95_ms": round(percentile(w_lat, 95), 2),
            "p99_ms": round(percentile(w_lat, 99), 2),
            "recall": round(w_recall, 3),
            "queries_with_a_relevant_hit": round(w_hit, 3),
        }
        print(
            f"wagtail database search: build {w_build:.1f}s, p50 {result['wagtail_db']['p50_ms']} ms, "
            f"recall {result['wagtail_db']['recall']}",
            flush=True,
        )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
