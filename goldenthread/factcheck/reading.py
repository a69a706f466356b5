"""Narrative read from a file: text, Markdown or Word, as passages with their lines.

For Word a passage's line is its paragraph's number in the document (counting every
paragraph, empty ones too, as Word's own count does); a table's cells take the number
of the paragraph before the table.
"""

from __future__ import annotations

from pathlib import Path

from goldenthread.lib.word import Table, WordError, read_word

from .sentences import Passage, clean, plain_passages

WORD_SUFFIXES = (".docx",)
MARKDOWN_SUFFIXES = (".md", ".markdown")


class NarrativeError(ValueError):
    """The file cannot be read as narrative; the message names it and says why."""


def read_passages(path: Path) -> list[Passage]:
    if not path.is_file():
        raise NarrativeError(f"{path}: no such file")
    if path.suffix.lower() in WORD_SUFFIXES:
        try:
            return word_passages(path)
        except WordError as error:
            raise NarrativeError(f"{path}: {error.reason}") from None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise NarrativeError(
            f"{path}: not text in UTF-8 (byte {error.start}); save it as text, Markdown or .docx"
        ) from None
    except OSError as error:
        raise NarrativeError(f"{path}: cannot be read ({error.strerror})") from None
    return plain_passages(text, markdown=path.suffix.lower() in MARKDOWN_SUFFIXES)


def word_passages(path: Path) -> list[Passage]:
    passages: list[Passage] = []
    outline: dict[int, str] = {}
    last = 0
    for block in read_word(path):
        if isinstance(block, Table):
            for row in block.rows:
                passages += [
                    Passage(last, clean(c), tuple(outline.values()), in_table=True)
                    for c in row
                    if c
                ]
            continue
        last = block.number
        if block.heading_level is not None:
            level = block.heading_level
            outline = {k: v for k, v in outline.items() if k < level}
            outline[level] = block.text
            passages.append(Passage(last, block.text, tuple(outline.values()), True))
        else:
            passages.append(Passage(last, clean(block.text, False), tuple(outline.values())))
    return passages
