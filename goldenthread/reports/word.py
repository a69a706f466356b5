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
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .layout import FIGURE_DPI, Figure, Heading, Paragraph, Table, blocks, provenance

PAGE_WIDTH_CM, PAGE_HEIGHT_CM, MARGIN_CM = 29.7, 21.0, 1.8
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
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)


def _cover(document, report) -> None:
    if report.logo:
        document.add_picture(io.BytesIO(report.logo), height=Cm(1.8))
        _describe(document.inline_shapes[-1], f"{report.partnership} logo")
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.partnership)
    document.add_paragraph(provenance(report), style="Intense Quote")


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
    header = drawn.rows[0]
    _repeat_as_header(header)
    for cell, name in zip(header.cells, table.columns, strict=True):
        cell.paragraphs[0].add_run(name).bold = True
    for index, values in enumerate(table.rows):
        row = drawn.add_row()
        if index in table.spans:
            merged = row.cells[0].merge(row.cells[-1])
            merged.paragraphs[0].add_run(values[0]).bold = True
            continue
        for cell, value in zip(row.cells, values, strict=True):
            cell.paragraphs[0].add_run(value).bold = index in table.bold
    usable = PAGE_WIDTH_CM - 2 * MARGIN_CM
    for column, width in zip(drawn.columns, table.widths, strict=True):
        for cell in column.cells:
            cell.width = Cm(width / sum(table.widths) * usable)
    size = Pt(table.size + 1)
    for cell in drawn._cells:
        for run in cell.paragraphs[0].runs:
            run.font.size = size


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


WRITE = {Heading: _heading, Paragraph: _paragraph, Table: _table, Figure: _figure}
