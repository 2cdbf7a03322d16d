"""Outreach, first slice: an :class:`Outreach` per matched person (up to a daily cap), a personal
signed link that names the outreach and the person's blind index and expires, and the person's
answer (claim or decline) through it. Sending the link (site message, e-mail, SMS) comes later.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import MatchResult, Outreach

SALT = "portal.proactive.outreach"


def link_days() -> int:
    return getattr(settings, "PORTAL_PROACTIVE_LINK_DAYS", 30)


def daily_cap() -> int:
    return getattr(settings, "PORTAL_PROACTIVE_DAILY_CAP", 500)


def contact(result: MatchResult) -> list[Outreach]:
    """Outreach rows for the result's matched people not yet told of this benefit, up to the cap."""
    today = timezone.localdate()
    sent_today = Outreach.objects.filter(contacted_at__date=today).count()
    room = max(daily_cap() - sent_today, 0)
    known = set(Outreach.objects.filter(benefit=result.benefit).values_list("person_key", flat=True))
    fresh = [key for key in result.keys if key not in known][:room]
    with transaction.atomic():
        created = Outreach.objects.bulk_create(
            [Outreach(benefit=result.benefit, result=result, person_key=key) for key in fresh]
        )
        purge_public()
    return created


def yearly_figures(year: int | None = None) -> dict:
    """The public aggregate: people told this year, and how many applied, per benefit."""
    from django.db.models import Count, Q

    year = year or timezone.localdate().year
    rows = (
        Outreach.objects.filter(contacted_at__year=year)
        .values("benefit__name")
        .annotate(told=Count("pk"), claimed=Count("pk", filter=Q(state=Outreach.State.CLAIMED)))
        .order_by("benefit__name")
    )
    rows = list(rows)
    return {
        "year": year,
        "told": sum(r["told"] for r in rows),
        "claimed": sum(r["claimed"] for r in rows),
        "rows": rows,
    }


def purge_public() -> None:
    """Purge the public aggregate page from the caches once the transaction commits."""
    from django.urls import reverse

    from portal.core.purge import PurgeSet, purge
    from portal.core.site_url import absolute

    transaction.on_commit(lambda: purge(PurgeSet(urls={absolute(reverse("proactive:index"))})))


def token(outreach: Outreach) -> str:
    return signing.dumps({"o": outreach.pk, "k": outreach.person_key[:16]}, salt=SALT, compress=True)


def resolve(value: str) -> Outreach | None:
    """The outreach a link names, or None when it was tampered with, has expired or is unknown."""
    try:
        data = signing.loads(value, salt=SALT, max_age=link_days() * 86400)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
    outreach = Outreach.objects.select_related("benefit__population").filter(pk=data.get("o")).first()
    if outreach is None or outreach.person_key[:16] != data.get("k"):
        return None
    return outreach


def opened(outreach: Outreach) -> None:
    if outreach.state == Outreach.State.CONTACTED:
        Outreach.objects.filter(pk=outreach.pk).update(state=Outreach.State.OPENED, opened_at=timezone.now())
        outreach.refresh_from_db()


def answer(outreach: Outreach, claim: bool) -> str:
    """Record a claim or a decline; returns why it was refused, or ''."""
    if outreach.state in (Outreach.State.CLAIMED, Outreach.State.DECLINED):
        return _("您已答复过，无需重复操作。")
    outreach.state = Outreach.State.CLAIMED if claim else Outreach.State.DECLINED
    outreach.answered_at = timezone.now()
    outreach.save(update_fields=["state", "answered_at"])
    purge_public()
    return ""
