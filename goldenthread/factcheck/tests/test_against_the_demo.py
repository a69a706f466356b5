"""Against the demo's data for 2014/15 (the seed report's plan, the demo's indicators): the
seed's own annual report, its claim of 55 completed actions and each change or gap
between percentages written in per cent; then indicator values, comparisons with
England and neighbours, and the size of changes."""

import pytest

from goldenthread.conftest import read_once
from goldenthread.factcheck.check import check_text
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import DeliveryPlan
from goldenthread.plans.summary import delivery_summary
from goldenthread.testing.corpus import shared_file

pytestmark = pytest.mark.django_db
YEAR = FinancialYear(2014)
SEED = "seeds/000_02615621bbf5c368.txt"


@pytest.fixture
def seed_text():
    return shared_file(SEED).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def findings(thurrock_world, django_db_blocker):
    """The seed report checked once for the module's tests to read."""
    text = shared_file(SEED).read_text(encoding="utf-8")
    with read_once(django_db_blocker):
        partnership = Partnership.objects.get(pk=thurrock_world)
        return check_text(text, partnership=partnership, year=YEAR)


def line_of(text: str, words: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if words in line)


def test_the_claim_of_completed_actions_is_found_with_what_the_tables_say(
    thurrock, seed_text, findings
):
    summary = delivery_summary(DeliveryPlan.objects.for_year(thurrock, YEAR))
    completed = summary["by_status"]["completed"]
    assert completed != 55  # the tables disagree with the report's claim
    line = line_of(seed_text, "Of these actions 55 were completed")
    [finding] = [f for f in findings if f.line == line and "55" in f.claim]
    assert "completed" in finding.claim
    assert f"{completed} actions completed of {summary['actions']}" in finding.data
    assert finding.suggestion == f"{completed} were completed"


def test_counts_the_data_bears_out_are_not_findings(thurrock, seed_text, findings):
    summary = delivery_summary(DeliveryPlan.objects.for_year(thurrock, YEAR))
    line = line_of(seed_text, "Of these actions 55 were completed")
    on_line = [f for f in findings if f.line == line]
    said = {"actions": 76, "carried_forward": 5}
    for key, count in said.items():
        found = summary["actions"] if key == "actions" else summary["by_status"][key]
        claimed = [f for f in on_line if f.claim.startswith(f"{count} action")]
        assert bool(claimed) == (found != count), key


SLIPS = [
    ("increase of 5% from 72%", "increase of 5 percentage points"),
    ("by 3% to 85%", "by 3 percentage points"),
    ("rose by 3% to 95%", "rose by 3 percentage points"),
    ("2% above the national average", "2 percentage points above"),
    ("rose by 3% to 90%", "rose by 3 percentage points"),
    ("increase of 10% since 2011", "increase of 10 percentage points"),
    ("rise in performance of 3% to 62%", "rise in performance of 3 percentage points"),
    ("a higher 5% rise to 80%", "a higher 5 percentage point rise"),
    ("drop in performance of 5% to 13%", "drop in performance of 5 percentage points"),
    ("2% below than the national average of 15%", "2 percentage points below"),
    ("decrease of 1.3%", "decrease of 1.3 percentage points"),
    ("0.1% below the national", "0.1 percentage points below"),
    ("fall of 1.1%", "fall of 1.1 percentage points"),
    ("dropped by 4.4%", "dropped by 4.4 percentage points"),
    ("drop in performance of 3.5% to 17.5%", "drop in performance of 3.5 percentage points"),
    ("0.7% drop in performance to 68.5%", "a 0.7 percentage point drop"),
    ("2.8% above the national average", "2.8 percentage points above"),
    ("0.7% ahead of national", "0.7 percentage points ahead"),
    ("1.8% above the national average", "1.8 percentage points above"),
    ("0.5% above the national average", "0.5 percentage points above"),
    ("a rise of 0.7%", "rise of 0.7 percentage points"),
]


@pytest.mark.parametrize(("words", "suggested"), SLIPS, ids=[w for w, _ in SLIPS])
def test_each_percent_for_percentage_points_slip_is_found(seed_text, findings, words, suggested):
    line = line_of(seed_text, words)
    on_line = [f for f in findings if f.line == line]
    assert any(suggested in f.suggestion for f in on_line), [f.suggestion for f in on_line]
    assert all("percentage point" in f.suggestion for f in on_line if "%" in f.claim)


def test_relative_changes_of_counts_are_not_findings(seed_text, findings):
    line = line_of(seed_text, "a 24% decrease at Level 2")
    assert [f for f in findings if f.line == line] == []


def test_right_values_and_comparisons_are_not_findings(seed_text, findings):
    """The demo's values are the report's own: where it states them, it agrees."""
    for words in (
        "Thurrock achieved 77% compared to 79% nationally",
        "is now similar to the regional and national average",
        "75 per 10,000",
        "increased from 64% of our eligible families",
    ):
        line = line_of(seed_text, words)
        assert [f for f in findings if f.line == line and "%" not in f.claim] == []


def test_the_queries_do_not_grow_with_the_sentences(
    thurrock, seed_text, django_assert_max_num_queries
):
    """The summary, the indicators and each indicator's values named are read once."""
    with django_assert_max_num_queries(30):
        check_text(seed_text, partnership=thurrock, year=YEAR)


