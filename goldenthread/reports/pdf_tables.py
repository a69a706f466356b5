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

PADDING = 1.2  # millimetres around a cell's text
LEADING = 1.3  # line height as a multiple of the font size
POINT = 25.4 / 72  # millimetres
HEADER_FILL, SPAN_FILL, RULE = (243, 242, 241), (248, 248, 248), (177, 180, 182)


@dataclass
class _Row:
    cells: list[list[str]]  # each cell's lines
    widths: list[float]
    bold: bool = False
    fill: tuple[int, int, int] | None = None


def draw_table(pdf, table: Table) -> None:
    line = table.size * POINT * LEADING
    widths = [w / sum(table.widths) * pdf.epw for w in table.widths]
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    header = _Row(
        _wrap_all(pdf, table.columns, widths, table.size, True), widths, True, HEADER_FILL
    )
    if pdf.will_page_break(_height(header, line) + 3 * line):
        pdf.add_page()
    _draw(pdf, header, line, table.size)
    for index, values in enumerate(table.rows):
        if index in table.spans:
            span = [sum(widths)]
            row = _Row(_wrap_all(pdf, values[:1], span, table.size, True), span, True, SPAN_FILL)
        else:
            bold = index in table.bold
            row = _Row(_wrap_all(pdf, values, widths, table.size, bold), widths, bold)
        _draw_splitting(pdf, row, header, line, table.size)
    pdf.ln(4)


def _draw_splitting(pdf, row: _Row, header: _Row, line: float, size: float) -> None:
    """Draw the row, on a new page if it fits there whole, else across pages."""
    while True:
        room = pdf.h - pdf.b_margin - pdf.get_y()
        needed = _height(row, line)
        if needed <= room:
            _draw(pdf, row, line, size)
            return
        fresh_page = pdf.h - pdf.b_margin - pdf.t_margin - _height(header, line) - 10
        if needed <= fresh_page or room < 2 * PADDING + 3 * line:
            _new_page_with_header(pdf, header, line, size)
            continue
        fits = int((room - 2 * PADDING) // line)
        _draw(pdf, _Row([c[:fits] for c in row.cells], row.widths, row.bold, row.fill), line, size)
        row = _Row([c[fits:] for c in row.cells], row.widths, row.bold, row.fill)
        _new_page_with_header(pdf, header, line, size)


def _new_page_with_header(pdf, header: _Row, line: float, size: float) -> None:
    pdf.add_page()
    _draw(pdf, header, line, size)


def _height(row: _Row, line: float) -> float:
    return max(len(lines) for lines in row.cells) * line + 2 * PADDING


def _draw(pdf, row: _Row, line: float, size: float) -> None:
    pdf.set_font("DejaVu", "B" if row.bold else "", size)
    top, x, height = pdf.get_y(), pdf.l_margin, _height(row, line)
    for lines, width in zip(row.cells, row.widths, strict=True):
        if row.fill:
            pdf.set_fill_color(*row.fill)
        pdf.rect(x, top, width, height, style="DF" if row.fill else "D")
        for number, text in enumerate(lines):
            baseline = top + PADDING + number * line + size * POINT
            pdf.text(x + PADDING, baseline, text)
        x += width
    pdf.set_xy(pdf.l_margin, top + height)


def _wrap_all(pdf, values, widths, size, bold) -> list[list[str]]:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    return [
        wrap(pdf, str(value), width - 2 * PADDING)
        for value, width in zip(values, widths, strict=True)
    ]


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
