"""What the interaction hub contributes to search: published replies (回复选登).

Discovered by portal.search (see portal/search/registry.py); a letter is in the index only while
its reply is published, and its text is indexed with personal data masked.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.text import mask_personal_data
from portal.search.registry import EntityData, IndexEntry, SearchProvider, register

from .models import ANSWERED_STATES, Letter


@register
class PublishedReplyProvider(SearchProvider):
    type_key = "letter_reply"
    label = _("回复选登")
    order = 60
    model = Letter
    entity_kind = "letter_reply"
    #: a search naming a letter's subject shows its published reply as an answer card
    card_template = "interaction/search_cards/reply.html"

    def get_queryset(self):
        return Letter.objects.filter(published=True, state__in=ANSWERED_STATES).select_related("replied_by")

    def load(self, object_id: str):
        return self.get_queryset().filter(pk=object_id).first()

    def entry(self, letter: Letter) -> IndexEntry | None:
        if not (letter.published and letter.state in ANSWERED_STATES):
            return None
        org = letter.replied_by
        return IndexEntry(
            object_id=str(letter.pk),
            title=letter.title,
            url=reverse("interaction:reply", args=[letter.tracking_number]),
            body=mask_personal_data(f"{letter.body} 答复：{letter.reply}"),
            organisation_id=org.pk if org else None,
            organisation_name=org.name if org else "",
            date=letter.replied_at,
            extra={"replied_by": org.name if org else ""},
        )

    def entity(self, letter: Letter) -> EntityData | None:
        if not (letter.published and letter.state in ANSWERED_STATES):
            return None
        org = letter.replied_by
        reply = mask_personal_data(letter.reply)
        return EntityData(
            key=f"letter_reply:{letter.pk}",
            kind="letter_reply",
            name=letter.title,
            url=reverse("interaction:reply", args=[letter.tracking_number]),
            data={
                "accepted": letter.accepted_at.date().isoformat() if letter.accepted_at else "",
                "replied": letter.replied_at.date().isoformat() if letter.replied_at else "",
                "replied_by": org.name if org else "",
                "reply": reply[:200] + ("…" if len(reply) > 200 else ""),
            },
        )


from .participation import search as _participation_search  # noqa: E402, F401 — surveys, consultations, interviews
