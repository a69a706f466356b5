"""Tables in the PDF, laid out here rather than by fpdf2's own table.

fpdf2's tables break lines a character at a time, twice for every cell (to measure,
then to draw): the seed report's 82 actions took over a second. Here each cell is
wrapped once, word by word with measured words cached, and drawn line by line. Rows
keep together where they fit on a page, split where they do not, and the header row
is repeated at the top of each page.
"""

from __future__ import annotations

from dataclasses import dataclass

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
        return _Row(cells, self.widths, self.size, self.bold, self.fill)


def draw_table(pdf, table: Table) -> None:
    widths = [w / sum(table.widths) * pdf.epw for w in table.widths]
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    # The header a half point smaller: its words must fit narrow columns of numbers.
    header = _row(pdf, table.columns, widths, table.size - 0.5, bold=True, fill=HEADER_FILL)
    if pdf.will_page_break(header.height + 3 * header.line):
        pdf.add_page()
    _draw(pdf, header)
    for index, values in enumerate(table.rows):
        if index in table.spans:
            row = _row(pdf, values[:1], [sum(widths)], table.size, bold=True, fill=SPAN_FILL)
        else:
            row = _row(pdf, values, widths, table.size, bold=index in table.bold)
        _draw_splitting(pdf, row, header)
    pdf.ln(4)


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
    if row.fill:
        pdf.set_fill_color(*row.fill)
    for lines, width in zip(row.cells, row.widths, strict=True):
        pdf.rect(x, top, width, row.height, style="DF" if row.fill else "D")
        for number, text in enumerate(lines):
            baseline = top + row.padding + number * row.line + row.size * POINT
            pdf.text(x + row.padding, baseline, text)
        x += width
    pdf.set_xy(pdf.l_margin, top + row.height)


def wrap(pdf, text: str, width: float) -> list[str]:
    """Greedy word wrap to `width` millimetres in the current font; words too long for
    a line are broken where they must be."""
    measured: dict[str, float] = {}

    def measure(word: str) -> float:
        if word not in measured:
            measured[word] = pdf.get_string_width(word)
        return measured[word]

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
