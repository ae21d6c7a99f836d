"""The catalogue of performance measures: what each figure means, as data.

Every figure on a dashboard, in a pack or a spreadsheet names its measure; the definitions page
(/performance/definitions) shows this catalogue, one anchor per measure. How each measure is
computed is in `msht.insight.measures` (one aggregate query per measure), keyed by the same id.
"""

from dataclasses import dataclass, field

FLAG = "flag"
OFFENCE = "offence"
BASES = {
    FLAG: "By CPS flag: every case registered here as modern slavery or human trafficking",
    OFFENCE: "By principal offence: cases whose principal charge is a Modern Slavery Act offence",
}
BASIS_SHORT = {FLAG: "By flag", OFFENCE: "By principal MSA offence"}

COUNT = "count"
RATE = "rate"
BREAKDOWN = "breakdown"
MEDIAN = "median"
DISTRIBUTION = "distribution"

REGISTER = "The MSHT case register (this service), as recorded by prosecutors and paralegals."
NRM_SOURCE = (
    "Home Office, Modern Slavery: National Referral Mechanism and Duty to Notify statistics, "
    "imported through Data (table of referrals by quarter)."
)


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    kind: str
    definition: str
    numerator: str
    period_date: str
    unit: str = "cases"
    denominator: str = ""
    counting: str = "Each case once."
    basis_note: str = (
        "Counted by CPS flag (all registered cases) or, when chosen, only cases whose "
        "principal charge is a Modern Slavery Act 2015 offence."
    )
    source: str = REGISTER
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def anchor(self) -> str:
        return self.id.replace("_", "-")


