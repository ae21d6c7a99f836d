"""The police return import kind: a force's monthly MSHT figures, through the import machinery
(all or nothing, valid rows only, simulate, row-level report, background worker)."""

import re
from datetime import date

from msht.accounts import access
from msht.interchange.kinds import (
    Column,
    ImportKind,
    Record,
    RowProblem,
    WriteResult,
    collect,
    one_of,
    register,
    text,
    upsert_by_key,
    whole_number,
)
from msht.reference.dates import today
from msht.reference.models import PoliceForce

from .models import PoliceReturn

# YYYY-MM; a spreadsheet may turn it into the first day of the month, which is accepted too.
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-01)?(?:[T ]00:00(?::00)?)?$")
FIELDS = ["police_force_id", "month", "crimes_recorded", "investigations_opened",
          "referrals_to_cps", "source_file"]  # fmt: skip


def _month(raw: dict[str, str]) -> date:
    value = text(raw, "Month", max_length=40)
    match = _MONTH.match(value)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise RowProblem("Month must be a year and month like 2024-03.", "Month", value)
    month = date(int(match.group(1)), int(match.group(2)), 1)
    if month.year < 2000:
        raise RowProblem("Month must be in 2000 or later.", "Month", value)
    if month > today().replace(day=1):
        raise RowProblem("Month must be this month or earlier.", "Month", value)
    return month


@register
class PoliceReturnsKind(ImportKind):
    name = "police-returns"
    label = "Police returns: a force's MSHT crimes, investigations and referrals by month"
    description = "One row per force and month. Re-importing a month replaces its figures."
    key_label = "police force and month"
    columns = [
        Column("Police force", "The two-digit force code", "01"),
        Column("Month", "Year and month, YYYY-MM", "2024-03"),
        Column("MSHT crimes recorded", "Modern slavery crimes recorded in the month", "14"),
        Column("Investigations opened", "MSHT investigations opened in the month", "9"),
        Column("Referrals to CPS", "Files referred to the CPS for a charging decision", "3"),
    ]

    def start(self, *, actor, options):
        forces = {f.code: f for f in PoliceForce.objects.all()}
        return {"actor": actor, "forces": forces, **options}

    def check_row(self, raw, context, row):
        force, month, crimes, investigations, referrals = collect(
            [
                lambda: one_of(raw, "Police force", context["forces"], what="police force code"),
                lambda: _month(raw),
                lambda: whole_number(raw, "MSHT crimes recorded", maximum=1_000_000),
                lambda: whole_number(raw, "Investigations opened", maximum=1_000_000),
                lambda: whole_number(raw, "Referrals to CPS", maximum=1_000_000),
            ]
        )
        if not access.police_return_force_allowed(context.get("actor"), force.area_id):
            raise RowProblem(
                f"Police force {force.code} is not in your Area; you can import returns only "
                "for forces in your Area.",
                "Police force",
                force.code,
            )
        return [
            Record(
                row=row,
                key=f"{force.code}|{month:%Y-%m}",
                values={
                    "police_force_id": force.pk,
                    "month": month,
                    "crimes_recorded": crimes,
                    "investigations_opened": investigations,
                    "referrals_to_cps": referrals,
                    "source_file": str(context.get("source", ""))[:120],
                },
            )
        ]

    def write(self, records: list[Record], context: dict) -> WriteResult:
        return upsert_by_key(PoliceReturn, records, fields=FIELDS[:-1])
