"""Reports as Word documents an officer can edit and send to a board.

Each report's blocks (`layout.py`) become real heading styles (so Word's navigation
pane and a table of contents work), tables with a repeating header row, and charts as
images with alternative text. The logo, when the partnership has one, heads the first
page.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .layout import (
    FIGURE_DPI,
    ONE_PAGE,
    Figure,
    Heading,
    Paragraph,
    Picture,
    Prose,
    Table,
    blocks,
    cover_sizes,
    provenance,
)
from .pdf_tables import fitted, measurer

PAGE_WIDTH_CM, PAGE_HEIGHT_CM, MARGIN_CM = 29.7, 21.0, 1.8
ONE_PAGE_MARGIN_CM = 1.2  # above and below, for a report that must fit one sheet
CELL_PADDING_MM = 1.9  # Word's own cell margin, a side ("Table Grid")
COMPACT_PADDING_MM = 1.0
STYLES = {"body": None, "caption": "Caption", "quote": "Intense Quote"}


def report_docx(report) -> bytes:
    document = Document()
    _set_up(document, report)
    _cover(document, report)
    for block in blocks(report):
        WRITE[type(block)](document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_up(document, report) -> None:
    properties = document.core_properties
    properties.title = report.title
    properties.author = report.partnership
    properties.language = "en-GB"
    section = document.sections[0]
    # Landscape A4: the action tables have five columns of prose.
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    if report.kind in ONE_PAGE:
        section.top_margin = section.bottom_margin = Cm(ONE_PAGE_MARGIN_CM)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)


def _cover(document, report) -> None:
    if report.logo:
        document.add_picture(io.BytesIO(report.logo), height=Cm(1.8))
        _describe(document.inline_shapes[-1], f"{report.partnership} logo")
    title = document.add_heading(report.title, level=0)
    name = document.add_paragraph(report.partnership)
    note = document.add_paragraph(provenance(report), style="Intense Quote")
    if report.kind in ONE_PAGE:
        # The report's own sizes, as the PDF's, so that it fits one sheet.
        for paragraph, size in zip((title, name, note), cover_sizes(report.kind), strict=True):
            paragraph.paragraph_format.space_before = Pt(0)
            paragraph.paragraph_format.space_after = Pt(3)
            for run in paragraph.runs:
                run.font.size = Pt(size)


def _heading(document, heading: Heading) -> None:
    if heading.new_page:
        document.add_page_break()
    document.add_heading(heading.text, level=heading.level)


def _paragraph(document, paragraph: Paragraph) -> None:
    added = document.add_paragraph(paragraph.text, style=STYLES[paragraph.style])
    if paragraph.style == "caption":
        added.paragraph_format.space_after = Pt(12)


def _table(document, table: Table) -> None:
    drawn = document.add_table(rows=1, cols=len(table.columns))
    drawn.style = "Table Grid"
    drawn.autofit = False
    # Each column at least as wide as its longest word, as in the PDF (pdf_tables); a
    # compact table as small as the PDF's, a little larger otherwise (Arial is smaller
    # than the PDF's DejaVu at the same size).
    padding = COMPACT_PADDING_MM if table.compact else CELL_PADDING_MM
    size, widths = fitted(
        measurer(),
        table,
        width=(PAGE_WIDTH_CM - 2 * MARGIN_CM) * 10,
        size=table.size if table.compact else table.size + 1,
        padding=padding,
    )
    if table.compact:
        _cell_margins(drawn, padding)
    for column, width in zip(drawn.columns, widths, strict=True):
        column.width = Cm(width / 10)
    header = drawn.rows[0]
    _repeat_as_header(header)
    _size_cells(header, widths)
    for cell, name in zip(header.cells, table.columns, strict=True):
        cell.paragraphs[0].add_run(name).bold = True
    for index, values in enumerate(table.rows):
        row = drawn.add_row()
        _size_cells(row, widths)
        if index in table.spans:
            merged = row.cells[0].merge(row.cells[-1])
            merged.paragraphs[0].add_run(values[0]).bold = True
            continue
        for cell, value in zip(row.cells, values, strict=True):
            cell.paragraphs[0].add_run(value).bold = index in table.bold
    for cell in drawn._cells:
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(size)
    for (row_index, column), colour in table.fills.items():
        _shade(drawn.rows[row_index + 1].cells[column], colour)


def _size_cells(row, widths: list[float]) -> None:
    # Before any merge, which adds the widths of the cells it joins.
    for cell, width in zip(row.cells, widths, strict=True):
        cell.width = Cm(width / 10)


def _cell_margins(drawn, padding: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(padding / 25.4 * 1440)))  # twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    drawn._tbl.tblPr.append(margins)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour.removeprefix("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_as_header(row) -> None:
    """Mark the row as the table's header: repeated on each page, read as headers."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _figure(document, figure: Figure) -> None:
    document.add_picture(io.BytesIO(figure.chart.png(dpi=FIGURE_DPI)), width=Cm(16))
    _describe(document.inline_shapes[-1], figure.alt_text, figure.chart.title)


def _describe(picture, description: str, title: str = "") -> None:
    # Word reads alternative text from the drawing's description.
    picture._inline.docPr.set("descr", description)
    if title:
        picture._inline.docPr.set("title", title)


# Word's own styles for an authored section's lists and quotes, so that they read as
# lists and quotes in Word's navigation and to a screen reader; three levels of list.
LIST_STYLES = {"bullet": "List Bullet", "number": "List Number"}
PROSE_STYLES = {"paragraph": None, "quote": "Quote"}
PICTURE_MAX_CM, PIXELS_PER_CM = 16.0, 96 / 2.54


def _prose(document, prose: Prose) -> None:
    if prose.kind in LIST_STYLES:
        level = min(prose.level, 2)
        style = LIST_STYLES[prose.kind] + (f" {level + 1}" if level else "")
    else:
        style = PROSE_STYLES[prose.kind]
    paragraph = document.add_paragraph(style=style)
    if prose.kind == "number" and prose.level == 0:
        _number(document, paragraph, prose)
    for run in prose.runs:
        added = paragraph.add_run(run.text)
        added.bold = run.bold or None
        added.italic = run.italic or None
        if run.href:
            _link(paragraph, added, run.href)


def _number(document, paragraph, prose: Prose) -> None:
    """Number the item in its own list: Word's List Number style counts on across every
    list in the document, so each list gets a numbering of its own, starting where the
    Markdown starts it."""
    numbering = document.part.numbering_part.numbering_definitions._numbering
    if prose.first or not hasattr(document, "gt_list_number"):
        style_num = document.styles["List Number"].element.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(prose.number or 1)
        document.gt_list_number = num.numId
    properties = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    properties.get_or_add_ilvl().val = 0
    properties.get_or_add_numId().val = document.gt_list_number


def _link(paragraph, run, href: str) -> None:
    """Make the run a link to ``href`` (python-docx has no call for it)."""
    relation = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run.underline = True
    run._r.addprevious(link)
    link.append(run._r)


def _picture(document, picture: Picture) -> None:
    width = min(PICTURE_MAX_CM, picture.width / PIXELS_PER_CM)
    document.add_picture(io.BytesIO(picture.content), width=Cm(width))
    _describe(document.inline_shapes[-1], picture.alt_text)


WRITE = {
    Heading: _heading,
    Paragraph: _paragraph,
    Table: _table,
    Figure: _figure,
    Prose: _prose,
    Picture: _picture,
}
