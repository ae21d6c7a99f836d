"""Upsert the reference catalogue by code. Used by data migrations and after test flushes.

Never deletes: an entry missing from the catalogue is left as it is (disable it instead).
"""

import pycountry

from . import catalogue


def _upsert(model, code: str, **fields) -> None:
    model.objects.update_or_create(code=code, defaults=fields)


def load_reference_data(apps=None) -> None:
    def get(name: str):
        if apps is not None:
            return apps.get_model("reference", name)
        from django.apps import apps as live_apps

        return live_apps.get_model("reference", name)

    area_model = get("Area")
    for order, (code, name, kind) in enumerate(catalogue.AREAS):
        _upsert(area_model, code, name=name, kind=kind, order=order)
    areas = {area.code: area for area in area_model.objects.all()}

    for order, (code, name) in enumerate(catalogue.UNITS):
        _upsert(get("Unit"), code, name=name, order=order)
    for order, (code, name, area_code) in enumerate(catalogue.POLICE_FORCES):
        _upsert(get("PoliceForce"), code, name=name, order=order, area=areas.get(area_code))
    for order, (code, name) in enumerate(catalogue.EXPLOITATION_TYPES):
        _upsert(get("ExploitationType"), code, name=name, order=order)
    for order, (code, name, statute, section, maximum, is_msa) in enumerate(catalogue.OFFENCES):
        _upsert(
            get("Offence"),
            code,
            name=name,
            statute=statute,
            section=section,
            maximum_sentence=maximum,
            is_msa=is_msa,
            order=order,
        )
    for order, (code, name, is_conviction) in enumerate(catalogue.FINALISATION_OUTCOMES):
        _upsert(
            get("FinalisationOutcome"), code, name=name, is_conviction=is_conviction, order=order
        )
    for order, (code, name) in enumerate(catalogue.UNSUCCESSFUL_REASONS):
        _upsert(get("UnsuccessfulReason"), code, name=name, order=order)

    nationality = get("Nationality")
    existing = set(nationality.objects.values_list("code", flat=True))
    nationality.objects.bulk_create(
        [
            nationality(
                code=c.alpha_3, alpha_2=c.alpha_2, name=getattr(c, "common_name", None) or c.name
            )
            for c in pycountry.countries
            if c.alpha_3 not in existing
        ]
    )
    language = get("Language")
    existing = set(language.objects.values_list("code", flat=True))
    # ISO 639-3 individual living languages with an ISO 639-1 code, plus the languages that
    # interpreters are most often booked for in MSHT cases and have only a 639-3 code.
    extra_639_3 = {"tir", "prs", "ckb", "kmr", "yue", "cmn", "hak", "pbu", "aii", "pnb"}
    language.objects.bulk_create(
        [
            language(code=lang.alpha_3, alpha_2=getattr(lang, "alpha_2", ""), name=lang.name)
            for lang in pycountry.languages
            if (hasattr(lang, "alpha_2") or lang.alpha_3 in extra_639_3)
            and lang.alpha_3 not in existing
        ]
    )
