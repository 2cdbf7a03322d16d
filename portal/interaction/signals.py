"""Keep the stored queue column current and the public pages fresh (connected in ready()).

- A reply clock recomputed (a calendar change, a pause) copies its due time onto the letter.
- An attachment deleted (with its letter, or on its own) takes its file with it once the
  transaction commits.
- A letter saved (every transition saves it) purges the statistics page and the list of published
  replies from the caches after the transaction commits; they also carry a short ``max-age``.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse

from portal.core.models import Deadline
from portal.core.purge import PurgeSet, purge
from portal.core.site_url import absolute

from . import services
from .models import Letter, LetterAttachment


@receiver(post_save, sender=Deadline)
def _sync_due(sender, instance, raw=False, **kwargs):
    if not raw:
        services.sync_due(instance)


def public_paths(letter: Letter | None = None) -> list[str]:
    paths = [reverse("interaction:statistics"), reverse("interaction:replies")]
    if letter is not None and letter.tracking_number:  # published now, or just withdrawn
        paths.append(reverse("interaction:reply", args=[letter.tracking_number]))
    return paths


@receiver([post_save, post_delete], sender=Letter)
def _purge_public(sender, instance, raw=False, **kwargs):
    if not raw:
        purge(PurgeSet(urls={absolute(p) for p in public_paths(instance)}))


@receiver(post_delete, sender=LetterAttachment)
def _delete_file(sender, instance, **kwargs):
    if instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
