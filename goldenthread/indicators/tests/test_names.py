"""An indicator is found by its name whether a text writes the measure in full or by
its initials, as reports do both; a phrase merely near in meaning is not taken for it."""

import pytest

from goldenthread.indicators.names import IndicatorNames, ValueKind, indicator_for, word_set

KS2 = IndicatorNames.named(
    "ks2-rwm", ["KS2 pupils achieving level 4+ in reading, writing and maths"], "percentage"
)
NEET = IndicatorNames.named(
    "neet", ["Young people not in education, employment or training"], "percentage"
)
CLA = IndicatorNames.named("cla-rate", ["Rate of looked after children"], "rate")
INDICATORS = [KS2, NEET, CLA]


@pytest.mark.parametrize(
    "sentence, code",
    [
        (
            "At key stage 2, 70% of pupils achieved level 4 in reading, writing and maths.",
            "ks2-rwm",
        ),
        ("KS2 pupils achieving level 4+ in reading, writing and maths rose to 77%.", "ks2-rwm"),
        ("Young people who are NEET fell to 5.4%.", "neet"),
        ("Young people not in full-time education, employment or training: 5%.", "neet"),
        ("The rate of children looked after is 60 per 10,000.", "cla-rate"),
        ("The rate of children in care is 60 per 10,000.", None),
        ("The rate of LAC rose.", "cla-rate"),
    ],
)
def test_a_measure_is_named_in_full_or_by_its_initials(sentence, code):
    found = indicator_for([sentence], ValueKind.NONE, INDICATORS)
    assert (found.code if found else None) == code


def test_initials_stand_for_the_whole_phrase_only():
    assert "ks2" in word_set("key stage 2 results")
    assert "ks2" not in word_set("a key stage in the work")
    assert "sen" in word_set("special educational needs") and "send" not in word_set(
        "special educational needs"
    )
    assert "send" in word_set("special educational needs and disabilities")
