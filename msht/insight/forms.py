"""The dashboard's filters (GET): period, grain, Area, unit, exploitation type, offence, basis."""

from datetime import date

from django import forms
from django.utils import timezone

from msht.reference.models import ExploitationType, Offence, Unit

from . import periods
from .catalogue import BASES, FLAG


def _choices(queryset, blank="All"):
    return [("", blank)] + [(item.code, item.name) for item in queryset]


class DashboardFilterForm(forms.Form):
    start = forms.CharField(label="From (month)", required=False, help_text="For example, 2023-04")
    end = forms.CharField(label="To (month)", required=False, help_text="For example, 2024-03")
    grain = forms.ChoiceField(label="Show by", choices=list(periods.GRAINS.items()), required=False)
    area = forms.ChoiceField(label="Area", required=False)
    unit = forms.ChoiceField(label="Unit", required=False)
    exploitation_type = forms.ChoiceField(label="Exploitation type", required=False)
    offence = forms.ChoiceField(label="Principal offence", required=False)
    basis = forms.ChoiceField(label="Counting", choices=list(BASES.items()), required=False)

    def __init__(self, *args, areas=(), allow_all_areas=True, **kwargs):
        super().__init__(*args, **kwargs)
        area_choices = [(a.code, a.name) for a in areas]
        self.fields["area"].choices = (
            [("", "All Areas")] if allow_all_areas else []
        ) + area_choices
        self.fields["unit"].choices = _choices(Unit.objects.enabled())
        self.fields["exploitation_type"].choices = _choices(ExploitationType.objects.enabled())
        self.fields["offence"].choices = _choices(Offence.objects.enabled())

    def _month(self, name: str) -> int | None:
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            return None
        try:
            return periods.parse_month(text)
        except ValueError as error:
            self.add_error(name, str(error))
            return None

    def clean(self):
        cleaned = super().clean()
        start, end = self._month("start"), self._month("end")
        today = timezone.localdate()
        if end is None:
            end = periods.month_index(today)
        if start is None:
            start = end - 23
        if start > end and not self.errors:
            self.add_error("start", "The start month must be on or before the end month")
        if end - start > 12 * 15 and not self.errors:
            self.add_error("start", "Choose at most 15 years")
        cleaned["range"] = periods.MonthRange(min(start, end), end)
        cleaned["grain"] = cleaned.get("grain") or periods.MONTH
        cleaned["basis"] = cleaned.get("basis") or FLAG
        return cleaned


def month_text(index: int) -> str:
    return f"{index // 12}-{index % 12 + 1:02d}"


def default_range(today: date | None = None) -> periods.MonthRange:
    today = today or timezone.localdate()
    end = periods.month_index(today)
    return periods.MonthRange(end - 23, end)