MEASURES: list[Measure] = [
    Measure(
        id="police_referrals",
        title="Police referrals",
        kind=COUNT,
        definition="Cases the police referred to the service for a charging decision or advice.",
        numerator="Cases with a police referral date in the period.",
        period_date="Police referral date (the latest referral if the case was resubmitted).",
        basis_note=(
            "By principal offence, a case counts only once it has a principal charge under the "
            "Modern Slavery Act, so pre-charge figures on that basis are lower by design."
        ),
    ),
    Measure(
        id="charging_decisions",
        title="Charging decisions by type",
        kind=BREAKDOWN,
        definition=(
            "Pre-charge decisions by type: charge, no further action (evidential or public "
            "interest), referred back to the police, out-of-court disposal. The cases that did "
            "not go on to prosecution, and why."
        ),
        numerator="Cases with a charging decision date in the period, by the decision made.",
        period_date="Date of the charging decision.",
    ),
    Measure(
        id="cases_charged",
        title="Cases charged",
        kind=COUNT,
        definition="Cases in which the decision was to charge.",
        numerator="Cases with a decision to charge dated in the period.",
        period_date="Date of charge (the charging decision to charge).",
    ),
    Measure(
        id="suspects_charged",
        title="Suspects charged",
        kind=COUNT,
        unit="suspects",
        definition="Suspects (defendants) with at least one charge, on cases charged.",
        numerator="Defendants with at least one recorded charge on cases charged in the period.",
        period_date="The case's date of charge.",
        counting="Each defendant once, however many charges they face.",
    ),
    Measure(
        id="charge_rate",
        title="Charge rate",
        kind=RATE,
        unit="per cent",
        definition="Of the charging decisions made, the share that were to charge.",
        numerator="Cases with a decision to charge dated in the period.",
        denominator=(
            "Cases with a charge, no further action (evidential or public interest) or "
            "out-of-court decision dated in the period. Referrals back to the police are not "
            "decisions on the case's merits and are left out."
        ),
        period_date="Date of the charging decision.",
    ),
    Measure(
        id="prosecutions_finalised",
        title="Prosecutions finalised",
        kind=COUNT,
        definition="Prosecutions that reached a final outcome (conviction, acquittal, "
        "discontinuance, no case to answer, administrative).",
        numerator="Cases with a finalisation date in the period.",
        period_date="Date of finalisation.",
    ),
    Measure(
        id="convictions",
        title="Convictions",
        kind=COUNT,
        definition="Finalised prosecutions that ended in a conviction: guilty plea, conviction "
        "after trial or proof in absence.",
        numerator="Cases finalised in the period with a conviction outcome.",
        period_date="Date of finalisation.",
    ),
    Measure(
        id="conviction_rate",
        title="Conviction rate",
        kind=RATE,
        unit="per cent",
        definition="Of the prosecutions finalised, the share that ended in a conviction.",
        numerator="Cases finalised in the period with a conviction outcome.",
        denominator="Cases finalised in the period (every outcome).",
        period_date="Date of finalisation.",
    ),
    Measure(
        id="outcomes",
        title="Finalised prosecutions by outcome",
        kind=BREAKDOWN,
        definition="Finalised prosecutions by their outcome.",
        numerator="Cases finalised in the period, by outcome.",
        period_date="Date of finalisation.",
    ),
    Measure(
        id="unsuccessful_reasons",
        title="Unsuccessful outcomes by reason",
        kind=BREAKDOWN,
        definition=(
            "Prosecutions that did not end in a conviction, by the principal reason recorded: "
            "why cases do not proceed."
        ),
        numerator="Cases finalised in the period without a conviction, by unsuccessful reason "
        "('Not recorded' where none was given).",
        period_date="Date of finalisation.",
    ),
    Measure(
        id="advice_turnaround",
        title="Early advice turnaround (median days)",
        kind=MEDIAN,
        unit="days",
        definition="How long the police waited for early investigative advice: the median "
        "number of days from the request to the advice.",
        numerator="Days from advice requested to advice given, for advice given in the period.",
        period_date="Date the advice was given.",
        notes=(
            "The median is the middle value; with an even number of cases it is the mean of "
            "the two middle values.",
        ),
    ),
    Measure(
        id="referral_to_charge",
        title="Police referral to charge (median days)",
        kind=MEDIAN,
        unit="days",
        definition="The median number of days from the police referral to the decision to charge.",
        numerator="Days from police referral to charge, for cases charged in the period.",
        period_date="Date of charge.",
    ),
    Measure(
        id="charge_to_finalisation",
        title="Charge to finalisation (median days)",
        kind=MEDIAN,
        unit="days",
        definition="The median number of days from charge to the final outcome.",
        numerator="Days from charge to finalisation, for cases finalised in the period.",
        period_date="Date of finalisation.",
    ),
    Measure(
        id="charges_by_offence",
        title="Charges by offence",
        kind=BREAKDOWN,
        unit="charges",
        definition="Charges laid, by offence, including Modern Slavery Act 2015 sections 1, 2, "
        "4 and 30 and the related offences used in practice.",
        numerator="Charges with a date of charge in the period, by offence.",
        period_date="Date of the charge.",
        counting="Each charge once: a defendant may face several charges.",
    ),
    Measure(
        id="orders_made",
        title="Orders made",
        kind=BREAKDOWN,
        unit="orders",
        definition="Slavery and trafficking prevention, risk and reparation orders, "
        "confiscation and compensation orders made by the courts.",
        numerator="Orders with the result 'made' and a decision date in the period, by kind.",
        period_date="Date the court decided the order.",
        counting="Each order once.",
    ),
    Measure(
        id="s45_considerations",
        title="Section 45 considerations",
        kind=BREAKDOWN,
        unit="suspects",
        definition="Suspects who may themselves be victims (Modern Slavery Act 2015 s45): how "
        "the defence or the public interest in prosecuting them was considered.",
        numerator="Suspects with an s45 consideration dated in the period, by its result.",
        period_date="Date of the s45 consideration.",
        counting="Each suspect once (their latest consideration).",
    ),
    Measure(
        id="special_measures_granted",
        title="Special measures granted",
        kind=BREAKDOWN,
        unit="special measures",
        definition="Special measures for victims and witnesses (Youth Justice and Criminal "
        "Evidence Act 1999 ss23-30; automatic eligibility under Modern Slavery Act 2015 s46) "
        "granted by the court, by measure.",
        numerator="Applications granted with a decision date in the period, by measure.",
        period_date="Date the court decided the application.",
        counting="Each application once: a victim may be granted several measures.",
        source=REGISTER + " Victims and witnesses.",
    ),
    Measure(
        id="support_delays",
        title="Interpreters and intermediaries late or not provided",
        kind=BREAKDOWN,
        unit="bookings",
        definition="Interpreter and registered intermediary bookings that were provided late or "
        "not at all, by kind of support.",
        numerator="Bookings needed in the period whose outcome was 'provided late' or 'not "
        "provided', by kind.",
        period_date="The date the interpreter or intermediary was needed.",
        counting="Each booking once.",
        source=REGISTER + " Victims and witnesses.",
    ),
    Measure(
        id="victim_withdrawals",
        title="Victim withdrawals by reason",
        kind=BREAKDOWN,
        unit="withdrawals",
        definition="Victims recorded as withdrawing their support for the prosecution, by the "
        "reason recorded.",
        numerator="Engagement records with the status 'withdrawn' dated in the period, by "
        "reason ('Not recorded' where none).",
        period_date="Date of the engagement record.",
        counting="Each withdrawal record once (a victim who withdraws twice counts twice).",
        source=REGISTER + " Victims and witnesses.",
    ),
    Measure(
        id="nrm_referrals",
        title="NRM referrals (potential victims)",
        kind=COUNT,
        unit="people",
        definition="People referred to the National Referral Mechanism as potential victims of "
        "modern slavery, in England and Wales and beyond, as published by the Home Office.",
        numerator="Sum of the quarterly referrals the Home Office published for the year.",
        period_date="Calendar year of referral (Home Office quarters).",
        counting="Each person referred, as published; not linked to cases.",
        basis_note="Not a case count: the same for either counting basis.",
        source=NRM_SOURCE,
    ),
    # training (docs/training.md)
    Measure(
        id="training_compliance",
        title="Training compliance rate",
        kind=RATE,
        unit="per cent",
        definition="Of the modern slavery courses staff are required to take (mandatory and "
        "awareness courses named by the training requirements for their role and unit), the "
        "share that are up to date: completed and not yet due again. Shown by Area and by role.",
        numerator="Required courses up to date on the day: the person's latest completion has "
        "not expired (a course expires its refresh interval after completion).",
        denominator="Required courses: each active person and each course a mandatory or "
        "awareness requirement names for them. Recommended courses are left out.",
        period_date="The day the figure is taken: today on the training pages; in a pack, the "
        "last day of its period (or today, if earlier).",
        counting="Each person and required course once, however many requirements name it.",
        basis_note="Not a case count: the same for either counting basis.",
        source="The training records of this service: the course catalogue, the requirements "
        "and completions recorded by the training administrator or imported from the learning "
        "system.",
    ),
    Measure(
        id="training_overdue",
        title="Required training overdue",
        kind=COUNT,
        unit="courses",
        definition="Required courses not completed (or expired) after their due date: the day "
        "the last completion expired or, for a newcomer, the days allowed after joining.",
        numerator="Required courses overdue on the day the figure is taken.",
        period_date="The day the figure is taken (as for the training compliance rate).",
        counting="Each person and required course once.",
        basis_note="Not a case count: the same for either counting basis.",
        source="The training records of this service.",
    ),
]

