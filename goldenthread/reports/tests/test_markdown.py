"""An authored section's Markdown: the safe subset kept, everything else made harmless."""

from html.parser import HTMLParser

from goldenthread.reports.markdown import Grid, Picture, Run, Text, Title, image_names, parts
from goldenthread.reports.markdown import to_html as html_of

PHOTO = {"photo.png": ("data:image/png;base64,iVBORw0KGgo=", "Young people at the event")}


def to_html(source: str, images=None) -> str:
    return html_of(source, images or {})


def elements(html: str) -> list[tuple[str, dict]]:
    """Each element a browser would build from the HTML, with its attributes."""
    found = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Reader().feed(html)
    return found


def test_script_and_event_handlers_never_reach_the_page():
    written = (
        "Hello <script>alert('x')</script>\n\n"
        '<img src="x" onerror="alert(1)">\n\n'
        '<a href="https://x.org" onclick="steal()">link</a>\n\n'
        "<iframe src='https://evil.example'></iframe>"
    )
    html = to_html(written)
    assert {tag for tag, _ in elements(html)} == {"p"}
    assert not any(name.startswith("on") for _, a in elements(html) for name in a)
    # What was typed is shown as typed, so the writer sees what went wrong.
    assert "&lt;script&gt;" in html


def test_links_keep_only_web_and_mail_addresses():
    html = to_html(
        "[ok](https://example.org/a) [mail](mailto:info@example.org) "
        "[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [data](data:text/html,<b>x</b>) "
        "[vb](vbscript:msgbox) <javascript:alert(1)>"
    )
    assert 'href="https://example.org/a"' in html
    assert 'href="mailto:info@example.org"' in html
    # The others are shown as typed, as words, never as links.
    assert html.count("<a ") == 2
    assert 'href="javascript' not in html.lower()
    assert 'href="data' not in html and 'href="vbscript' not in html
    assert 'rel="noopener noreferrer"' in html


def test_the_subset_is_styled_as_govuk_typography_with_headings_below_the_sections():
    html = to_html(
        "# Our year\n\n## In detail\n\nSome **bold** and *italic* words.\n\n"
        "- one\n- two\n\n1. first\n2. second\n\n> What a child told us\n\n"
        "| Service | Children |\n| --- | ---: |\n| Early help | 120 |\n"
    )
    assert '<h3 class="govuk-heading-m">Our year</h3>' in html
    assert '<h4 class="govuk-heading-s">In detail</h4>' in html
    assert "<h1" not in html and "<h2" not in html
    assert '<p class="govuk-body">Some <strong>bold</strong> and <em>italic</em> words.</p>' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert '<ol class="govuk-list govuk-list--number">' in html
    assert '<blockquote class="govuk-inset-text gt-quote">' in html
    assert '<table class="govuk-table">' in html
    assert '<th scope="col" class="govuk-table__header">Children</th>' in html
    assert '<td class="govuk-table__cell">120</td>' in html
    assert "style=" not in html


def test_a_writer_cannot_set_classes_or_attributes():
    html = to_html('Words {.govuk-button onclick="x"}\n\n<p class="x" style="x">raw</p>')
    assert elements(html) == [("p", {"class": "govuk-body"})] * 2


def test_images_are_those_uploaded_with_the_section_and_always_have_alt_text():
    html = to_html(
        "![](photo.png)\n\n![A chart](photo.png)\n\n![Not uploaded](elsewhere.png)\n\n"
        "![remote](https://tracker.example/pixel.png)",
        PHOTO,
    )
    assert html.count("<img") == 2
    assert 'alt="Young people at the event"' in html  # its own, when the words give none
    assert 'alt="A chart"' in html
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in html
    assert "tracker.example" not in html and "elsewhere.png" not in html


def test_image_names_are_read_from_the_words():
    assert image_names("![a](one.png) text ![b](two.jpg)") == ["one.png", "two.jpg"]


def test_parts_give_documents_headings_runs_lists_quotes_tables_and_pictures():
    found = parts(
        "# Our year\n\nSome **bold**, *italic* and [a link](https://example.org).\n\n"
        "- one\n  - inner\n\n3. third\n4. fourth\n\n> What a child told us\n\n"
        "| A | B |\n| - | - |\n| 1 | 2 |\n\n![Alt](photo.png)\n\n[bad](javascript:alert(1))"
    )
    assert found[0] == Title("Our year", 1)
    assert found[1] == Text(
        (
            Run("Some "),
            Run("bold", bold=True),
            Run(", "),
            Run("italic", italic=True),
            Run(" and "),
            Run("a link", href="https://example.org"),
            Run("."),
        )
    )
    assert found[2] == Text((Run("one"),), "bullet", level=0, first=True)
    assert found[3] == Text((Run("inner"),), "bullet", level=1, first=True)
    assert found[4] == Text((Run("third"),), "number", level=0, number=3, first=True)
    assert found[5] == Text((Run("fourth"),), "number", level=0, number=4)
    assert found[6] == Text((Run("What a child told us"),), "quote")
    assert found[7] == Grid(["A", "B"], [["1", "2"]])
    assert found[8] == Picture("photo.png", "Alt")
    assert all(run.href == "" for run in found[9].runs)
