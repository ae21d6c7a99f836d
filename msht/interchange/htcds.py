"""Record-level export for data collaboratives in the Human Trafficking Case Data Standard
(HTCDS) v2 shape, with forced criminality added, made k-anonymous (k >= 11).

Quasi-identifiers (what someone could link to another source): year of identification, age,
gender, nationality and Area. They are generalised together, one step of `LADDER` at a time,
until at most `MAX_SUPPRESSED` of the records sit in groups smaller than k; those records are
then suppressed (left out). Every released combination of quasi-identifiers therefore
describes at least k records. The report says which step was used and what was suppressed.
See docs/htcds.md for the field mapping.
"""

import csv
import io
import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from msht.audit.models import Operation
from msht.audit.services import audit_record

from .exports import neutralise

K_MINIMUM = 11
MAX_SUPPRESSED = 0.05
QUASI_IDENTIFIERS = [
    "identification_year",
    "age_at_identification",
    "gender",
    "citizenship_region",
    "location_region",
]
ANY = "Any"

AGE_GROUPS = {
    "under_18": "Child (17 or under)",
    "18_24": "Adult (18 or over)",
    "25_34": "Adult (18 or over)",
    "35_44": "Adult (18 or over)",
    "45_54": "Adult (18 or over)",
    "55_plus": "Adult (18 or over)",
    "unknown": "Not known",
}
AGE_LABELS = {
    "under_18": "0-17",
    "18_24": "18-24",
    "25_34": "25-34",
    "35_44": "35-44",
    "45_54": "45-54",
    "55_plus": "55+",
    "unknown": "Not known",
}

# Nationality (ISO alpha-3) to world region, for generalisation. Unlisted: "Rest of world".
_REGIONS = {
    "Europe (UK)": "GBR",
    "Europe (EU and EEA)": "AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU "
    "LUX MLT NLD POL PRT ROU SVK SVN ESP SWE NOR ISL LIE",
    "Europe (other)": "ALB BIH MKD MDA MNE SRB UKR BLR RUS XKX KOS TUR GEO ARM AZE CHE",
    "Africa": "NGA ERI ETH SDN SSD SOM GHA SLE GMB GIN CIV CMR COD COG KEN UGA TZA ZWE ZAF EGY "
    "LBY MAR DZA TUN NAM AGO MOZ MWI ZMB RWA BDI TCD NER MLI SEN LBR BEN TGO",
    "Asia": "VNM CHN IND PAK BGD AFG IRN IRQ SYR LKA NPL PHL IDN MYS THA KHM MMR KWT SAU YEM "
    "JOR LBN PSE MNG KAZ UZB TJK KGZ TKM HKG TWN KOR PRK JPN ARE QAT OMN BHR",
    "Americas": "USA CAN MEX BRA COL VEN PER ECU BOL CHL ARG JAM TTO GRD HTI DOM CUB HND GTM "
    "SLV NIC CRI PAN",
}
REGION_OF = {code: region for region, codes in _REGIONS.items() for code in codes.split()}


def nationality_region(code: str | None) -> str:
    if not code:
        return "Not known"
    return REGION_OF.get(code.upper(), "Rest of world")


def _year_span(value: str, width: int) -> str:
    if not value or not value.isdigit():
        return value or "Not known"
    start = int(value) - int(value) % width
    return f"{start}-{start + width - 1}"


# Each step generalises every quasi-identifier to a level; steps are tried in order.
LADDER: list[dict[str, int]] = [
    {
        "identification_year": 0,
        "age_at_identification": 0,
        "gender": 0,
        "citizenship_region": 0,
        "location_region": 0,
    },
    {
        "identification_year": 0,
        "age_at_identification": 1,
        "gender": 0,
        "citizenship_region": 0,
        "location_region": 1,
    },
    {
        "identification_year": 1,
        "age_at_identification": 1,
        "gender": 0,
        "citizenship_region": 0,
        "location_region": 1,
    },
    {
        "identification_year": 1,
        "age_at_identification": 1,
        "gender": 0,
        "citizenship_region": 1,
        "location_region": 1,
    },
    {
        "identification_year": 2,
        "age_at_identification": 1,
        "gender": 1,
        "citizenship_region": 1,
        "location_region": 1,
    },
    {
        "identification_year": 2,
        "age_at_identification": 2,
        "gender": 1,
        "citizenship_region": 2,
        "location_region": 1,
    },
]
LEVEL_NAMES = {
    "identification_year": ["year", "5-year span", "any year"],
    "age_at_identification": ["age band", "child or adult", "any age"],
    "gender": ["gender", "any gender"],
    "citizenship_region": ["world region", "UK or not", "any nationality"],
    "location_region": ["CPS Area", "England and Wales"],
}


def generalise(name: str, value: str, level: int) -> str:
    if level == 0:
        return value
    if name == "identification_year":
        return _year_span(value, 5) if level == 1 else ANY
    if name == "age_at_identification":
        if level == 1:
            return {"0-17": "Child (17 or under)", "Not known": "Not known"}.get(
                value, "Adult (18 or over)"
            )
        return ANY
    if name == "citizenship_region":
        if level == 1:
            return (
                "UK"
                if value == "Europe (UK)"
                else ("Not known" if value == "Not known" else "Not UK")
            )
        return ANY
    if name == "location_region":
        return "England and Wales"
    return ANY


