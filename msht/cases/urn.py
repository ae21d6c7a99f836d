"""Unique reference numbers (URNs): parse, normalise and check. See docs/urn.md.

A URN is 11 characters: the two-digit police force code, a two-letter unit (station) code, a
five-digit sequence number and the two-digit year, for example ``01YE0123424``. People write
them with spaces, slashes or hyphens and in lower case (``01 ye 01234/24``); they are stored
without separators in upper case.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

URN_PATTERN = re.compile(r"^(?P<force>\d{2})(?P<unit>[A-Z]{2})(?P<sequence>\d{5})(?P<year>\d{2})$")
_SEPARATORS = re.compile(r"[\s/\-.]+")
EXAMPLE = "01YE0123424"


@dataclass(frozen=True)
class Urn:
    force: str
    unit: str
    sequence: str
    year: str

    def __str__(self) -> str:
        return f"{self.force}{self.unit}{self.sequence}{self.year}"

    @property
    def display(self) -> str:
        """The URN as printed on papers: ``01 YE 01234 24``."""
        return f"{self.force} {self.unit} {self.sequence} {self.year}"


def urn_normalise(value: str) -> str:
    """Upper case without separators; does not check the result."""
    return _SEPARATORS.sub("", (value or "").strip()).upper()


def urn_parse(value: str, *, force_codes: set[str] | None = None) -> Urn:
    """Normalise and check a URN; `force_codes` (when given) must contain its force code."""
    text = urn_normalise(value)
    if not text:
        raise ValidationError("Enter the URN", code="required")
    match = URN_PATTERN.match(text)
    if match is None:
        raise ValidationError(
            f"Enter a URN in the format {EXAMPLE}: 2-digit police force code, 2-letter unit code, "
            "5-digit number and 2-digit year",
            code="invalid",
        )
    urn = Urn(**match.groupdict())
    if force_codes is not None and urn.force not in force_codes:
        raise ValidationError(
            f"The URN starts with {urn.force}, which is not a police force code", code="force"
        )
    return urn


def urn_display(value: str) -> str:
    match = URN_PATTERN.match(value or "")
    return Urn(**match.groupdict()).display if match else value
