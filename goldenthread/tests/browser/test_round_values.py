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
    leavers = update_round.values.get(indicator__code="care-leavers-eet")
    sign_in(page, "contributor")
    page.goto(update_round.my_indicators_url())
    page.fill(f"#id_value-{leavers.pk}-value", "95")  # not what the counts make
    page.fill(f"#id_value-{leavers.pk}-numerator", "29")
    page.fill(f"#id_value-{leavers.pk}-denominator", "50")
    page.click("button:text('Save my values')")
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "95 is not what the counts make: 29 ÷ 50 × 100 is 58" in summary
    assert page.locator(f"#id_value-{leavers.pk}-numerator").input_value() == "29"  # kept

    page.fill(f"#id_value-{leavers.pk}-value", "58")
    page.locator("summary", has_text="The story behind").first.click()
    page.fill(f"#id_value-{leavers.pk}-story", "More care leavers started apprenticeships.")
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
        indicator__code="care-leavers-eet",
        area__code="E06000034",
        period__label=leavers.period.label,
    )
    assert (point.value, point.numerator, point.denominator) == (58, 29, 50)
