"""Charts drawn on the server, one module for pages and documents alike.

Each chart comes with a sentence that says what it shows and the data it was drawn
from, so a page can give the chart a text alternative and its data as a table.
Matplotlib draws it (Agg backend, no display needed); SVG for pages, PNG for documents.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt
from matplotlib.figure import Figure

FONT = ["DejaVu Sans", "Arial", "sans-serif"]


@dataclass(frozen=True)
class Chart:
    title: str
    summary: str
    categories: list[str]
    series: dict[str, list[int]]
    figure: Figure

    def svg(self) -> str:
        """SVG markup to place inline; the page supplies the text alternative."""
        buffer = io.StringIO()
        with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "goldenthread"}):
            self.figure.savefig(buffer, format="svg", bbox_inches="tight")
        markup = buffer.getvalue()
        markup = markup[markup.index("<svg") :]
        # Scale with the page: drop the fixed size and keep the viewBox.
        return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", markup, count=1)

    def png(self, dpi: int = 150) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
        return buffer.getvalue()


def stacked_bar(
    categories: list[str],
    series: dict[str, list[int]],
    *,
    title: str,
    colours: dict[str, str],
    summary: str,
) -> Chart:
    """Horizontal bars, one per category, each split into the series' segments.

    Segments are separated by white gaps so that neighbouring colours never have to
    be told apart by colour alone; the legend and the data table carry the words.
    """
    figure = Figure(figsize=(8, 0.6 * len(categories) + 1.6))
    axes = figure.subplots()
    left = [0] * len(categories)
    positions = list(range(len(categories)))[::-1]
    for label, values in series.items():
        if not any(values):
            continue
        axes.barh(positions, values, left=left, label=label, color=colours[label],
                  edgecolor="white", linewidth=1.5)  # fmt: skip
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, categories, fontfamily=FONT, fontsize=10)
    axes.set_title(title, fontfamily=FONT, fontsize=12, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=4, frameon=False,
                prop={"family": FONT, "size": 9})  # fmt: skip
    return Chart(title, summary, categories, series, figure)