# Legal enquiries to the national legal lead (msht.people); computed by
# `measures.legal_enquiry_counts` and `measures.legal_enquiry_turnaround`.
ENQUIRY_SOURCE = "Legal enquiries raised and answered in this service (People: legal enquiries)."
MEASURES += [
    Measure(
        id="legal_enquiries",
        title="Legal enquiries by Area and topic",
        kind=BREAKDOWN,
        unit="enquiries",
        definition="Legal enquiries raised to the national legal lead by prosecutors, "
        "paralegals, CPS Direct lawyers and Area leads, by the asker's Area and by topic (the "
        "hub's legal issues).",
        numerator="Enquiries with a date raised in the period, by the asker's Area when they "
        "asked and by topic.",
        period_date="Date the enquiry was raised.",
        counting="Each enquiry once.",
        basis_note="Not a case count: the same for either counting basis.",
        source=ENQUIRY_SOURCE,
    ),
    Measure(
        id="legal_enquiry_turnaround",
        title="Legal enquiry turnaround (median working days)",
        kind=MEDIAN,
        unit="working days",
        definition="How long askers waited for the national legal lead's answer: the median "
        "number of working days from the day the enquiry was raised to the day it was answered.",
        numerator="Working days from raised to answered, for enquiries answered in the period. "
        "Working days are Monday to Friday except England and Wales bank holidays; an answer "
        "on the next working day took 1 working day, an answer the same day 0.",
        period_date="Date the enquiry was answered.",
        counting="Each answered enquiry once; open enquiries are not counted.",
        basis_note="Not a case count: the same for either counting basis.",
        source=ENQUIRY_SOURCE,
        notes=(
            "The median is the middle value; with an even number of enquiries it is the mean of "
            "the two middle values.",
        ),
    ),
]

