from django import forms

from .kinds import all_kinds
from .readers import MAX_FILE_BYTES


class ImportForm(forms.Form):
    MODES = [
        ("all", "All or nothing: if any row has a problem, save nothing"),
        ("valid", "Save the valid rows and report the others"),
        ("simulate", "Check the file only: save nothing"),
    ]

    kind = forms.ChoiceField(label="What the file holds", choices=())
    file = forms.FileField(
        label="File",
        help_text="A CSV (UTF-8) or Excel (.xlsx) file with the template's columns.",
        error_messages={"required": "Choose a file to import", "empty": "The file is empty"},
    )
    period = forms.CharField(
        label="Period (for one-quarter NRM tables)",
        required=False,
        max_length=10,
        help_text="For example 2023Q4. Leave blank for other imports.",
    )
    mode = forms.ChoiceField(
        label="If some rows have problems",
        choices=MODES,
        initial="all",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do if some rows have problems"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Choose the kind of data")] + [
            (kind.name, kind.label) for kind in all_kinds()
        ]
        self.fields["kind"].error_messages["required"] = "Choose what the file holds"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The file must be smaller than {MAX_FILE_BYTES // 1024 // 1024} MB"
            )
        return upload


class DisclosureForm(forms.Form):
    """Who an export is for and why: recorded in the audit trail as a disclosure."""

    recipient = forms.CharField(
        label="Who is the export for?",
        max_length=254,
        help_text="The person or organisation who will receive it.",
        error_messages={"required": "Enter who the export is for"},
    )
    purpose = forms.CharField(
        label="Why is it needed?",
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": "Enter why the export is needed"},
    )


class CaseExportForm(DisclosureForm):
    file_format = forms.ChoiceField(
        label="Format",
        choices=[("csv", "CSV"), ("xlsx", "Excel (.xlsx)")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose CSV or Excel"},
    )


class CaseRecordExportForm(CaseExportForm):
    include_identities = forms.BooleanField(
        label="Include victims' names, dates of birth and contact details",
        required=False,
        help_text="Only when the recipient needs them. Each is recorded in the audit trail.",
    )

    def __init__(self, *args, sees_identities: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not sees_identities:
            del self.fields["include_identities"]
