"""The app's verbs: frames from the stored datasets, a matching run, one person's explanation,
the what-if of a changed rule, an audited reveal and the retention purge. Views and tasks stay
thin and call these."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl
from django.utils import timezone

from portal.core import audit
from portal.core.personal_data import blind_index, mask, reveal

from . import matching, rules
from .models import Attribute, Benefit, Dataset, DatasetVersion, MatchResult, MatchRun, Record, schema_for


def full_schema() -> dict:
    return schema_for(Dataset.objects.prefetch_related("attributes"))


_frames: dict[tuple, pl.DataFrame] = {}


def frame_for(dataset: Dataset) -> pl.DataFrame:
    """The current version's plain attributes as a typed polars frame (kept per version id)."""
    version = dataset.current_version
    columns = {f"{dataset.key}.{a.key}": a.type for a in dataset.attributes.all() if a.in_frame}
    if version is None:
        return matching.typed_frame([], [], columns)
    stamp = (version.pk, version.imported_at.isoformat(), version.row_count)
    if stamp not in _frames:
        if len(_frames) > 16:
            _frames.clear()
        keys, rows = [], []
        for key, attrs in version.records.values_list("person_key", "attributes").iterator(chunk_size=5000):
            keys.append(key)
            rows.append(attrs)
        _frames[stamp] = matching.typed_frame(keys, rows, columns)
    return _frames[stamp]


def frames_for(node: dict, base: Dataset) -> dict[str, pl.DataFrame]:
    names = {key.split(".", 1)[0] for key in rules.attributes(node)} | {base.key}
    return {d.key: frame_for(d) for d in Dataset.objects.filter(key__in=names).prefetch_related("attributes")}


def claimed_frame(benefit: Benefit) -> pl.DataFrame | None:
    if benefit.claims is None:
        return None
    frame = frame_for(benefit.claims)
    column = f"{benefit.claims.key}.benefit"
    if column in frame.columns:
        frame = frame.filter(pl.col(column) == benefit.code)
    return frame.select(matching.KEY)


def _area_columns(dataset: Dataset) -> tuple[str | None, str | None]:
    street = dataset.attribute_for(Attribute.Role.STREET)
    community = dataset.attribute_for(Attribute.Role.COMMUNITY)
    return (
        f"{dataset.key}.{street.key}" if street else None,
        f"{dataset.key}.{community.key}" if community else None,
    )


def match_benefit(benefit: Benefit, run_date: date, rule: dict | None = None) -> matching.Outcome:
    node = rule or benefit.rule
    frame = matching.population(frames_for(node, benefit.population), benefit.population.key, node)
    street, community = _area_columns(benefit.population)
    return matching.match(
        frame, node, rules.reference_dates(run_date), claimed_frame(benefit), street, community
    )


def perform_run(run: MatchRun) -> MatchRun:
    """Match every enabled benefit (or the run's one), storing progress as it goes."""
    started = time.monotonic()
    benefits = [run.benefit] if run.benefit else list(Benefit.objects.filter(enabled=True).exclude(rule={}))
    MatchRun.objects.filter(pk=run.pk).update(status=MatchRun.Status.RUNNING, progress=0)
    try:
        for done, benefit in enumerate(benefits, start=1):
            outcome = match_benefit(benefit, run.run_date)
            previous = (
                MatchResult.objects.filter(benefit=benefit, run__status=MatchRun.Status.DONE)
                .exclude(run=run)
                .order_by("-run__created_at", "-run__pk")
                .first()
            )
            newly, dropped = matching.diff(previous.keys if previous else [], outcome.keys)
            MatchResult.objects.update_or_create(
                run=run,
                benefit=benefit,
                defaults={
                    "eligible": outcome.eligible,
                    "claimed": outcome.claimed,
                    "matched": len(outcome.keys),
                    "by_area": outcome.by_area,
                    "keys": outcome.keys,
                    "newly": newly if previous else [],
                    "dropped": dropped,
                    "rule": benefit.rule,
                },
            )
            MatchRun.objects.filter(pk=run.pk).update(progress=int(done * 100 / len(benefits)))
    except Exception as exc:
        MatchRun.objects.filter(pk=run.pk).update(status=MatchRun.Status.FAILED, message=str(exc)[:500])
        raise
    MatchRun.objects.filter(pk=run.pk).update(
        status=MatchRun.Status.DONE,
        progress=100,
        finished_at=timezone.now(),
        seconds=time.monotonic() - started,
    )
    run.refresh_from_db()
    return run


@dataclass
class Explanation:
    benefit: Benefit
    found: bool
    steps: list[rules.Step]
    eligible: bool
    claimed: bool


def explain(benefit: Benefit, id_number: str, run_date: date) -> Explanation:
    """Each condition met or not for the person with this ID number (found by blind index)."""
    return explain_key(benefit, blind_index(id_number), run_date)


def explain_key(benefit: Benefit, key: str, run_date: date) -> Explanation:
    """The explanation for the person with this blind index."""
    node = benefit.rule
    frame = matching.population(frames_for(node, benefit.population), benefit.population.key, node)
    person = matching.person_values(frame, key)
    if person is None:
        return Explanation(benefit, False, [], False, False)
    refs = rules.reference_dates(run_date)
    schema = full_schema()
    claimed = claimed_frame(benefit)
    is_claimed = claimed is not None and key in set(claimed.get_column(matching.KEY).to_list())
    return Explanation(
        benefit,
        True,
        rules.explain(node, person, schema, refs),
        rules.evaluate(node, person, schema, refs),
        is_claimed,
    )


def what_if(benefit: Benefit, changed: dict, run_date: date) -> list[dict]:
    nodes = {"op": "and", "args": [benefit.rule, changed]}
    frame = matching.population(frames_for(nodes, benefit.population), benefit.population.key, nodes)
    street, community = _area_columns(benefit.population)
    return matching.what_if(
        frame,
        benefit.rule,
        changed,
        rules.reference_dates(run_date),
        claimed_frame(benefit),
        street,
        community,
    )


def reveal_record(record: Record, field: str, user, purpose: str) -> str:
    """The clear value of one personal field, audit-logged with its purpose (core.personal_data)."""
    return reveal(record, field, user, purpose)


def personal_values(record: Record) -> dict:
    return json.loads(record.personal) if record.personal else {}


def mask_kind(key: str, label: str) -> str:
    """The ``core.personal_data.mask`` kind of a personal attribute, from its name."""
    words = f"{key} {label}".lower()
    if any(w in words for w in ("phone", "mobile", "电话", "手机")):
        return "phone"
    if any(w in words for w in ("address", "地址", "住址")):
        return "address"
    if any(w in words for w in ("email", "邮箱")):
        return "email"
    return "text"


def masked_personal(record: Record) -> list[tuple[str, str]]:
    """(label, masked value) of each personal attribute, for screens."""
    labels = {a.key: a.label for a in record.version.dataset.attributes.all()}
    return [
        (labels.get(k, k), mask(v, mask_kind(k, labels.get(k, ""))))
        for k, v in personal_values(record).items()
    ]


def purge_expired(now=None) -> int:
    """Delete every dataset version older than its dataset's retention period; rows go with it."""
    now = now or timezone.now()
    purged = 0
    for dataset in Dataset.objects.all():
        cutoff = now - timedelta(days=dataset.retention_days)
        for version in DatasetVersion.objects.filter(dataset=dataset, imported_at__lt=cutoff):
            audit.log(
                dataset,
                "proactive.dataset.purge",
                data={"version": version.number, "rows": version.row_count},
            )
            purged += version.row_count
            version.delete()
    return purged
