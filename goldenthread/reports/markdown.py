"""The Markdown of an authored report section: the safe subset a report keeps.

Kept: headings (set below the report's own, so a section's ``#`` is a sub-heading of
its title), paragraphs, bold and italic, bulleted and numbered lists, links to web and
mail addresses, block quotes (the voice of the child), tables, and images uploaded
with the section, named by their file name: ``![what it shows](photo.jpg)``.

Everything else is text or gone: raw HTML is shown as the characters typed (the
parser never passes it through), code blocks read as paragraphs, links to other kinds
of address (``javascript:``, ``data:``) lose their address. Then nh3 cleans the HTML on
the server against a list of tags, attributes, classes and address schemes, so that
nothing the parser might let through reaches a page.

Two readings of one parse: ``to_html`` for the web and the standalone document, and
``parts`` for Word and PDF, which draw headings, runs of bold and italic text, list
items, quotes, tables and pictures with their own styles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

SCHEMES = frozenset({"http", "https", "mailto"})
# A section's title is a heading of the report's sections (h2, Word's Heading 1): its
# own headings start one level below.
HTML_LEVEL_OFFSET = 2
CLASSES = {
    "p": "govuk-body",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
    "h5": "govuk-heading-s",
    "h6": "govuk-heading-s",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "blockquote": "govuk-inset-text gt-quote",
    "a": "govuk-link",
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
    "img": "gt-section-image",
    "hr": "govuk-section-break govuk-section-break--m govuk-section-break--visible",
}
TAGS = {*CLASSES, "strong", "em", "li", "br"}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope"},
    "ol": {"start"},
}


@cache
def _parser() -> MarkdownIt:
    # CommonMark without raw HTML, with tables; code is not part of a report's prose.
    return (
        MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        .enable("table")
        .disable(["code", "fence", "backticks"])
    )


def tokens(source: str) -> list[Token]:
    return _parser().parse(source or "")


def image_names(source: str) -> list[str]:
    """The images the Markdown shows, by the names it gives them, in order."""
    found = []
    for token in tokens(source):
        for child in token.children or []:
            if child.type == "image":
                found.append(str(child.attrGet("src") or ""))
    return found


def safe_href(href: str) -> str:
    """The address if it is a web or mail address, or one within the site; else none."""
    href = href.strip()
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", href)
    if scheme:
        return href if scheme.group(1).lower() in SCHEMES else ""
    return href if href.startswith(("/", "#")) else ""


# --- HTML ---------------------------------------------------------------------------


def to_html(source: str, images: Mapping[str, tuple[str, str]]) -> str:
    """The Markdown as sanitised HTML with GOV.UK's typography. ``images`` maps each
    uploaded image's name to where the page finds it and its alternative text; an image
    the section has not uploaded is left out."""
    parsed = tokens(source)
    for token in parsed:
        _style(token)
        for child in token.children or []:
            _style(child)
    html = _parser().renderer.render(parsed, _parser().options, {"images": images})
    return clean(html, images)


def _style(token: Token) -> None:
    if token.type == "heading_open" or token.type == "heading_close":
        level = min(int(token.tag[1]) + HTML_LEVEL_OFFSET, 6)
        token.tag = f"h{level}"
    if token.type == "th_open":
        token.attrSet("scope", "col")
    if token.type == "link_open":
        token.attrSet("href", safe_href(str(token.attrGet("href") or "")))
    if token.tag in CLASSES and token.nesting >= 0:
        token.attrSet("class", CLASSES[token.tag])
    # Table cells' alignment comes as style, which is not kept.
    if token.attrGet("style") is not None:
        token.attrs.pop("style", None)


def clean(html: str, images: Mapping[str, tuple[str, str]]) -> str:
    """nh3 over the HTML: only the tags, attributes, classes and schemes of the subset.
    Images are named by their upload's name until then, and given their address after:
    an address of data (the document's embedded copy) is ours, never the writer's."""
    cleaned = nh3.clean(
        _renamed_images(html, images),
        tags=TAGS,
        attributes=ATTRIBUTES,
        allowed_classes={tag: set(classes.split()) for tag, classes in CLASSES.items()},
        url_schemes=set(SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )
    return re.sub(
        r'src="gt-image-(\d+)"',
        lambda m: f'src="{_nth_src(images, int(m.group(1)))}"',
        cleaned,
    )


def _renamed_images(html: str, images: Mapping[str, tuple[str, str]]) -> str:
    names = list(images)
    return re.sub(
        r'<img src="([^"]*)"',
        lambda m: (
            f'<img src="gt-image-{names.index(m.group(1))}"'
            if m.group(1) in names
            else '<img src=""'
        ),
        html,
    )


def _nth_src(images: Mapping[str, tuple[str, str]], index: int) -> str:
    return list(images.values())[index][0]


def _render_image(self, tokens: list[Token], idx: int, options, env) -> str:
    token = tokens[idx]
    name = str(token.attrGet("src") or "")
    known = env.get("images", {})
    if name not in known:
        return ""
    alt = self.renderInlineAsText(token.children or [], options, env).strip() or known[name][1]
    return f'<img src="{_escape(name)}" alt="{_escape(alt)}" class="{CLASSES["img"]}">'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


_parser().add_render_rule("image", _render_image)


# --- Parts for Word and PDF -----------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """Words set alike: bold, italic, or a link to ``href``."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass(frozen=True)
class Text:
    """A paragraph, a quoted paragraph, or a list item at ``level`` (0 the outermost);
    ``number`` is a numbered item's number."""

    runs: tuple[Run, ...]
    kind: str = "paragraph"  # paragraph, quote, bullet or number
    level: int = 0
    number: int = 0
    first: bool = False  # the first item of its list: numbering starts again at it

    @property
    def plain(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Title:
    """A heading of the section's own: 1 for ``#``, under the section's title."""

    text: str
    level: int


@dataclass(frozen=True)
class Grid:
    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Picture:
    name: str
    alt: str  # as the Markdown gives it; empty for the image's own


Part = Text | Title | Grid | Picture


def parts(source: str) -> list[Part]:
    """The Markdown as parts a document draws, in order."""
    return list(_Walker().walk(tokens(source)))


class _Walker:
    def __init__(self) -> None:
        self.lists: list[list] = []  # each open list
        self.quotes = 0
        self.item_started = False
        self.table: list[list[str]] | None = None
        self.heading: int | None = None  # the level of the heading being read

    def walk(self, stream: list[Token]):
        for token in stream:
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                start = int(token.attrGet("start") or 1)
                kind = "bullet" if kind == "bullet_list_open" else "number"
                self.lists.append([kind, start, 0])  # its kind, next number, items so far
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.item_started = True
            elif kind == "blockquote_open":
                self.quotes += 1
            elif kind == "blockquote_close":
                self.quotes -= 1
            elif kind == "table_open":
                self.table = []
            elif kind == "tr_open" and self.table is not None:
                self.table.append([])
            elif kind == "table_close" and self.table is not None:
                header, rows = (self.table[:1], self.table[1:])
                yield Grid(header[0] if header else [], rows)
                self.table = None
            elif kind == "inline":
                yield from self._inline(token)
            elif kind == "heading_open":
                self.heading = int(token.tag[1])

    def _inline(self, token: Token):
        runs, pictures = _runs(token.children or [])
        if self.table is not None:
            self.table[-1].append("".join(r.text for r in runs).strip())
            return
        if self.heading:
            yield Title("".join(r.text for r in runs).strip(), self.heading)
            self.heading = None
            return
        if any(r.text.strip() for r in runs):
            yield self._text(tuple(runs))
        yield from pictures

    def _text(self, runs: tuple[Run, ...]) -> Text:
        if self.lists:
            kind, number, items = self.lists[-1]
            item = self.item_started
            self.item_started = False
            if item:
                self.lists[-1][1:] = [number + 1, items + 1]
            # A later paragraph of the same item reads as a paragraph within it.
            return Text(
                runs,
                kind if item else "paragraph",
                level=len(self.lists) - 1,
                number=number if item and kind == "number" else 0,
                first=item and items == 0,
            )
        return Text(runs, "quote" if self.quotes else "paragraph")


def _runs(children: list[Token]) -> tuple[list[Run], list[Picture]]:
    runs: list[Run] = []
    pictures: list[Picture] = []
    bold = italic = 0
    href = ""
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = safe_href(str(child.attrGet("href") or ""))
        elif kind == "link_close":
            href = ""
        elif kind in ("text", "html_inline"):
            runs.append(Run(child.content, bool(bold), bool(italic), href))
        elif kind == "softbreak":
            runs.append(Run(" ", bool(bold), bool(italic), href))
        elif kind == "hardbreak":
            runs.append(Run("\n", bool(bold), bool(italic), href))
        elif kind == "image":
            alt = "".join(c.content for c in child.children or [])
            pictures.append(Picture(str(child.attrGet("src") or ""), alt.strip()))
    return runs, pictures