KS4 = "KS4 pupils achieving 5+ GCSEs A*-C including English and maths"


def check(thurrock, text: str):
    return check_text(text, partnership=thurrock, year=YEAR)


def test_a_value_within_rounding_agrees(thurrock):
    assert check(thurrock, f"{KS4} was 57% in 2013/14.") == []
    assert check(thurrock, f"{KS4} was 57.4% in 2013/14.") == []


def test_a_wrong_value_is_found_with_the_datas(thurrock):
    [finding] = check(thurrock, f"{KS4} was 59.4% in 2013/14.")
    assert finding.data == "the data has 57.4% for 2013/14"
    assert finding.suggestion == "57.4%"


def test_a_period_the_data_does_not_have_is_not_checked(thurrock):
    assert check(thurrock, f"{KS4} was 40% in 2009/10.") == []


def test_a_value_for_a_group_within_the_area_is_not_checked(thurrock):
    assert check(thurrock, f"{KS4}: boys achieved 51.7%.") == []


def test_a_rate_per_10000_is_checked_in_its_unit(thurrock):
    text = "Children subject to a child protection plan: {} per 10,000 in 2014/15."
    assert check(thurrock, text.format(75)) == []
    [finding] = check(thurrock, text.format(80))
    assert finding.suggestion == "75 per 10,000"


def test_a_wrong_national_value_is_found(thurrock):
    findings = check(thurrock, f"{KS4} was 57.4% compared to 58.2% nationally in 2013/14.")
    [finding] = findings
    assert finding.data == "the data has 56.1% for England in 2013/14"


def test_the_side_of_a_comparison_is_checked(thurrock):
    assert check(thurrock, f"In 2013/14 {KS4} was above the national average.") == []
    [finding] = check(thurrock, f"In 2013/14 {KS4} was below the national average.")
    assert finding.data == "57.4% against 56.1% for England in 2013/14"
    assert finding.suggestion == "above the national average"
    [finding] = check(thurrock, f"In 2013/14 {KS4} was below statistical neighbours.")
    assert "54.6% for statistical neighbours" in finding.data


def test_similar_allows_a_percentage_point(thurrock):
    assert check(thurrock, f"{KS4} is similar to the national average.") == []
    eyfs = "Children achieving a Good Level of Development at the end of reception"
    [finding] = check(thurrock, f"{eyfs} was in line with the national average.")
    assert finding.suggestion == "above the national average"


def test_the_size_of_a_gap_is_checked(thurrock):
    findings = check(thurrock, f"{KS4} was 3.3 percentage points above national in 2013/14.")
    [finding] = findings
    assert finding.suggestion == "1.3 percentage points above"


def test_the_size_of_a_change_from_the_previous_period_is_checked(thurrock):
    l2 = "Young people qualified to level 2 by age 19"
    assert check(thurrock, f"{l2} rose by 0.7 percentage points to 88%.") == []
    [finding] = check(thurrock, f"{l2} rose by 2 percentage points to 88%.")
    assert finding.data == "from 87.3% to 88.0% (2013/14) is a rise of 0.7 percentage points"


def test_a_change_in_a_rate_is_in_its_own_unit(thurrock):
    """Children subject to a child protection plan: 75 per 10,000 in 2014/15 and 2013/14.
    A relative change of a rate ("fell by 5%") is not checked for size."""
    cp = "Children subject to a child protection plan"
    assert check(thurrock, f"{cp} fell by 5% to 75 per 10,000.") == []
    [finding] = check(thurrock, f"{cp} fell by 4 per 10,000 to 75 per 10,000.")
    assert finding.data.endswith("is no change (75 per 10,000)")


def test_what_is_wanted_is_not_checked_as_what_is(thurrock):
    assert check(thurrock, f"Increase {KS4} to 60% by 2016.") == []
    assert check(thurrock, f"We will raise {KS4} to 60%.") == []


def test_a_table_cell_is_checked_only_for_a_period_it_names(thurrock):
    table = f"| Measure | Result |\n|---|---|\n| {KS4} was 59.4% | high |\n"
    assert check(thurrock, table) == []
    [finding] = check(thurrock, table.replace("59.4%", "59.4% in 2013/14"))
    assert (finding.line, finding.suggestion) == (3, "57.4%")


def test_an_old_value_is_not_taken_for_the_latest(thurrock):
    """16-18 year olds in learning: the demo's latest is 2011/12, three years before."""
    assert check(thurrock, "16-18 year olds in learning: 90%.") == []
    [finding] = check(thurrock, "In 2011/12, 16-18 year olds in learning were 90%.")
    assert finding.data.startswith("the data has")


def test_a_change_in_per_cent_is_between_percentages_where_the_sentence_names_one(thurrock):
    """The sentence's own words decide: under a heading that names a percentage, a count
    ("referrals rose by 12%") may change relatively."""
    heading = "## New referrals with a management decision within 24 hours\n\n"
    assert check(thurrock, heading + "Referrals rose by 12% this year.") == []
    text = "New referrals with a management decision within 24 hours rose by 2% this year."
    [finding] = check(thurrock, text)
    assert finding.suggestion == "rose by 2 percentage points"
