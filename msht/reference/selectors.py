"""Reads of reference data for forms and filters: enabled entries only."""

from .models import Area, ExploitationType, Language, Nationality, Offence, PoliceForce, Unit


def areas_enabled():
    return Area.objects.enabled()


def territorial_areas():
    return Area.objects.enabled().filter(kind=Area.Kind.AREA)


def units_enabled():
    return Unit.objects.enabled()


def police_forces_enabled():
    return PoliceForce.objects.enabled()


def exploitation_types_enabled():
    return ExploitationType.objects.enabled()


def offences_enabled():
    return Offence.objects.enabled()


def nationalities_enabled():
    return Nationality.objects.enabled()


def languages_enabled():
    return Language.objects.enabled()
