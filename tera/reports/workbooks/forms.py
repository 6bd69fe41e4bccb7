"""The upload form of a period workbook."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

# A period's workbook is some tens of kilobytes; a larger file is another file, and unpacking
# it would only cost the server memory.
MAX_BYTES = 5 * 1024 * 1024
MAX_MB = MAX_BYTES // (1024 * 1024)


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Workbook (.xlsx)"),
        help_text=_("The workbook of this period, downloaded from Tera and filled in."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A file over the server's upload limit never arrives: "required" says the size too.
        self.fields["workbook"].error_messages["required"] = _(
            "Choose the workbook (.xlsx) to upload; it must be smaller than %(limit)s MB."
        ) % {"limit": MAX_MB}

    def clean_workbook(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["workbook"]
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload the workbook as an Excel file (.xlsx)."))
        if (upload.size or 0) > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB; a period's workbook is far smaller.")
                % {"limit": MAX_MB}
            )
        return upload
