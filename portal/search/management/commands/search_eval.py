from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.search.evaluation import evaluate, regressions, run_record


class Command(BaseCommand):
    help = (
        "Evaluate the search on judged queries: FILE.json is "
        '[{"query": "...", "relevant": {"<url or key>": grade 0-3}}]. '
        "Prints nDCG@10, MRR, recall@10, zero-result rate and latency p50/p95, overall and per "
        "category, and the queries that got worse than in the last recorded run (--last)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--verbose-queries", action="store_true", help="one line per query")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON only")
        parser.add_argument(
            "--last",
            help="per-query record of the last run to compare with (default: FILE with .last.json)",
        )
        parser.add_argument("--save", action="store_true", help="record this run as the last run")

    def handle(self, *args, file, verbose_queries=False, json=False, last=None, save=False, **options):
        import json as jsonlib

        try:
            with open(file, encoding="utf-8") as fh:
                judged = jsonlib.load(fh)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        if not isinstance(judged, list) or not all("query" in j and "relevant" in j for j in judged):
            raise CommandError('Expected a list of {"query": ..., "relevant": {...}} objects.')
        summary, scores = evaluate(judged)
        default_record = Path(file).with_suffix(".last.json")
        record = Path(last) if last else default_record
        previous = jsonlib.loads(record.read_text(encoding="utf-8")) if record.exists() else None
        if save:  # always the record beside FILE, the one a change commits
            rows = sorted(run_record(scores).items())
            lines = ",\n".join(f"{jsonlib.dumps(q, ensure_ascii=False)}: {jsonlib.dumps(v)}" for q, v in rows)
            default_record.write_text("{\n" + lines + "\n}\n", encoding="utf-8")
        if json:
            self.stdout.write(jsonlib.dumps(summary, ensure_ascii=False))
            return
        if verbose_queries:
            for s in scores:
                self.stdout.write(
                    f"{s.ndcg:5.2f} {s.rr:5.2f} {s.recall:5.2f} {s.ms:7.1f}ms  {s.query}  → {' | '.join(s.top)}"
                )
        self.stdout.write(f"queries           {summary['queries']}")
        self.stdout.write(f"nDCG@10           {summary['ndcg@10']:.3f}")
        self.stdout.write(f"MRR               {summary['mrr']:.3f}")
        self.stdout.write(f"recall@10         {summary['recall@10']:.3f}")
        self.stdout.write(f"zero-result rate  {summary['zero_result_rate']:.1%}")
        self.stdout.write(f"latency p50       {summary['latency_p50_ms']:.1f} ms")
        self.stdout.write(f"latency p95       {summary['latency_p95_ms']:.1f} ms")
        self.stdout.write("category          queries  nDCG@10  MRR    recall@10  zero")
        for name, c in summary["categories"].items():
            self.stdout.write(
                f"{name:<17} {c['queries']:>7}  {c['ndcg@10']:.3f}    {c['mrr']:.3f}  {c['recall@10']:.3f}      "
                f"{c['zero_result_rate']:.1%}"
            )
        if previous is not None:
            worse = regressions(scores, previous)
            self.stdout.write(f"regressions against {record.name}: {len(worse)}")
            for query, before, now in worse:
                self.stdout.write(f"  {before:.2f} → {now:.2f}  {query}")
