"""Forms of the indicator pages: the scorecard's filters, and a file of values to upload."""

from __future__ import annotations

import codecs
import datetime as dt
import zipfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from goldenthread.indicators.importers.tables import NOT_UTF8, zip_problem
from goldenthread.indicators.scorecard import (
    KIND_CHOICES,
    SHOW_CHOICES,
    WITH_DATA,
    Row,
    of_kind,
    rows_to_show,
    year_end,
)

RAG_CHOICES = [
    ("", "Any"),
    ("red", "Red: not met"),
    ("amber", "Amber: close"),
    ("green", "Green: met"),
    ("none", "No target or no data"),
]


class ScorecardFilterForm(forms.Form):
    aim = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
    )
    rag = forms.ChoiceField(
        label="RAG against target",
        choices=RAG_CHOICES,
        required=False,
    )
    show = forms.ChoiceField(label="Show", choices=SHOW_CHOICES, required=False)
    kind = forms.ChoiceField(label="Kind of measure", choices=KIND_CHOICES, required=False)
    year = forms.ChoiceField(label="Data as it stood at the end of", required=False)

    def __init__(self, *args, aims=(), years=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aim"].choices = [("", "All aims")] + [
            (aim.number, f"Aim {aim.number}: {aim.title}") for aim in aims
        ]
        self.fields["year"].choices = [("", "Latest data")] + [
            (year.slug, str(year)) for year in years
        ]

    def as_of(self) -> dt.date | None:
        """The day the scorecard reads the data as at: the end of the year chosen."""
        return year_end(self.cleaned_data.get("year", "")) if self.is_valid() else None

    def rows_shown(self, rows: list[Row]) -> list[Row]:
        """The rows asked for: by default, those with a value, not retired, of any kind."""
        show = self.cleaned_data.get("show") if self.is_valid() else ""
        kind = self.cleaned_data.get("kind", "") if self.is_valid() else ""
        return of_kind(rows_to_show(rows, show or WITH_DATA, self.as_of()), kind)


# What an upload's first bytes say it is, whatever its name: for an error that says why.
SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old-style Excel (.xls) or Office file: save it as .xlsx",
    b"PK\x03\x04": "a zip file (perhaps an Excel workbook: name it .xlsx)",
}
EXTENSIONS = {".csv", ".xlsx"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SNIFFED = 1024  # characters at the start of a CSV looked at to tell a web page from a table


def upload_max_bytes() -> int:
    return getattr(settings, "IMPORT_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


class ValuesUploadForm(forms.Form):
    """A file of indicator values to import: checked by name, size and content.

    Only the file's kind is checked here; what is in it is the importer's to judge,
    row by row, in the preview. Empty files are let through Django's own check so that
    ours, which names the file, speaks instead of "The submitted file is empty".
    """

    file = forms.FileField(
        label="Upload a file of indicator values",
        help_text="A CSV (saved as “CSV UTF-8”) or an Excel workbook (.xlsx), one value a row.",
        allow_empty_file=True,
        error_messages={"required": "Choose a CSV or Excel file of indicator values"},
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        check_values_file(upload)
        return upload


def check_values_file(upload: UploadedFile) -> None:
    """Raise ValidationError naming the file and why, unless it is a CSV or .xlsx file
    within the size limit whose content is what its name says."""
    name = upload.name
    extension = Path(name).suffix.lower()
    if extension not in EXTENSIONS:
        kind = f"is a {extension} file" if extension else "has no .csv or .xlsx ending"
        raise ValidationError(f"{name} {kind}: upload a CSV (.csv) or Excel workbook (.xlsx).")
    if not upload.size:
        raise ValidationError(f"{name} is empty: it needs a header row and a row for each value.")
    limit = upload_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            f"{name} is {filesizeformat(upload.size)}: a file uploaded here may be at most "
            f"{filesizeformat(limit)}. Split it, or ask for it to be imported with the command."
        )
    try:
        if extension == ".xlsx":
            _check_workbook(upload, name)
        else:
            _check_csv_text(upload, name)
    finally:
        upload.seek(0)


def _known_kind(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return next((kind for magic, kind in SIGNATURES.items() if head.startswith(magic)), None)


def _check_workbook(upload: UploadedFile, name: str) -> None:
    from openpyxl import load_workbook  # here, as in the importer: slow to load, seldom used

    kind = _known_kind(upload)
    if kind and not kind.startswith("a zip"):
        raise ValidationError(f"{name} is {kind}, not an Excel workbook (.xlsx).")
    if not zipfile.is_zipfile(upload):
        raise ValidationError(f"{name} is not an Excel workbook (.xlsx): it cannot be opened.")
    upload.seek(0)
    with zipfile.ZipFile(upload) as archive:
        if "[Content_Types].xml" not in archive.namelist():
            raise ValidationError(f"{name} is a zip file, not an Excel workbook (.xlsx).")
    upload.seek(0)
    if problem := zip_problem(upload):  # before openpyxl inflates anything
        raise ValidationError(f"{name} {problem}.")
    try:
        load_workbook(upload, read_only=True).close()
    except Exception as error:
        # Broad on purpose: a damaged or hostile workbook can make openpyxl raise almost
        # anything, and each means the same thing here.
        raise ValidationError(
            f"{name} cannot be opened as an Excel workbook: save it again from Excel as .xlsx."
        ) from error


def _check_csv_text(upload: UploadedFile, name: str) -> None:
    """UTF-8 text (a byte order mark allowed), no NUL bytes, and not a web page."""
    kind = _known_kind(upload)
    if kind:
        raise ValidationError(f"{name} is {kind}, not a CSV file.")
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    start = ""
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                raise ValidationError(
                    f"{name} is not a CSV file: it holds bytes no text file has (NUL)."
                )
            text = decoder.decode(chunk)
            if len(start) < SNIFFED:
                start += text[:SNIFFED]
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise ValidationError(f"{name} {NOT_UTF8}.") from None
    # A CSV of values starts with its header; "<" starts a page saved from a browser.
    if start.lstrip().startswith("<"):
        raise ValidationError(
            f"{name} is a web page (HTML or XML), not a CSV file: download the data itself, "
            "or save it from Excel as “CSV UTF-8”."
        )