@dataclass
class Release:
    records: list[dict[str, Any]]
    k: int
    step: int
    levels: dict[str, str]
    suppressed: int
    total: int
    smallest_group: int | None
    groups: int
    notes: list[str] = field(default_factory=list)

    def report_lines(self) -> list[str]:
        lines = [
            f"Records considered: {self.total}",
            f"Records released: {len(self.records)}",
            f"Records suppressed (in groups smaller than {self.k}): {self.suppressed}",
            f"Generalisation step: {self.step} of {len(LADDER) - 1}",
            *[f"  {name}: released as {level}" for name, level in self.levels.items()],
            f"Groups of records sharing all quasi-identifiers: {self.groups}; smallest "
            f"group: {self.smallest_group if self.smallest_group is not None else '-'}",
        ]
        return lines + self.notes


def anonymise(
    records: Iterable[dict[str, Any]], *, k: int = K_MINIMUM, max_suppressed: float = MAX_SUPPRESSED
) -> Release:
    """Generalise then suppress until every released quasi-identifier combination has >= k."""
    if k < K_MINIMUM:
        raise ValueError(f"k must be at least {K_MINIMUM}")
    source = list(records)
    total = len(source)
    chosen_step, chosen = len(LADDER) - 1, None
    for step, levels in enumerate(LADDER):
        generalised = [
            {**r, **{q: generalise(q, str(r[q]), levels[q]) for q in QUASI_IDENTIFIERS}}
            for r in source
        ]
        counts = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in generalised)
        small = sum(c for c in counts.values() if c < k)
        if small <= max_suppressed * total or step == len(LADDER) - 1:
            chosen_step, chosen = step, (generalised, counts)
            break
    generalised, counts = chosen
    released = [r for r in generalised if counts[tuple(r[q] for q in QUASI_IDENTIFIERS)] >= k]
    kept = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in released)
    levels = LADDER[chosen_step]
    return Release(
        records=released,
        k=k,
        step=chosen_step,
        levels={q: LEVEL_NAMES[q][levels[q]] for q in QUASI_IDENTIFIERS},
        suppressed=total - len(released),
        total=total,
        smallest_group=min(kept.values()) if kept else None,
        groups=len(kept),
    )


# --- From the case register and victims -----------------------------------------------------

EXPLOITATION_FIELDS = {
    "SEXUAL": "exploitation_sexual",
    "LABOUR": "exploitation_labour",
    "DOMESTIC": "exploitation_domestic_servitude",
    "CRIMINAL": "exploitation_forced_criminality",  # the added field, see docs/htcds.md
    "ORGAN": "exploitation_organ_removal",
    "OTHER": "exploitation_other",
    "UNKNOWN": "exploitation_not_known",
}
HTCDS_COLUMNS = [
    "record_id",
    *QUASI_IDENTIFIERS,
    *EXPLOITATION_FIELDS.values(),
    "nrm_referred",
    "reasonable_grounds_decision",
    "conclusive_grounds_decision",
    "case_charged",
    "case_outcome",
]


def htcds_source_records(victims) -> list[dict[str, Any]]:
    """One record per victim (from an already scoped queryset), before anonymisation."""
    queryset = victims.select_related(
        "case", "case__area", "case__outcome", "nationality"
    ).prefetch_related("case__exploitation_types")
    records = []
    for victim in queryset.iterator(chunk_size=2000):
        case = victim.case
        year_date = case.referral_date or victim.nrm_referral_date
        codes = {t.code for t in case.exploitation_types.all()}
        records.append(
            {
                "identification_year": str(year_date.year) if year_date else "Not known",
                "age_at_identification": AGE_LABELS.get(victim.age_band, "Not known"),
                "gender": victim.get_gender_display(),
                "citizenship_region": nationality_region(
                    victim.nationality.code if victim.nationality else None
                ),
                "location_region": case.area.name,
                **{name: code in codes for code, name in EXPLOITATION_FIELDS.items()},
                "nrm_referred": victim.nrm_referred,
                "reasonable_grounds_decision": victim.rg_decision or "",
                "conclusive_grounds_decision": victim.cg_decision or "",
                "case_charged": bool(case.charge_date),
                "case_outcome": case.outcome.name if case.outcome else "",
            }
        )
    return records


def htcds_export(
    *, actor: Any, victims, recipient: str, purpose: str, k: int = K_MINIMUM
) -> tuple[bytes, Release]:
    errors = {}
    if not recipient.strip():
        errors["recipient"] = "Enter who the export is for"
    if not purpose.strip():
        errors["purpose"] = "Enter why the export is needed"
    if errors:
        raise ValidationError(errors)
    release = anonymise(htcds_source_records(victims), k=k)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HTCDS_COLUMNS)
    counter = itertools.count(1)
    for record in sorted(
        release.records, key=lambda r: tuple(str(r[q]) for q in QUASI_IDENTIFIERS)
    ):
        # Record ids are numbers of this release only: never URNs or database ids.
        row = {"record_id": next(counter), **record}
        writer.writerow(
            [
                neutralise(str(row[c]))
                if isinstance(row[c], str)
                else ("yes" if row[c] is True else "no" if row[c] is False else row[c])
                for c in HTCDS_COLUMNS
            ]
        )
    with transaction.atomic():
        audit_record(
            actor=actor,
            operation=Operation.DISCLOSURE,
            object_type="htcds_export",
            reason=purpose.strip(),
            recipient=recipient.strip(),
            detail={
                "k": k,
                "released": len(release.records),
                "suppressed": release.suppressed,
                "step": release.step,
            },
        )
    return buffer.getvalue().encode("utf-8"), release