# international: criminal justice adviser deployments and international casework
# (msht.international computes these; the quarterly international report shows them).
INTERNATIONAL_SOURCE = (
    "International work records (this service), as recorded by the international team: "
    "deployments, costs, results frameworks, activities, MLA, extradition and JIT records."
)
_NOT_CASES = "Not a case count: the counting basis does not apply."
_VFM_COST = (
    "Cost of the deployments and financial years in the cell: staff, travel and programme "
    "costs in pounds. Not available when any deployment-year in the cell that had begun by the "
    "as-at date has no cost recorded."
)
INTERNATIONAL_MEASURES: list[Measure] = [
    Measure(
        id="intl_deployment_cost",
        title="Cost of criminal justice adviser deployments",
        kind=COUNT,
        unit="pounds",
        definition="What the deployments cost: staff, travel and programme costs, in pounds, "
        "by financial year (April to March).",
        numerator=_VFM_COST,
        period_date="The financial year the cost was recorded for.",
        counting="Each deployment's cost for each financial year once.",
        basis_note=_NOT_CASES,
        source=INTERNATIONAL_SOURCE,
    ),
    Measure(
        id="intl_results",
        title="Results against target",
        kind=BREAKDOWN,
        unit="indicator targets",
        definition="Each indicator's actual for a financial year against its target: met (the "
        "actual is at least 100% of the target), partly met (at least 75%), not met (below "
        "75%), too early (the year had not ended by the as-at date, or no actual is recorded "
        "yet). Derived every time from the figures, never typed.",
        numerator="Indicator targets for financial years, by rating.",
        period_date="The financial year of the target.",
        counting="Each indicator's target for each financial year once; indicators without a "
        "target for the year are not rated.",
        basis_note=_NOT_CASES,
        source=INTERNATIONAL_SOURCE,
    ),
    Measure(
        id="intl_cost_per_official_trained",
        title="Cost per official trained",
        kind=RATE,
        unit="pounds",
        definition="The deployments' cost divided by the number of overseas officials they "
        "trained.",
        numerator=_VFM_COST,
        denominator="Officials trained in training activities delivered in the financial "
        "years, by the as-at date.",
        period_date="The financial year of the cost and of the activity's date.",
        counting="Not available when the cost is not available or no official was trained "
        "(never 0). The whole cost is divided, so the three value-for-money ratios are "
        "alternative views of one cost, not shares of it.",
        basis_note=_NOT_CASES,
        source=INTERNATIONAL_SOURCE,
    ),
    Measure(
        id="intl_cost_per_case_supported",
        title="Cost per case supported",
        kind=RATE,
        unit="pounds",
        definition="The deployments' cost divided by the number of overseas cases the advisers "
        "supported.",
        numerator=_VFM_COST,
        denominator="Cases supported, from casework support activities delivered in the "
        "financial years, by the as-at date.",
        period_date="The financial year of the cost and of the activity's date.",
        counting="Not available when the cost is not available or no case was supported.",
        basis_note=_NOT_CASES,
        source=INTERNATIONAL_SOURCE,
    ),
    Measure(
        id="intl_cost_per_target_met",
        title="Cost per target met",
        kind=RATE,
        unit="pounds",
        definition="The deployments' cost divided by the number of indicator targets rated met.",
        numerator=_VFM_COST,
        denominator="Indicator targets for the financial years rated met (see Results against "
        "target).",
        period_date="The financial year of the cost and of the target.",
        counting="Not available when the cost is not available or no target was met.",
        basis_note=_NOT_CASES,
        source=INTERNATIONAL_SOURCE,
    ),
    Measure(
        id="intl_mla_turnaround",
        title="Mutual legal assistance turnaround (median working days)",
        kind=MEDIAN,
        unit="working days",
        definition="How long requests for mutual legal assistance took: the median number of "
        "working days (Monday to Friday, not England and Wales bank holidays) from the date "
        "the request was sent to the date it was executed, refused or withdrawn, by country.",
        numerator="Working days from sending to conclusion, for requests concluded in the period.",
        period_date="Date the request was executed, refused or withdrawn.",
        counting="Each request once, outgoing and incoming together.",
        basis_note=_NOT_CASES,
        source=INTERNATIONAL_SOURCE,
    ),
    Measure(
        id="intl_mla_outstanding",
        title="Outstanding mutual legal assistance requests",
        kind=COUNT,
        unit="requests",
        definition="Requests sent but not yet executed, refused or withdrawn at the end of the "
        "period, with how many working days they have waited.",
        numerator="Requests sent by the end of the period and not concluded by then.",
        period_date="Date the request was sent.",
        counting="Each request once.",
        basis_note=_NOT_CASES,
        source=INTERNATIONAL_SOURCE,
    ),
    Measure(
        id="intl_jits",
        title="Joint investigation teams by exploitation type and outcome",
        kind=BREAKDOWN,
        unit="teams",
        definition="Joint investigation teams by the exploitation types of their linked cases "
        "and those cases' outcomes (conviction, no conviction, not yet finalised).",
        numerator="Teams with at least one linked case of the exploitation type and outcome.",
        period_date="Teams started by the end of the period.",
        counting="Each team once in a cell; a team whose cases differ appears in several cells.",
        basis_note=_NOT_CASES,
        source=INTERNATIONAL_SOURCE + " Case outcomes from the case register.",
    ),
]
MEASURES += INTERNATIONAL_MEASURES
# advice: early investigative advice, police returns and NRM decisions (msht/advice/measures.py).
EIA_SOURCE = "Early investigative advice requests made and triaged in this service."
ADVICE_MEASURES: list[Measure] = [
    Measure(
        id="eia_requests",
        title="Early investigative advice requests",
        kind=COUNT,
        unit="requests",
        definition="Requests for early investigative advice made by police forces in this "
        "service, by force and by the CPS Area the force belongs to.",
        numerator="Requests with a date requested in the period.",
        period_date="Date the police made the request.",
        counting="Each request once.",
        basis_note="Not a case count: the same for either counting basis.",
        source=EIA_SOURCE,
    ),
    Measure(
        id="eia_acceptance_rate",
        title="Early advice acceptance rate",
        kind=RATE,
        unit="per cent",
        definition="Of the early advice requests triaged, the share the Area accepted.",
        numerator="Requests triaged in the period and accepted.",
        denominator="Requests triaged (accepted or declined) in the period.",
        period_date="Date of triage.",
        counting="Each request once.",
        basis_note="Not a case count: the same for either counting basis.",
        source=EIA_SOURCE,
        notes=(
            "The same table shows the median working days from request to triage and to "
            "advice (Monday to Friday, England and Wales bank holidays not counted; a request "
            "triaged the next working day took 1 working day), the share of charged cases that "
            "had early advice, and charge and conviction rates with and without early advice. "
            "A case had early advice when a request in this service is linked to it or the "
            "register records advice requested before the charging decision.",
        ),
    ),
    Measure(
        id="eia_decline_reasons",
        title="Early advice requests declined, by reason",
        kind=BREAKDOWN,
        unit="requests",
        definition="Requests the Area declined, by each structured reason given (material "
        "missing, not modern slavery, refer to another Area, investigation too early, other).",
        numerator="Requests declined in the period, once per reason given.",
        period_date="Date of triage.",
        counting="A request declined for two reasons counts under each.",
        basis_note="Not a case count: the same for either counting basis.",
        source=EIA_SOURCE,
    ),
    Measure(
        id="police_returns",
        title="Police returns: crimes, investigations and referrals",
        kind=COUNT,
        unit="crimes, investigations or referrals",
        definition="What forces report in their monthly return: modern slavery crimes recorded, "
        "investigations opened and referrals to the CPS, beside the CPS's own count of "
        "referrals, so the difference is visible.",
        numerator="Sum of the monthly returns for the year.",
        period_date="The month of the return.",
        counting="As the force reported it; not linked to cases.",
        basis_note="Not a case count: the same for either counting basis.",
        source="Police forces' monthly returns, imported through Data (police-returns).",
    ),
    Measure(
        id="nrm_grounds_decisions",
        title="NRM reasonable and conclusive grounds decisions (UK-wide)",
        kind=COUNT,
        unit="decisions",
        definition="Positive and negative reasonable grounds and conclusive grounds decisions "
        "on people referred to the National Referral Mechanism, UK-wide, as published by the "
        "Home Office. Shown beside a force or an Area for context only.",
        numerator="Sum of the quarterly decisions the Home Office published for the year.",
        period_date="Calendar year of the decision (Home Office quarters).",
        counting="Each decision, as published; not linked to cases.",
        basis_note="Not a case count: the same for either counting basis.",
        source="Home Office, Modern Slavery: National Referral Mechanism statistics, tables 16 "
        "and 19, imported through Data.",
    ),
]
MEASURES += ADVICE_MEASURES

MEASURES_BY_ID = {measure.id: measure for measure in MEASURES}

DISTRIBUTION_BANDS = [
    # (label, lowest day, highest day or None)
    ("0 to 7 days", 0, 7),
    ("8 to 28 days", 8, 28),
    ("29 to 91 days", 29, 91),
    ("92 to 182 days", 92, 182),
    ("183 to 365 days", 183, 365),
    ("Over a year", 366, None),
]


def measure(measure_id: str) -> Measure:
    return MEASURES_BY_ID[measure_id]
