"""Demo cases for `msht demo`: a realistic national register, loaded once."""

from django.apps import apps

from .criteria import load_default_rules
from .seed import calibration_lines, cases_exist, seed_cases

# About ten years of a national service's MSHT cases: finalisations per year come out close to
# the published 270-470 prosecutions a year (see docs/cases.md).
DEMO_CASES = 5_000
DEMO_SEED = 2015


def load_demo_cases(stdout) -> None:
    if cases_exist():
        stdout.write("Cases: already loaded, left as they are.")
        return
    load_default_rules(apps)
    result = seed_cases(cases=DEMO_CASES, seed=DEMO_SEED)
    stdout.write(
        f"Cases: {result.cases:,} synthetic cases with {result.events:,} events "
        f"({result.seconds:.0f} s)."
    )
    for line in calibration_lines(result):
        stdout.write(f"  {line}")


DEMO_CASELOAD = 8


def assign_demo_caseload(stdout) -> None:
    """Give the demo prosecutor and paralegal open cases of their own, allocated by their unit
    head through the allocation service, so their home pages show real work."""
    from msht.accounts.demo import DEMO_DOMAIN
    from msht.accounts.models import User

    from .models import Case, CaseStatus
    from .services import case_allocate

    people = {u.role: u for u in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")}
    lawyer, paralegal, head = (people.get(r) for r in ("prosecutor", "paralegal", "unit_head"))
    if not (lawyer and paralegal and head):
        return
    if Case.objects.filter(lawyer=lawyer).exists():
        return
    open_cases = (
        Case.objects.filter(area_id=lawyer.area_id, lawyer__isnull=True)
        .exclude(
            status__in=[CaseStatus.FINALISED, CaseStatus.NO_FURTHER_ACTION, CaseStatus.OUT_OF_COURT]
        )
        .select_related("unit", "recommended_unit")
        .order_by("-referral_date", "pk")[:DEMO_CASELOAD]
    )
    for case in open_cases:
        unit = case.recommended_unit or case.unit
        if unit is None:
            continue
        case_allocate(
            actor=head,
            case=case,
            expected_version=case.version,
            unit=unit,
            lawyer=lawyer,
            paralegal=paralegal,
            reason=case.allocation_reason or "Demo allocation",
        )
    stdout.write(f"Cases: {DEMO_CASELOAD} open cases allocated to the demo prosecutor.")
