"""The colours that stand for Fingertips' words, chosen to be told apart with any
colour vision: the Okabe–Ito palette's bluish green, yellow and vermilion keep
Fingertips' green, amber and red and differ in lightness too, so they stay apart for
people who cannot tell red from green. The words always go with them, in the legend and
the tables: colour is never the only way a judgement is shown.
"""

from __future__ import annotations

SIGNIFICANCE = {
    "Better": "#009e73",
    "Similar": "#f0e442",
    "Worse": "#d55e00",
    "Higher": "#0072b2",
    "Lower": "#56b4e9",
    "Not compared": "#bfc1c3",
}
# Lightest for the best fifth to darkest for the worst (ColorBrewer's BuPu, which
# reads in order in grey and for every kind of colour blindness).
QUINTILES = ["#edf8fb", "#b3cde3", "#8c96c6", "#8856a7", "#810f7c"]
NO_DATA = "#ffffff"
OUTLINE = "#0b0c0c"
BENCHMARK = "#0b0c0c"


def significance_colour(judgement: str) -> str:
    """The colour of a judgement in Fingertips' words; "Better 99.8%" is Better's."""
    word = judgement.removesuffix(" 95%").removesuffix(" 99.8%")
    return SIGNIFICANCE.get(word, SIGNIFICANCE["Not compared"])


def significance_word(judgement: str) -> str:
    """The legend's word for a judgement: "Better 99.8%" goes under Better."""
    word = judgement.removesuffix(" 95%").removesuffix(" 99.8%")
    return word if word in SIGNIFICANCE else "Not compared"
