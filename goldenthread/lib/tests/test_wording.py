from goldenthread.lib.wording import amount, counted, listed, with_article


def test_a_count_says_its_noun_in_the_singular_or_the_plural():
    assert counted(1, "action") == "1 action"
    assert [counted(n, "school") for n in (0, 2)] == ["0 schools", "2 schools"]
    assert counted(1200, "value") == "1,200 values"
    assert counted(1, "action was", "actions were") == "1 action was"
    assert counted(5, "action was", "actions were") == "5 actions were"
    assert counted(3, "person", "people") == "3 people"


def test_a_list_is_joined_with_commas_and_a_last_and():
    assert listed([]) == ""
    assert listed(["England"]) == "England"
    assert listed(["England", "the region"]) == "England and the region"
    assert listed(["a", "b", "c"]) == "a, b and c"


def test_an_amount_says_percentage_point_in_the_singular_for_one():
    assert amount("1", "percentage points") == "1 percentage point"
    assert amount("1.0", "percentage points") == "1.0 percentage point"
    assert amount("0.5", "percentage points") == "0.5 percentage points"
    assert amount("11", "percentage points") == "11 percentage points"
    assert amount("75", "per 10,000") == "75 per 10,000"
    assert amount("3", "") == "3"


def test_a_noun_takes_a_or_an_by_its_first_letter():
    assert with_article("reminder") == "a reminder"
    assert with_article("overdue reminder") == "an overdue reminder"
    assert with_article("invitation") == "an invitation"
