"""A Word document read as councils write them: headings, paragraphs and tables, in order.

Plans and progress reports are kept in Word, with their structure in headings ("Aim 1:
…", "Priority 2") and tables (one row an action). This reads a ``.docx`` with
python-docx into those blocks and nothing more: what the blocks mean is for the
importer of a plan or a report to say.

- A heading is a paragraph in a Heading or Title style, or one whose runs are all bold
  and short (many councils make headings by hand); its level is the style's.
- A table's cells are text, their paragraphs joined by newlines. A cell merged across
  columns is read once, at its first column, the others left empty, so a header
  spanning a code and a title column heads the code. A cell merged down rows
  repeats in each, as a reader sees it beside each row.
- An empty cell shaded red, amber, green or blue (a RAG column coloured, not written)
  is kept in the table's ``shades`` by row and column (``lib.colours``).
- A caption is the paragraph straight before a table in the Caption style or starting
  "Table N".
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tc
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from .colours import rag_of_colour

_HEADING_STYLE = re.compile(r"^heading\s*(\d)", re.IGNORECASE)
_CAPTION = re.compile(r"^table\s+\d+\b", re.IGNORECASE)
BOLD_HEADING_LENGTH = 120


class WordError(ValueError):
    """The file is not a Word document that can be read."""

    def __init__(self, source_name: str, reason: str) -> None:
        self.source_name = source_name
        self.reason = reason
        super().__init__(f"{source_name}: {reason}")


@dataclass(frozen=True)
class Paragraph:
    text: str
    number: int  # the paragraph's place in the document, counting from 1
    heading_level: int | None = None  # 0 for a title, 1… for headings
    style: str = ""
    is_list_item: bool = False

    @property
    def is_heading(self) -> bool:
        return self.heading_level is not None


@dataclass
class Table:
    number: int  # "table 3" counts the document's tables from 1
    rows: list[list[str]]
    caption: str = ""
    headings: list[str] = field(default_factory=list)  # the headings above it, outermost first
    # each row's empty cells shaded as a RAG rating: {column: "Green"}
    shades: list[dict[int, str]] = field(default_factory=list)


Block = Paragraph | Table


def read_word(path: Path | str, *, source_name: str | None = None) -> list[Block]:
    """The document's paragraphs and tables in the order they are written."""
    path = Path(path)
    name = source_name or path.name
    try:
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise WordError(name, f"not a Word (.docx) file that can be read ({error}).") from None
    blocks: list[Block] = []
    outline: dict[int, str] = {}
    tables = paragraphs = 0
    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph):
            paragraphs += 1
            paragraph = _paragraph(item, paragraphs)
            if paragraph.text:
                blocks.append(paragraph)
                if paragraph.heading_level is not None:
                    level = paragraph.heading_level
                    outline = {k: v for k, v in outline.items() if k < level}
                    outline[level] = paragraph.text
        elif isinstance(item, DocxTable):
            tables += 1
            rows, shades = _rows(item)
            blocks.append(Table(tables, rows, _caption(blocks), list(outline.values()), shades))
    return blocks


def as_text(blocks: list[Block]) -> str:
    """The blocks as the text a Word document is extracted to: headings marked with
    ``#``, table rows with their cells separated by tabs."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            lines += ["\t".join(" ".join(cell.split()) for cell in row) for row in block.rows]
            lines.append("")
        elif block.heading_level is not None:
            lines.append(f"{'#' * max(block.heading_level, 1)} {block.text}")
        else:
            lines.append(f"- {block.text}" if block.is_list_item else block.text)
    return "\n".join(lines)


def _paragraph(item: DocxParagraph, number: int) -> Paragraph:
    text = item.text.strip()
    style = item.style.name if item.style is not None else ""
    level = _heading_level(item, style, text)
    listed = "list" in style.lower() or item._p.pPr is not None and item._p.pPr.numPr is not None
    return Paragraph(text, number, level, style, listed)


def _heading_level(item: DocxParagraph, style: str, text: str) -> int | None:
    if style.lower() == "title":
        return 0
    styled = _HEADING_STYLE.match(style)
    if styled:
        return int(styled.group(1))
    runs = [run for run in item.runs if run.text.strip()]
    if runs and len(text) <= BOLD_HEADING_LENGTH and all(run.bold for run in runs):
        return 9  # a bold line made by hand: a heading below any styled one
    return None


def _rows(table: DocxTable) -> tuple[list[list[str]], list[dict[int, str]]]:
    rows, shades = [], []
    for row in table.rows:
        cells: list[str] = []
        shaded: dict[int, str] = {}
        previous = None
        for column, cell in enumerate(row.cells):
            # python-docx gives a cell merged across columns once for each column.
            cells.append("" if cell._tc is previous else cell.text.strip())
            if not cells[-1] and cell._tc is not previous:
                rating = rag_of_colour(_fill(cell._tc))
                if rating:
                    shaded[column] = rating
            previous = cell._tc
        rows.append(cells)
        shades.append(shaded)
    return rows, shades


def _fill(tc: CT_Tc) -> str | None:
    shading = tc.tcPr.find(qn("w:shd")) if tc.tcPr is not None else None
    return shading.get(qn("w:fill")) if shading is not None else None


def _caption(blocks: list[Block]) -> str:
    last = blocks[-1] if blocks else None
    if isinstance(last, Paragraph) and (
        last.style.lower() == "caption" or _CAPTION.match(last.text)
    ):
        return last.text
    return ""
