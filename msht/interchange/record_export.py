"""One case's record as CSV or XLSX: the case, its defendants and charges, events, orders and
victims (pseudonymous), each export a disclosure in the audit trail with its recipient.

The case comes through `msht.cases.selectors.case_get_visible` (404 out of scope). Victims'
identifying details are included only when the user asks and `access.sees_identities(user)`;
each is then revealed through `victim_identity_reveal`, which records a consultation with the
export's purpose as its reason. Cells are neutralised against formulas (exports.neutralise).
"""

import csv
import io
import tempfile
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from msht.accounts import access
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.cases.models import Case
from msht.cases.selectors import case_defendants

from .exports import _cell

Table = tuple[str, list[str], list[list[Any]]]
IDENTITY_COLUMNS = ["Name", "Date of birth", "Contact details"]


def _case_table(case: Case) -> Table:
    fields = [
        ("URN", case.urn),
        ("Area", case.area.name),
        ("Police force", case.police_force.name),
        ("Operation name", case.operation_name),
        ("Exploitation types", "; ".join(t.code for t in case.exploitation_types.all())),
        ("International element", "yes" if case.international else "no"),
        ("Organised crime group", "yes" if case.organised_crime_group else "no"),
        ("Joint investigation team", "yes" if case.joint_investigation_team else "no"),
        ("Child victim", "yes" if case.child_victim else "no"),
        ("County lines", "yes" if case.county_lines else "no"),
        ("Number of victims", case.victim_count),
        ("Number of suspects", case.suspect_count),
        ("Status", case.get_status_display()),
        ("Unit", case.unit.name if case.unit else ""),
        ("Recommended unit", case.recommended_unit.name if case.recommended_unit else ""),
        ("Police referral date", case.referral_date),
        ("Advice requested date", case.advice_requested_date),
        ("Advice given date", case.advice_given_date),
        ("Charging decision", case.get_charging_decision_display()),
        ("Charging decision date", case.charging_decision_date),
        ("Charge date", case.charge_date),
        ("First hearing date", case.first_hearing_date),
        ("Trial date", case.trial_date),
        ("Finalised date", case.finalised_date),
        ("Outcome", case.outcome.name if case.outcome else ""),
        ("Unsuccessful reason", case.unsuccessful_reason.name if case.unsuccessful_reason else ""),
        ("Principal offence", case.principal_offence.code if case.principal_offence else ""),
    ]
    return ("Case", ["Field", "Value"], [[name, value] for name, value in fields])


