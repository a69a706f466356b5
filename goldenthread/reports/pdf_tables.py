"""Tables in the PDF, laid out here rather than by fpdf2's own table.

fpdf2's tables break lines a character at a time, twice for every cell (to measure,
then to draw): the seed report's 82 actions took over a second. Here each cell is
wrapped once, word by word with measured words cached, and drawn line by line. Rows
keep together where they fit on a page, split where they do not, and the header row
is repeated at the top of each page. Columns are never narrower than their longest
word, and a table whose longest words do not fit side by side is set smaller, so a
wide table (the scorecard's ten columns) is never cut off at the right.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import matplotlib

from .layout import Table

LEADING = 1.25  # line height as a multiple of the font size
POINT = 25.4 / 72  # millimetres
HEADER_FILL, SPAN_FILL, RULE = (243, 242, 241), (248, 248, 248), (177, 180, 182)


@dataclass
class _Row:
    cells: list[list[str]]  # each cell's lines
    widths: list[float]
    size: float  # points
    bold: bool = False
    fill: tuple[int, int, int] | None = None
    # A cell's own shading, over the row's.
    fills: list[tuple[int, int, int] | None] = field(default_factory=list)

    @property
    def line(self) -> float:
        return self.size * POINT * LEADING

    @property
    def padding(self) -> float:
        return self.size * 0.15

    @property
    def height(self) -> float:
        return max(len(lines) for lines in self.cells) * self.line + 2 * self.padding

    def part(self, start: int, end: int | None = None) -> _Row:
        cells = [lines[start:end] for lines in self.cells]
        return _Row(cells, self.widths, self.size, self.bold, self.fill, self.fills)


# A table too wide for the page at its size is set smaller, down to this, before a
# word is ever broken.
SMALLEST = 5.5


def draw_table(pdf, table: Table) -> None:
    size, widths = fitted(pdf, table)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    # The header a half point smaller: its words must fit narrow columns of numbers.
    header = _row(pdf, table.columns, widths, size - 0.5, bold=True, fill=HEADER_FILL)
    header.fills = _fills(table, -1)
    if pdf.will_page_break(header.height + 3 * header.line):
        pdf.add_page()
    _draw(pdf, header)
    for index, values in enumerate(table.rows):
        if index in table.spans:
            row = _row(pdf, values[:1], [sum(widths)], size, bold=True, fill=SPAN_FILL)
        else:
            row = _row(pdf, values, widths, size, bold=index in table.bold)
            row.fills = _fills(table, index)
        _draw_splitting(pdf, row, header)
    pdf.ln(4)


def fitted(
    pdf, table: Table, *, width: float | None = None, size: float | None = None, padding=None
) -> tuple[float, list[float]]:
    """The table's size and column widths (mm) across the page: each column at least as
    wide as its longest word (so that no word, the headers' above all, is broken or
    runs into the next column), the rest shared as the table's widths say; a size
    smaller where the longest words do not fit side by side at the table's own.

    Word asks too, for its own width, size and cell padding (mm a side), measured in
    DejaVu Sans, which is wider than the Arial it sets: its columns are never too narrow.
    """
    width = (pdf.epw if width is None else width) * table.span
    size = table.size if size is None else size
    while True:
        needed = _longest_words(pdf, table, size, padding)
        if sum(needed) <= width:
            return size, share(width, table.widths, needed)
        if size <= SMALLEST:
            # Words that cannot fit side by side even so are broken (`wrap`), but
            # the table still ends at the margin.
            return size, share(width, table.widths, [0.0] * len(needed))
        size -= 0.5


@cache
def measurer():
    """A PDF that is never written, for measuring words in the reports' font (loading
    the fonts is the slow part: one for every document a process writes)."""
    from fpdf import FPDF

    pdf = FPDF()
    add_fonts(pdf)
    return pdf


# DejaVu ships with matplotlib: every character of a council's text, no system font.
FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def add_fonts(pdf) -> None:
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.add_font("DejaVu", "I", FONTS / "DejaVuSans-Oblique.ttf")


def share(width: float, weights: list[float], least: list[float]) -> list[float]:
    """``width`` shared in proportion to ``weights``, no column below its ``least``:
    columns held at their least, the rest shared again among the others."""
    held: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in held]
        room = width - sum(held.values())
        total = sum(weights[i] for i in free)
        if not free or total <= 0:
            return [held.get(i, 0.0) for i in range(len(weights))]
        shares = {i: room * weights[i] / total for i in free}
        short = {i for i in free if shares[i] < least[i]}
        if not short:
            return [held.get(i, shares.get(i, 0.0)) for i in range(len(weights))]
        held |= {i: least[i] for i in short}


def _longest_words(pdf, table: Table, size: float, padding: float | None) -> list[float]:
    # Both sides' padding, and a little room for the rule between columns.
    padding = 2 * (size * 0.15 if padding is None else padding) + 0.3
    longest = [0.0] * len(table.columns)
    pdf.set_font("DejaVu", "B", size - 0.5)
    for i, name in enumerate(table.columns):
        longest[i] = max((string_width(pdf, w) for w in name.split()), default=0.0)
    for index, values in enumerate(table.rows):
        if index in table.spans:
            continue
        pdf.set_font("DejaVu", "B" if index in table.bold else "", size)
        for i, value in enumerate(values):
            words = str(value).split()
            if words:
                longest[i] = max(longest[i], max(string_width(pdf, w) for w in words))
    return [w + padding for w in longest]


def _fills(table: Table, row: int) -> list[tuple[int, int, int] | None]:
    return [_rgb(table.fills.get((row, column))) for column in range(len(table.columns))]


def _rgb(colour: str | None) -> tuple[int, int, int] | None:
    if not colour:
        return None
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def _row(pdf, values, widths, size, *, bold=False, fill=None) -> _Row:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    row = _Row([], widths, size, bold, fill)
    row.cells = [
        wrap(pdf, str(value), width - 2 * row.padding)
        for value, width in zip(values, widths, strict=True)
    ]
    return row


def _draw_splitting(pdf, row: _Row, header: _Row) -> None:
    """Draw the row, on a new page if it fits there whole, else across pages."""
    while True:
        room = pdf.h - pdf.b_margin - pdf.get_y()
        if row.height <= room:
            _draw(pdf, row)
            return
        fresh_page = pdf.h - pdf.b_margin - pdf.t_margin - header.height - 10
        if row.height <= fresh_page or room < 2 * row.padding + 3 * row.line:
            pdf.add_page()
            _draw(pdf, header)
            continue
        fits = int((room - 2 * row.padding) // row.line)
        _draw(pdf, row.part(0, fits))
        row = row.part(fits)
        pdf.add_page()
        _draw(pdf, header)


def _draw(pdf, row: _Row) -> None:
    pdf.set_font("DejaVu", "B" if row.bold else "", row.size)
    top, x = pdf.get_y(), pdf.l_margin
    fills = row.fills or [None] * len(row.cells)
    for lines, width, own in zip(row.cells, row.widths, fills, strict=True):
        fill = own or row.fill
        if fill:
            pdf.set_fill_color(*fill)
        pdf.rect(x, top, width, row.height, style="DF" if fill else "D")
        for number, text in enumerate(lines):
            baseline = top + row.padding + number * row.line + row.size * POINT
            pdf.text(x + row.padding, baseline, text)
        x += width
    pdf.set_xy(pdf.l_margin, top + row.height)


# Widths of words in a font at a size, for every document: fpdf2 measures a string
# slowly (it prepares it for drawing), and tables measure the same words again and again.
_WIDTHS: dict[tuple[str, str, float, str], float] = {}
_MOST_WIDTHS = 200_000


def string_width(pdf, text: str) -> float:
    """The width of ``text`` in millimetres in the current font, as fpdf2 measures it."""
    key = (pdf.font_family, pdf.font_style, pdf.font_size_pt, text)
    width = _WIDTHS.get(key)
    if width is None:
        if len(_WIDTHS) >= _MOST_WIDTHS:
            _WIDTHS.clear()
        width = _WIDTHS[key] = pdf.get_string_width(text)
    return width


def wrap(pdf, text: str, width: float) -> list[str]:
    """Greedy word wrap to `width` millimetres in the current font; words too long for
    a line are broken where they must be."""

    def measure(word: str) -> float:
        return string_width(pdf, word)

    space = measure(" ")
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current, used = [], 0.0
        for word in paragraph.split():
            w = measure(word)
            if current and used + space + w > width:
                lines.append(" ".join(current))
                current, used = [], 0.0
            while w > width:
                head = _longest_prefix(word, width, measure)
                lines.append(head)
                word = word[len(head) :]
                w = measure(word)
            used += (space if current else 0) + w
            current.append(word)
        lines.append(" ".join(current))
    return lines


def _longest_prefix(word: str, width: float, measure) -> str:
    end = len(word)
    while end > 1 and measure(word[:end]) > width:
        end -= 1
    return word[:end]
