import pytest

from goldenthread.lib.colours import rag_of_colour


@pytest.mark.parametrize(
    ("colour", "rating"),
    [
        ("FF0000", "Red"),
        ("C00000", "Red"),
        ("FFC000", "Amber"),
        ("FFBF00", "Amber"),
        ("FFFF00", "Amber"),
        ("00B050", "Green"),
        ("92D050", "Green"),
        ("FF00B050", "Green"),
        ("0070C0", "Blue"),
        ("FFFFFF", None),
        ("D9D9D9", None),
        ("000000", None),
        ("auto", None),
        (None, None),
    ],
)
def test_a_cells_colour_is_read_as_a_rating_by_its_hue(colour, rating):
    assert rag_of_colour(colour) == rating
