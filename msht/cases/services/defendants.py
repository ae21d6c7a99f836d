"""Suspects and defendants: their charges, pleas and verdicts, sentences, s45 screening.
Each change below a case also bumps the case's version (`touch_case`).
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msht.audit.models import Operation
from msht.reference.dates import long_date
from msht.reference.dates import today as _today
from msht.reference.models import (
    Nationality,
    Offence,
)

from ..models import (
    AgeBand,
    Case,
    CaseEvent,
    Charge,
    Defendant,
    Gender,
    IndicatorScreen,
    NrmStatus,
    Plea,
    S45Result,
    Sentence,
    SentenceKind,
    TraffickingIndicator,
    Verdict,
)
from ..rules import (
    check_not_future,
)
from .common import (
    audit,
    event_add,
    require_value,
    save_case,
    touch_case,
)


def defendant_add(
    *,
    actor: Any,
    case: Case,
    reference: str,
    age_band: str = AgeBand.UNKNOWN,
    gender: str = Gender.UNKNOWN,
    nationality: Nationality | None = None,
    expected_version: int | None = None,
) -> Defendant:
    reference = (reference or "").strip().upper()
    errors = {}
    if not reference:
        errors["reference"] = "Enter a reference, like D1 (not a name)"
    elif len(reference) > 20:
        errors["reference"] = "Reference must be 20 characters or fewer"
    if age_band not in AgeBand.values:
        errors["age_band"] = "Choose an age band"
    if gender not in Gender.values:
        errors["gender"] = "Choose a gender"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = touch_case(case, expected_version)
        if current.defendants.filter(reference=reference).exists():
            raise ValidationError({"reference": f"This case already has a suspect {reference}"})
        defendant = Defendant.objects.create(
            case=current,
            reference=reference,
            age_band=age_band,
            gender=gender,
            nationality=nationality,
        )
        event_add(current, CaseEvent.Kind.DEFENDANT_ADDED, _today(), actor, defendant=defendant.pk)
        audit(actor, Operation.COLLECTION, "defendant", defendant.pk, case=current.pk)
    return defendant


def charge_add(
    *,
    actor: Any,
    defendant: Defendant,
    offence: Offence | None,
    charged_on: date,
    is_principal: bool = False,
) -> Charge:
    if offence is None:
        raise ValidationError({"offence": "Choose the offence"})
    require_value(charged_on, "charged_on", "Enter the date of charge")
    case = defendant.case
    with transaction.atomic():
        current = touch_case(case, None)
        if current.charge_date is None:
            raise ValidationError({"charged_on": "Record the charging decision to charge first"})
        if charged_on < current.charge_date:
            raise ValidationError(
                {
                    "charged_on": (
                        "Date of charge must be on or after the case's charging decision date "
                        f"({long_date(current.charge_date)})"
                    )
                }
            )
        check_not_future(charged_on, "charge_date", "charged_on")
        first_principal = not Charge.objects.filter(
            defendant__case=current, is_principal=True
        ).exists()
        charge = Charge.objects.create(
            defendant=defendant,
            offence=offence,
            charged_on=charged_on,
            is_principal=is_principal or first_principal,
        )
        if charge.is_principal:
            Charge.objects.filter(defendant__case=current, is_principal=True).exclude(
                pk=charge.pk
            ).update(is_principal=False)
            save_case(current, {"principal_offence": offence})
        event_add(
            current,
            CaseEvent.Kind.CHARGE_ADDED,
            charged_on,
            actor,
            offence=offence.code,
            defendant=defendant.pk,
        )
        audit(actor, Operation.COLLECTION, "charge", charge.pk, case=current.pk)
    return charge


def charge_result_record(
    *,
    actor: Any,
    charge: Charge,
    plea: str = "",
    plea_on: date | None = None,
    verdict: str = "",
    verdict_on: date | None = None,
) -> Charge:
    errors = {}
    if plea not in Plea.values:
        errors["plea"] = "Choose a plea"
    if verdict not in Verdict.values:
        errors["verdict"] = "Choose a verdict"
    if plea and not plea_on:
        errors["plea_on"] = "Enter the date of the plea"
    if verdict and not verdict_on:
        errors["verdict_on"] = "Enter the date of the verdict"
    for key, value in (("plea_on", plea_on), ("verdict_on", verdict_on)):
        if value and value < charge.charged_on:
            errors[key] = (
                f"{'Date of plea' if key == 'plea_on' else 'Date of verdict'} must be "
                f"on or after the date of charge ({long_date(charge.charged_on)})"
            )
        elif value and value > _today():
            errors[key] = (
                "Date of plea" if key == "plea_on" else "Date of verdict"
            ) + " must be today or in the past"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = touch_case(charge.defendant.case, None)
        Charge.objects.filter(pk=charge.pk).update(
            plea=plea, plea_on=plea_on, verdict=verdict, verdict_on=verdict_on
        )
        charge.plea, charge.plea_on, charge.verdict, charge.verdict_on = (
            plea,
            plea_on,
            verdict,
            verdict_on,
        )
        if plea:
            event_add(case, CaseEvent.Kind.PLEA, plea_on, actor, charge=charge.pk, plea=plea)
        if verdict:
            event_add(
                case, CaseEvent.Kind.VERDICT, verdict_on, actor, charge=charge.pk, verdict=verdict
            )
        audit(actor, Operation.ALTERATION, "charge", charge.pk, case=case.pk)
    return charge


def sentence_record(
    *,
    actor: Any,
    defendant: Defendant,
    kind: str,
    sentenced_on: date,
    custody_months: int | None = None,
) -> Sentence:
    errors = {}
    if kind not in SentenceKind.values:
        errors["kind"] = "Choose the sentence"
    if not sentenced_on:
        errors["sentenced_on"] = "Enter the date of sentence"
    elif sentenced_on > _today():
        errors["sentenced_on"] = "Date of sentence must be today or in the past"
    if kind in {SentenceKind.IMMEDIATE_CUSTODY, SentenceKind.SUSPENDED} and not custody_months:
        errors["custody_months"] = "Enter the length of the sentence in months"
    if errors:
        raise ValidationError(errors)
    convicted = defendant.charges.filter(verdict=Verdict.CONVICTED).order_by("verdict_on").first()
    pleaded = (
        defendant.charges.filter(plea__in=[Plea.GUILTY, Plea.GUILTY_LESSER])
        .order_by("plea_on")
        .first()
    )
    first = min(
        (
            d
            for d in (getattr(convicted, "verdict_on", None), getattr(pleaded, "plea_on", None))
            if d
        ),
        default=None,
    )
    if first is None:
        raise ValidationError({"kind": "A sentence needs a guilty plea or conviction first"})
    if sentenced_on < first:
        raise ValidationError(
            {
                "sentenced_on": (
                    "Date of sentence must be on or after the plea or conviction "
                    f"({long_date(first)})"
                )
            }
        )
    with transaction.atomic():
        case = touch_case(defendant.case, None)
        sentence = Sentence.objects.create(
            defendant=defendant, kind=kind, custody_months=custody_months, sentenced_on=sentenced_on
        )
        event_add(
            case,
            CaseEvent.Kind.SENTENCE,
            sentenced_on,
            actor,
            defendant=defendant.pk,
            sentence_kind=kind,
        )
        audit(actor, Operation.COLLECTION, "sentence", sentence.pk, case=case.pk)
    return sentence


def s45_screening_record(
    *,
    actor: Any,
    defendant: Defendant,
    indicator_screen: str,
    indicators: Iterable[str] = (),
    screened_on: date | None = None,
    nrm_status: str = NrmStatus.NOT_REFERRED,
    nrm_referred_on: date | None = None,
    nrm_decision_on: date | None = None,
    s45_result: str = S45Result.NOT_CONSIDERED,
    s45_considered_on: date | None = None,
    s45_rationale: str = "",
    expected_version: int | None = None,
) -> Defendant:
    """MSA 2015 s45: the trafficking indicators screen, the suspect's NRM referral, the decision."""
    indicators = list(indicators)
    errors: dict[str, str] = {}
    today = _today()
    if indicator_screen not in IndicatorScreen.values:
        errors["indicator_screen"] = "Choose the result of the screen"
    if indicator_screen != IndicatorScreen.NOT_SCREENED and not screened_on:
        errors["screened_on"] = "Enter the date of the screen"
    if indicator_screen == IndicatorScreen.INDICATORS and not indicators:
        errors["indicators"] = "Choose the indicators that are present"
    if any(i not in TraffickingIndicator.values for i in indicators):
        errors["indicators"] = "Choose indicators from the list"
    if indicator_screen != IndicatorScreen.INDICATORS:
        indicators = []
    if nrm_status not in NrmStatus.values:
        errors["nrm_status"] = "Choose the NRM status"
    if nrm_status != NrmStatus.NOT_REFERRED and not nrm_referred_on:
        errors["nrm_referred_on"] = "Enter the date of the NRM referral"
    if nrm_status not in (NrmStatus.NOT_REFERRED, NrmStatus.REFERRED) and not nrm_decision_on:
        errors["nrm_decision_on"] = "Enter the date of the NRM decision"
    if nrm_decision_on and nrm_referred_on and nrm_decision_on < nrm_referred_on:
        errors["nrm_decision_on"] = (
            "Date of the NRM decision must be on or after the NRM referral "
            f"({long_date(nrm_referred_on)})"
        )
    if s45_result not in S45Result.values:
        errors["s45_result"] = "Choose the result of the s45 consideration"
    considered = s45_result not in (S45Result.NOT_CONSIDERED,)
    if considered and not s45_considered_on:
        errors["s45_considered_on"] = "Enter the date of the consideration"
    if considered and s45_result != S45Result.NOT_APPLICABLE and not s45_rationale.strip():
        errors["s45_rationale"] = "Enter the rationale for the decision"
    for key, value, label in (
        ("screened_on", screened_on, "Date of the screen"),
        ("nrm_referred_on", nrm_referred_on, "Date of the NRM referral"),
        ("nrm_decision_on", nrm_decision_on, "Date of the NRM decision"),
        ("s45_considered_on", s45_considered_on, "Date of the consideration"),
    ):
        if value and value > today:
            errors.setdefault(key, f"{label} must be today or in the past")
    if errors:
        raise ValidationError(errors)
    fields = {
        "indicator_screen": indicator_screen,
        "indicators": indicators,
        "screened_on": screened_on if indicator_screen != IndicatorScreen.NOT_SCREENED else None,
        "nrm_status": nrm_status,
        "nrm_referred_on": nrm_referred_on if nrm_status != NrmStatus.NOT_REFERRED else None,
        "nrm_decision_on": nrm_decision_on,
        "s45_result": s45_result,
        "s45_considered_on": s45_considered_on if considered else None,
        "s45_rationale": s45_rationale.strip(),
    }
    with transaction.atomic():
        case = touch_case(defendant.case, expected_version)
        Defendant.objects.filter(pk=defendant.pk).update(updated_at=timezone.now(), **fields)
        for name, value in fields.items():
            setattr(defendant, name, value)
        event_add(
            case,
            CaseEvent.Kind.S45_SCREENING,
            screened_on or s45_considered_on or today,
            actor,
            defendant=defendant.pk,
            screen=indicator_screen,
            nrm=nrm_status,
            s45=s45_result,
        )
        audit(
            actor,
            Operation.ALTERATION,
            "defendant",
            defendant.pk,
            case=case.pk,
            action="s45_screening",
        )
    return defendant
