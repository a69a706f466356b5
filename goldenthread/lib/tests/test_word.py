import pytest
from docx import Document

from goldenthread.lib.word import Paragraph, Table, WordError, as_text, read_word


@pytest.fixture
def report(tmp_path):
    document = Document()
    document.add_heading("Aim 1: Best start in life", level=1)
    document.add_paragraph("Progress this year was good.")
    document.add_paragraph("Table 1 Objective 1.1").style = "Caption"
    table = document.add_table(rows=4, cols=4)
    for cell, text in zip(table.rows[0].cells, ["Objective", "", "Lead", "Due"], strict=True):
        cell.text = text
    table.cell(0, 0).merge(table.cell(0, 1))  # a header over the code and its title
    table.cell(1, 0).text = "1.1"
    table.cell(1, 0).merge(table.cell(2, 0))  # the objective beside both its actions
    for row, texts in ((1, ["Act one", "Jo", "March 2016"]), (2, ["Act two", "Al", "Q3"])):
        for column, text in enumerate(texts, start=1):
            table.cell(row, column).text = text
    bold = document.add_paragraph().add_run("Priority 2")
    bold.bold = True
    path = tmp_path / "report.docx"
    document.save(path)
    return path


def test_a_word_document_is_read_as_headings_paragraphs_and_tables_in_order(report):
    blocks = read_word(report)
    assert [type(b).__name__ for b in blocks] == [
        "Paragraph",
        "Paragraph",
        "Paragraph",
        "Table",
        "Paragraph",
    ]
    heading, prose, _caption, table, bold = blocks
    assert isinstance(heading, Paragraph) and heading.heading_level == 1
    assert prose.heading_level is None
    assert bold.is_heading and bold.text == "Priority 2"
    assert isinstance(table, Table)
    assert table.number == 1
    assert table.caption == "Table 1 Objective 1.1"
    assert table.headings == ["Aim 1: Best start in life"]
    assert table.rows[0] == ["Objective", "", "Lead", "Due"]
    assert table.rows[1] == ["1.1", "Act one", "Jo", "March 2016"]
    assert table.rows[2] == ["1.1", "Act two", "Al", "Q3"]
    assert table.rows[3] == ["", "", "", ""]


def test_the_blocks_as_extracted_text(report):
    text = as_text(read_word(report))
    assert "# Aim 1: Best start in life" in text
    assert "1.1\tAct one\tJo\tMarch 2016" in text


def test_a_file_that_is_not_word_is_refused_by_name(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_text("not a zip")
    with pytest.raises(WordError, match=r"plan\.docx: not a Word \(\.docx\) file"):
        read_word(path)


def test_an_empty_cell_shaded_as_a_rating_is_kept_by_row_and_column(tmp_path):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Action", "RAG"
    table.cell(1, 0).text = "Patrols"
    shading = OxmlElement("w:shd")
    shading.set(qn("w:fill"), "00B050")
    table.cell(1, 1)._tc.get_or_add_tcPr().append(shading)
    document.save(tmp_path / "rag.docx")
    (read,) = read_word(tmp_path / "rag.docx")
    assert read.rows[1] == ["Patrols", ""]
    assert read.shades == [{}, {1: "Green"}]