def case_record_tables(case: Case, *, identities: dict[int, dict] | None = None) -> list[Table]:
    """The record's tables. `identities` (victim pk -> revealed identity) adds identity columns."""
    from msht.victims.selectors import case_victims

    defendants = case_defendants(case)
    tables = [_case_table(case)]
    tables.append(
        (
            "Defendants",
            [
                "Reference",
                "Age band",
                "Gender",
                "Nationality",
                "Trafficking indicators screen",
                "NRM status",
                "Section 45",
            ],
            [
                [
                    d.reference,
                    d.get_age_band_display(),
                    d.get_gender_display(),
                    d.nationality.code if d.nationality else "",
                    d.get_indicator_screen_display(),
                    d.get_nrm_status_display(),
                    d.get_s45_result_display(),
                ]
                for d in defendants
            ],
        )
    )
    tables.append(
        (
            "Charges",
            [
                "Defendant",
                "Offence",
                "Offence name",
                "Date of charge",
                "Principal",
                "Plea",
                "Date of plea",
                "Verdict",
                "Date of verdict",
            ],
            [
                [
                    d.reference,
                    c.offence.code,
                    c.offence.name,
                    c.charged_on,
                    "yes" if c.is_principal else "no",
                    c.get_plea_display() if c.plea else "",
                    c.plea_on,
                    c.get_verdict_display() if c.verdict else "",
                    c.verdict_on,
                ]
                for d in defendants
                for c in d.charges.all()
            ],
        )
    )
    tables.append(
        (
            "Events",
            ["Date", "Event", "Details"],
            [
                [
                    e.occurred_on,
                    e.get_kind_display(),
                    "; ".join(f"{k}={v}" for k, v in sorted(e.details.items())),
                ]
                for e in case.events.order_by("occurred_on", "id")
            ],
        )
    )
    tables.append(
        (
            "Orders",
            ["Order", "Defendant", "Result", "Applied", "Decided", "Before charge", "Breached"],
            [
                [
                    o.get_kind_display(),
                    o.defendant.reference if o.defendant else "",
                    o.get_result_display(),
                    o.applied_on,
                    o.decided_on,
                    "yes" if o.before_charge else "no",
                    o.breached_on,
                ]
                for o in case.orders.select_related("defendant").order_by("applied_on", "id")
            ],
        )
    )
    victims = case_victims(case)
    header = [
        "Reference",
        "Victim or witness",
        "Age band",
        "Gender",
        "Nationality",
        "NRM status",
        "Trial date",
    ]
    if identities is not None:
        header += IDENTITY_COLUMNS
    rows = []
    for v in victims:
        row = [
            v.reference,
            v.role_display,
            v.get_age_band_display(),
            v.get_gender_display(),
            v.nationality.code if v.nationality else "",
            v.nrm_status,
            v.trial_date,
        ]
        if identities is not None:
            found = identities.get(v.pk) or {}
            row += [found.get("name", ""), found.get("date_of_birth"), found.get("contact", "")]
        rows.append(row)
    tables.append(("Victims", header, rows))
    tables.append(
        (
            "Special measures",
            ["Victim", "Measure", "Eligibility", "Applied", "Status", "Decided"],
            [
                [
                    v.reference,
                    m.get_measure_display(),
                    m.get_eligibility_display(),
                    m.applied_on,
                    m.get_status_display(),
                    m.decided_on,
                ]
                for v in victims
                for m in v.special_measures.all()
            ],
        )
    )
    tables.append(
        (
            "Interpreters",
            ["Victim", "Kind", "Language", "Purpose", "Requested", "Needed", "Booked", "Outcome"],
            [
                [
                    v.reference,
                    b.get_kind_display(),
                    b.language.name if b.language else "",
                    b.get_purpose_display(),
                    b.requested_on,
                    b.needed_by,
                    b.booked_on,
                    b.get_outcome_display() if b.outcome else "",
                ]
                for v in victims
                for b in v.bookings.all()
            ],
        )
    )
    return tables


def tables_csv(tables: list[Table]) -> bytes:
    """Sections one under another: a title row, a header row, the rows, a blank row."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for title, header, rows in tables:
        writer.writerow([title])
        writer.writerow(header)
        for row in rows:
            writer.writerow([_cell(value) for value in row])
        writer.writerow([])
    return buffer.getvalue().encode("utf-8")


def tables_xlsx(tables: list[Table]) -> bytes:
    """One sheet per table."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    for title, header, rows in tables:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append([_cell(value) for value in row])
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        return handle.read()


def case_record_export(
    *,
    actor: Any,
    case: Case,
    file_format: str,
    recipient: str,
    purpose: str,
    include_identities: bool = False,
) -> bytes:
    """The record of a case the actor can see (the caller got it from case_get_visible)."""
    from msht.victims.models import Victim
    from msht.victims.services import victim_identity_reveal

    errors = {}
    if not recipient.strip():
        errors["recipient"] = "Enter who the export is for"
    if not purpose.strip():
        errors["purpose"] = "Enter why the export is needed"
    elif include_identities and len(purpose.strip()) < 10:
        errors["purpose"] = "Enter why the identities are needed, in a sentence"
    if file_format not in ("csv", "xlsx"):
        errors["file_format"] = "Choose CSV or Excel"
    if errors:
        raise ValidationError(errors)
    # Never for roles that may not see identities, whatever the request says.
    with_identities = include_identities and access.sees_identities(actor)
    with transaction.atomic():
        identities = None
        if with_identities:
            identities = {
                victim.pk: victim_identity_reveal(actor=actor, victim=victim, reason=purpose)
                for victim in Victim.objects.filter(case=case)
                .exclude(identity_ciphertext="")
                .select_related("case")
            }
        tables = case_record_tables(case, identities=identities)
        content = (tables_csv if file_format == "csv" else tables_xlsx)(tables)
        audit_record(
            actor=actor,
            operation=Operation.DISCLOSURE,
            object_type="case",
            object_id=case.pk,
            reason=purpose.strip(),
            recipient=recipient.strip(),
            detail={
                "format": file_format,
                "export": "case_record",
                "identities": bool(with_identities),
                **{title.lower().replace(" ", "_"): len(rows) for title, _, rows in tables[1:]},
            },
        )
    return content
