"""索引号 allocation: organisation code / year-sequence, unique and never reused."""

from __future__ import annotations

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _


class IndexNumberSequence(models.Model):
    """The last sequence number handed out for one organisation code in one year."""

    organisation_code = models.CharField(_("机构代码"), max_length=18)
    year = models.PositiveIntegerField(_("年份"))
    last_value = models.PositiveIntegerField(_("已分配序号"), default=0)

    class Meta:
        verbose_name = _("索引号序列")
        constraints = [
            models.UniqueConstraint(fields=["organisation_code", "year"], name="unique_index_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_code}/{self.year}: {self.last_value}"


def format_index_number(organisation_code: str, year: int, value: int) -> str:
    return f"{organisation_code}/{year}-{value:05d}"


def allocate_index_number(organisation_code: str, year: int) -> str:
    """Take the next number of the sequence, atomically.

    The increment is a single UPDATE, so concurrent callers serialise on the row lock
    (PostgreSQL) or the write lock (SQLite) and never see the same value. Numbers are never
    handed back, so a deleted document's number is never reused.
    """
    for _attempt in range(3):
        with transaction.atomic():
            updated = IndexNumberSequence.objects.filter(
                organisation_code=organisation_code, year=year
            ).update(last_value=models.F("last_value") + 1)
            if updated:
                value = IndexNumberSequence.objects.values_list("last_value", flat=True).get(
                    organisation_code=organisation_code, year=year
                )
                return format_index_number(organisation_code, year, value)
        try:
            with transaction.atomic():
                IndexNumberSequence.objects.create(
                    organisation_code=organisation_code, year=year, last_value=1
                )
            return format_index_number(organisation_code, year, 1)
        except IntegrityError:
            continue  # another caller created the row first; increment it instead
    raise RuntimeError("could not allocate an index number")
