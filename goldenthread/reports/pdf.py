"""Reports as PDF: A4 landscape, page numbers, the title and language set, bookmarks.

fpdf2 writes the file directly, several times faster than laying out HTML. The
document carries its title (shown by viewers instead of the file name) and its
language. Headings are bookmarks and tagged H1/H2, paragraphs are tagged P and charts
are tagged figures with their alternative text. Table cells are not yet tagged (fpdf2
builds only a flat structure tree); a screen reader reads them row by row, in order.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

from fpdf import FPDF, ViewerPreferences
from fpdf.enums import XPos, YPos

from .layout import (
    FIGURE_DPI,
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
from .pdf_tables import add_fonts, draw_table, wrap

BLACK, GREY, LIGHT = (11, 12, 12), (80, 90, 95), (243, 242, 241)
LINK = (29, 112, 184)  # GOV.UK's link colour
BODY_SIZE = 10


class ReportPDF(FPDF):
    def __init__(self, report) -> None:
        super().__init__(orientation="landscape", format="A4")
        self.report_title = report.title
        self.partnership = report.partnership
        add_fonts(self)
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=16)
        self.set_title(report.title)
        self.set_author(report.partnership)
        self.set_subject(f"{report.title}, {report.partnership}")
        self.set_creator("goldenthread")
        self.set_lang("en-GB")
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)

    @contextmanager
    def tagged(self, struct_type: str) -> Iterator[None]:
        """Mark what is drawn inside as one structure element (H1, H2, P).

        fpdf2 has this only for images and links, so it is built on its internals as
        its own image tagging is; the content must not cross a page.
        """
        mcid = self.struct_builder.next_mcid_for_page(self.page)
        self._add_marked_content(struct_type=f"/{struct_type}", mcid=mcid)
        self._out(f"/{struct_type} <</MCID {mcid}>> BDC")
        yield
        self._out("EMC")

    def keep_together(self, height: float) -> None:
        """Start a new page unless `height` millimetres fit on this one."""
        if self.will_page_break(height):
            self.add_page()

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("DejaVu", "", 8)
        self.set_text_color(*GREY)
        self.cell(
            0, 5, f"{self.partnership}: {self.report_title}", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")


def report_pdf(report) -> bytes:
    pdf = ReportPDF(report)
    pdf.add_page()
    _cover(pdf, report)
    for block in blocks(report):
        DRAW[type(block)](pdf, block)
    return bytes(pdf.output())


def _cover(pdf: ReportPDF, report) -> None:
    title, name, note = cover_sizes(report.kind)
    if report.logo:
        pdf.image(io.BytesIO(report.logo), h=title * 0.8, alt_text=f"{report.partnership} logo")
        pdf.ln(2)
    _lines(pdf, report.title, ("B", title, BLACK), "H1")
    _lines(pdf, report.partnership, ("", name, BLACK), "P")
    pdf.ln(2)
    _lines(pdf, provenance(report), ("I", note, GREY), "P")
    pdf.ln(3)


HEADING_SIZES = {1: 16, 2: 12, 3: 11}


def _heading(pdf: ReportPDF, heading: Heading) -> None:
    if heading.new_page:
        pdf.add_page()
    size = HEADING_SIZES[heading.level]
    # A heading keeps at least a few lines of what it heads on its page.
    pdf.keep_together(size * 0.6 + 25)
    pdf.ln(4 if heading.level == 1 else 2)
    pdf.start_section(heading.text, level=heading.level - 1)
    _lines(pdf, heading.text, ("B", size, BLACK), f"H{heading.level}")
    pdf.ln(2)


def _paragraph(pdf: ReportPDF, paragraph: Paragraph) -> None:
    style = {"caption": ("I", 9, GREY), "quote": ("I", BODY_SIZE, GREY)}.get(
        paragraph.style, ("", BODY_SIZE, BLACK)
    )
    _lines(pdf, paragraph.text, style, "P")
    pdf.ln(2)


def _lines(pdf: ReportPDF, text: str, style: tuple, tag: str) -> None:
    """Text wrapped to the page's width, kept on one page, tagged as one element.

    Wrapped by `wrap` rather than fpdf2's multi_cell, whose line breaking costs grow
    with the square of a line's length.
    """
    emphasis, size, colour = style
    pdf.set_font("DejaVu", emphasis, size)
    pdf.set_text_color(*colour)
    height = size * 0.5
    lines = wrap(pdf, text, pdf.epw)
    pdf.keep_together(len(lines) * height)
    with pdf.tagged(tag):
        for line in lines:
            pdf.cell(0, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _figure(pdf: ReportPDF, figure: Figure) -> None:
    width = 150
    pdf.keep_together(width * 4.2 / 8)
    pdf.image(
        io.BytesIO(figure.chart.png(dpi=FIGURE_DPI)),
        w=width,
        alt_text=figure.alt_text,
        title=figure.chart.title,
    )
    pdf.ln(1)


LIST_INDENT, QUOTE_INDENT, MARKER_WIDTH = 6, 8, 5


def _prose(pdf: ReportPDF, prose: Prose) -> None:
    """An authored section's paragraph: its runs bold, italic or linked, as written;
    list items indented by level behind their bullet or number, quotes indented."""
    listed = prose.kind in ("bullet", "number")
    quoted = prose.kind == "quote"
    indent = LIST_INDENT * (prose.level + 1) if listed else QUOTE_INDENT if quoted else 0
    base, colour, height = ("I" if quoted else ""), (GREY if quoted else BLACK), BODY_SIZE * 0.5
    margin = pdf.l_margin
    pdf.set_font("DejaVu", base, BODY_SIZE)
    text = "".join(run.text for run in prose.runs)
    pdf.keep_together(len(wrap(pdf, text, pdf.epw - indent)) * height + 1)
    top = pdf.get_y()
    with pdf.tagged("P"):
        if listed:
            pdf.set_text_color(*BLACK)
            pdf.set_x(margin + indent - MARKER_WIDTH)
            pdf.cell(MARKER_WIDTH, height, "•" if prose.kind == "bullet" else f"{prose.number}.")
        pdf.set_left_margin(margin + indent)
        pdf.set_x(margin + indent)
        try:
            for run in prose.runs:
                # DejaVu here has no bold italic: bold wins.
                emphasis = "B" if run.bold else "I" if run.italic or quoted else ""
                pdf.set_font("DejaVu", emphasis, BODY_SIZE)
                pdf.set_text_color(*(LINK if run.href else colour))
                pdf.write(height, run.text, link=run.href)
        finally:
            pdf.set_left_margin(margin)
    if quoted:  # a bar beside it, as the page's inset quote has
        pdf.set_draw_color(177, 180, 182)
        pdf.set_line_width(1.2)
        pdf.line(margin + 2, top, margin + 2, pdf.get_y() + height)
    pdf.ln(height + 2)


MM_PER_PIXEL, PICTURE_MAX_MM = 25.4 / 96, 150


def _picture(pdf: ReportPDF, picture: Picture) -> None:
    width = min(PICTURE_MAX_MM, picture.width * MM_PER_PIXEL)
    height = width * picture.height / picture.width
    pdf.keep_together(height + 2)
    pdf.image(io.BytesIO(picture.content), w=width, h=height, alt_text=picture.alt_text)
    pdf.ln(2)


DRAW = {
    Heading: _heading,
    Paragraph: _paragraph,
    Table: draw_table,
    Figure: _figure,
    Prose: _prose,
    Picture: _picture,
}
