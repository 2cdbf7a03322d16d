from django.core.management.base import BaseCommand, CommandError

from portal.search.evaluation import evaluate


class Command(BaseCommand):
    help = (
        "Evaluate the search on judged queries: FILE.json is "
        '[{"query": "...", "relevant": {"<url or key>": grade 0-3}}]. '
        "Prints nDCG@10, MRR, recall@10, zero-result rate and latency p50/p95."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--verbose-queries", action="store_true", help="one line per query")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON only")

    def handle(self, *args, file, verbose_queries=False, json=False, **options):
        import json as jsonlib

        try:
            with open(file, encoding="utf-8") as fh:
                judged = jsonlib.load(fh)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        if not isinstance(judged, list) or not all("query" in j and "relevant" in j for j in judged):
            raise CommandError('Expected a list of {"query": ..., "relevant": {...}} objects.')
        summary, scores = evaluate(judged)
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
