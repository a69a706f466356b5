"""An owner entering their indicators' values in a real browser, and a manager signing
one off. The entry page's screenshot is kept in var/screenshots/ (and, checked by eye,
in docs/screenshots/my-indicators.png)."""

from __future__ import annotations

import pytest

from goldenthread.indicators.models import DataPoint

from .test_accessibility import sign_in
from .values import open_values_round

pytestmark = pytest.mark.browser


def test_an_owner_enters_a_value_with_its_counts_and_a_manager_signs_it_off(page, screenshot):
    update_round = open_values_round()
    neet = update_round.values.get(indicator__code="neet-16-18")
    sign_in(page, "contributor")
    page.goto(update_round.my_indicators_url())
    page.fill(f"#id_value-{neet.pk}-value", "95")  # not what the counts make
    page.fill(f"#id_value-{neet.pk}-numerator", "312")
    page.fill(f"#id_value-{neet.pk}-denominator", "5640")
    page.click("button:text('Save my values')")
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "95 is not what the counts make: 312 ÷ 5640 × 100 is 5.5" in summary
    assert page.locator(f"#id_value-{neet.pk}-numerator").input_value() == "312"  # kept

    page.fill(f"#id_value-{neet.pk}-value", "5.5")
    page.locator("summary", has_text="The story behind").first.click()
    page.fill(f"#id_value-{neet.pk}-story", "Fewer young people left college in the autumn.")
    page.click("button:text('Save my values')")
    page.wait_for_load_state()
    assert "1 value saved: provisional" in page.content()
    assert "Provisional — awaiting sign-off" in page.content()
    screenshot("my-indicators")

    sign_in(page, "admin")
    page.goto(update_round.get_absolute_url())
    screenshot("round-awaiting-sign-off")
    page.click("button:text('Sign off') >> nth=0")
    page.wait_for_load_state()
    assert "signed off and published" in page.content()
    point = DataPoint.objects.get(
        indicator__code="neet-16-18", area__code="E06000034", period__label=neet.period.label
    )
    assert (point.value, point.numerator, point.denominator) == (5.5, 312, 5640)
