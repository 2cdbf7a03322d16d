"""search_eval on a tiny fixed judged set."""

import json

import pytest
from django.core.management import call_command

from portal.search.evaluation import evaluate
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def judged(home, publish, tmp_path):
    a = publish(factories.article(title="社会保障卡申领指南"))
    b = publish(factories.article(title="住房公积金提取须知"))
    data = [
        {"query": "社保卡", "relevant": {a.url: 3}},
        {"query": "公积金", "relevant": {f"article:{b.pk}": 3, a.url: 0}},
        {"query": "火星基地", "relevant": {a.url: 1}},
    ]
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path, data


def test_metrics(judged):
    summary, scores = evaluate(judged[1])
    assert summary["queries"] == 3
    assert [round(s.ndcg, 3) for s in scores] == [1.0, 1.0, 0.0]
    assert summary["mrr"] == pytest.approx(2 / 3)
    assert summary["recall@10"] == pytest.approx(2 / 3)
    assert summary["zero_result_rate"] == pytest.approx(1 / 3)
    assert summary["latency_p95_ms"] >= summary["latency_p50_ms"] > 0


def test_command_prints_the_figures(judged, capsys):
    call_command("search_eval", str(judged[0]))
    out = capsys.readouterr().out
    for label in ("nDCG@10", "MRR", "recall@10", "zero-result rate", "latency p50", "latency p95"):
        assert label in out
    assert "nDCG@10           0.667" in out


def test_figures_per_category_and_regressions_against_the_last_run(judged, capsys):
    path, data = judged
    for row, category in zip(data, ["abbreviation", "abbreviation", "entity"], strict=True):
        row["category"] = category
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    last = path.with_suffix(".last.json")
    last.write_text(json.dumps({"社保卡": {"ndcg": 1.0}, "火星基地": {"ndcg": 0.9}}), encoding="utf-8")
    call_command("search_eval", str(path))
    out = capsys.readouterr().out
    assert "abbreviation" in out and "entity" in out
    assert "regressions against dev.last.json: 1" in out and "火星基地" in out
    call_command("search_eval", str(path), "--save")
    assert json.loads(last.read_text(encoding="utf-8"))["社保卡"]["ndcg"] == 1.0
    summary, _ = evaluate(data)
    assert summary["categories"]["abbreviation"]["queries"] == 2


def test_load_synonyms_adds_only_missing_groups(capsys):
    from portal.search.models import Synonym

    Synonym.objects.filter(note="默认词库").first().delete()
    call_command("load_synonyms")
    assert "1 synonym groups added" in capsys.readouterr().out
