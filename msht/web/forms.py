"""Form pieces shared by every feature: the GOV.UK date input and its validation messages."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError


class DateInputWidget(forms.MultiWidget):
    """Three boxes (day, month, year) named `<name>-day`, `<name>-month`, `<name>-year`."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return ["", "", ""]

    def value_from_datadict(self, data, files, name):
        return [data.get(f"{name}-{part}", "").strip() for part in ("day", "month", "year")]

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}-{part}" in data for part in ("day", "month", "year"))


class GovDateField(forms.Field):
    """A date entered in the GOV.UK date input pattern, with the pattern's error messages.

    `label` is used in messages: "Date of charge must include a month".
    """

    widget = DateInputWidget

    def __init__(self, *, allow_future: bool = False, **kwargs):
        self.allow_future = allow_future
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, date):
            return value
        if not value or not any(value):
            return None
        day, month, year = (list(value) + ["", "", ""])[:3]
        name = self.label or "The date"
        missing = [
            part for part, text in (("day", day), ("month", month), ("year", year)) if not text
        ]
        if missing:
            raise ValidationError(f"{name} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(f"{name} must be a real date, in numbers, like 27 3 2024")
        if len(year) != 4:
            raise ValidationError(f"{name} must have a year with 4 numbers, like 2024")
        try:
            result = date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(f"{name} must be a real date") from error
        if result.year < 1900:
            raise ValidationError(f"{name} must be after 1900")
        if not self.allow_future and result > date.today():
            raise ValidationError(f"{name} must be today or in the past")
        return result

    def prepare_value(self, value):
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return value or ["", "", ""]
