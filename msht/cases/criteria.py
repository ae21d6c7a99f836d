"""The default casework referral criteria, loaded by a data migration (see docs/cases.md).

Each entry: (name, field, operator, value, unit code, priority, reason). The national lead can
change, disable or add rules on the criteria page; this list is only where a new install starts.
"""

DEFAULT_RULES = [
    (
        "Joint investigation team",
        "joint_investigation_team",
        "is_true",
        "",
        "HQ",
        10,
        "A joint investigation team is involved: headquarters casework division.",
    ),
    (
        "International element",
        "international",
        "is_true",
        "",
        "CCU",
        20,
        "The case has an international element: complex casework unit.",
    ),
    (
        "Organised crime group",
        "organised_crime_group",
        "is_true",
        "",
        "CCU",
        20,
        "An organised crime group is involved: complex casework unit.",
    ),
    (
        "Three or more victims",
        "victim_count",
        "at_least",
        "3",
        "CCU",
        30,
        "Three or more victims: complex casework unit.",
    ),
    (
        "Three or more suspects",
        "suspect_count",
        "at_least",
        "3",
        "CCU",
        30,
        "Three or more suspects: complex casework unit.",
    ),
    (
        "Sexual exploitation",
        "exploitation_type",
        "includes",
        "SEXUAL",
        "RASSO",
        40,
        "Sexual exploitation: rape and serious sexual offences unit.",
    ),
    (
        "Child victim",
        "child_victim",
        "is_true",
        "",
        "RASSO",
        45,
        "A child victim: rape and serious sexual offences unit, with specialist support.",
    ),
    (
        "County lines",
        "county_lines",
        "is_true",
        "",
        "CROWN",
        50,
        "County lines: Crown Court unit, with the Area's county lines lead.",
    ),
    (
        "Any other MSHT case",
        "any",
        "always",
        "",
        "CROWN",
        1000,
        "No complex casework criterion met: Crown Court unit.",
    ),
]


def load_default_rules(apps) -> None:
    rule_model = apps.get_model("cases", "AllocationRule")
    unit_model = apps.get_model("reference", "Unit")
    if rule_model.objects.exists():
        return
    units = {u.code: u for u in unit_model.objects.all()}
    rule_model.objects.bulk_create(
        rule_model(
            name=name,
            field=field,
            operator=operator,
            value=value,
            recommended_unit=units[unit],
            priority=priority,
            reason=reason,
        )
        for name, field, operator, value, unit, priority, reason in DEFAULT_RULES
    )
