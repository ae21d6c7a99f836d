"""The hub's own tag lists, loaded by migration and upserted by code (never deleted)."""

LEGAL_ISSUES = [
    # (code, name)
    ("S45-DEFENCE", "Section 45 defence and non-prosecution of victims"),
    ("SPECIAL-MEASURES", "Special measures and pre-recorded evidence"),
    ("PREVENTION-ORDERS", "Prevention and risk orders"),
    ("JIT", "Joint investigation teams and international co-operation"),
    ("MLA", "Mutual legal assistance and evidence from abroad"),
    ("CONTROL-COERCION", "Evidence of control and coercion"),
    ("CONSENT-VULNERABILITY", "Consent and the victim's vulnerability"),
    ("NRM-EVIDENCE", "National Referral Mechanism decisions as evidence"),
    ("DISCLOSURE", "Disclosure"),
    ("JURISDICTION", "Jurisdiction and travel arranged abroad"),
    ("CONFISCATION", "Confiscation, compensation and reparation"),
    ("SENTENCING", "Sentencing"),
    ("VICTIM-ENGAGEMENT", "Victim engagement and retraction"),
    ("HEARSAY-BAD-CHARACTER", "Hearsay and bad character"),
    ("CHARGING", "Charging and the Full Code Test"),
    ("INTERPRETERS", "Interpreters and intermediaries"),
    ("AGE", "Age assessment of victims and suspects"),
    ("DIGITAL-FINANCIAL", "Digital and financial evidence"),
    ("COUNTY-LINES", "County lines and criminal exploitation"),
]

MSA_SECTIONS = [
    ("S1", "s1 Slavery, servitude and forced or compulsory labour"),
    ("S2", "s2 Human trafficking"),
    ("S4", "s4 Offence committed with intent to commit trafficking"),
    ("S8", "s8 Reparation orders"),
    ("S14-22", "ss14-22 Slavery and trafficking prevention orders"),
    ("S23-29", "ss23-29 Slavery and trafficking risk orders"),
    ("S30", "s30 Breach of a prevention or risk order"),
    ("S45", "s45 Defence for victims who commit an offence"),
    ("S46", "s46 Special measures for witnesses"),
    ("S48", "s48 Independent child trafficking guardians"),
    ("S52", "s52 Duty to notify the Secretary of State"),
]


def load_hub_tags(legal_issue_model=None, msa_section_model=None) -> None:
    """Upsert the tag lists by code; migrations pass their historical models."""
    if legal_issue_model is None or msa_section_model is None:
        from .models import LegalIssue, MsaSection

        legal_issue_model, msa_section_model = LegalIssue, MsaSection
    for order, (code, name) in enumerate(LEGAL_ISSUES):
        legal_issue_model.objects.update_or_create(
            code=code, defaults={"name": name, "order": order}
        )
    for order, (code, name) in enumerate(MSA_SECTIONS):
        msa_section_model.objects.update_or_create(
            code=code, defaults={"name": name, "order": order}
        )
