"""A report file read by its type: text, Word (.docx), Excel (.xlsx) or CSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from goldenthread.lib.tables import zip_problem

from .report_model import ParsedReport, Problem, ReportError
from .report_sheets import read_csv_report, read_excel_report
from .report_text import parse_report
from .report_word import read_word_report

READERS = {".docx": read_word_report, ".xlsx": read_excel_report, ".xlsm": read_excel_report}
REFUSED = {
    ".doc": "an old Word (.doc) file: open it in Word, save it as a Word Document (.docx) "
    "and import that.",
    ".xls": "an old Excel (.xls) file: open it in Excel, save it as an Excel Workbook "
    "(.xlsx) and import that.",
    ".pdf": "a PDF: import the Word or Excel file it was made from, or its text.",
}


_OLD_OFFICE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 and Excel 97-2003


def read_report_file(path: Path) -> tuple[ParsedReport, bytes]:
    """The report in the file, and the content its checksum is taken of (so the same
    file imported again is known): a text file's text in UTF-8, whatever byte-order
    mark it had; any other file's bytes. Raises ReportError for a file that cannot be
    read or holds problems."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ReportError(str(path), [Problem(0, "no such file.")])
    suffix = path.suffix.lower()
    if suffix in REFUSED:
        raise ReportError(name, [Problem(0, f"this is {REFUSED[suffix]}")])
    raw = path.read_bytes()
    if raw.startswith(_OLD_OFFICE):  # whatever its name says
        kind = ".xls" if suffix in {".xls", ".xlsx", ".xlsm", ".csv"} else ".doc"
        raise ReportError(name, [Problem(0, f"this is {REFUSED[kind]}")])
    if suffix in READERS or (raw.startswith(b"PK") and suffix != ".csv"):
        if problem := zip_problem(path):  # before anything is inflated
            raise ReportError(name, [Problem(0, f"this file {problem}.")])
        reader = READERS.get(suffix) or _zipped_reader(path)
        return reader(path, source_name=name), raw
    if suffix == ".csv":
        return read_csv_report(path, source_name=name), raw
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = (
            f"not a text file (byte {error.start} is not UTF-8), nor a Word (.docx) or Excel "
            "(.xlsx) file: save the report as one of those."
        )
        raise ReportError(name, [Problem(0, reason)]) from None
    return parse_report(text, source_name=name), text.encode()


def _zipped_reader(path: Path) -> Callable[..., ParsedReport]:
    """A Word or Excel file whose name does not say which: its parts do."""
    import zipfile

    try:
        parts = zipfile.ZipFile(path).namelist()
    except zipfile.BadZipFile:
        return read_word_report  # which says what is wrong with it
    return read_excel_report if any(p.startswith("xl/") for p in parts) else read_word_report
