"""Reading a report or plan kept in Word (.docx): its headings and tables, in order,
through ``lib.word``, as the blocks every report format is read from."""

from __future__ import annotations

from pathlib import Path

from goldenthread.lib.word import Paragraph, WordError, as_text, read_word

from .report_model import ParsedReport, Problem, ReportError, read_claim
from .report_tables import Block, Grid, Heading, Row, read_blocks


def read_word_report(path: Path, *, source_name: str) -> ParsedReport:
    """The report in a Word document. Raises ReportError naming each table, row and
    column it cannot read."""
    try:
        document = read_word(path, source_name=source_name)
    except WordError as error:
        raise ReportError(source_name, [Problem(0, error.reason)]) from None
    blocks: list[Block] = []
    for block in document:
        if isinstance(block, Paragraph):
            if block.is_heading:
                label = f"paragraph {block.number}"
                blocks.append(Heading(block.text, block.number, block.heading_level, label=label))
            continue
        if block.caption:
            blocks.append(Heading(block.caption, 0, caption=True, label=f"table {block.number}"))
        shades = block.shades or [{} for _ in block.rows]
        rows = [
            Row(number, cells, shaded)
            for number, (cells, shaded) in enumerate(zip(block.rows, shades, strict=True), start=1)
        ]
        blocks.append(Grid(f"table {block.number}", rows))
    report = read_blocks(blocks, source_name=source_name)
    report.claim = read_claim(
        "\n".join(b.text for b in document if isinstance(b, Paragraph) and not b.is_heading)
    )
    return report


__all__ = ["as_text", "read_word_report"]
