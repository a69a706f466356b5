"""Results-based accountability's kinds: population indicators and performance measures,
each of these with the question it answers; set on the web and in the definitions file,
shown on the indicator page and filtered on the scorecard."""

from __future__ import annotations

import pytest
from django.urls import reverse

from goldenthread.indicators.importers.definitions import import_definitions
from goldenthread.indicators.importers.tables import TableError
from goldenthread.indicators.models import Indicator, measure_kind_problem
from goldenthread.indicators.tests.test_definitions import INDICATOR_HEADER, write
from goldenthread.indicators.tests.test_indicator_authoring import NEW, definition, url
from goldenthread.indicators.tests.world import make_indicator

HEADER = [*INDICATOR_HEADER, "measure_kind", "performance_question"]
ROW = ["care-proceedings", "Average duration of care proceedings", "", "", "", "duration"]
ROW += ["", "weeks", "low_is_good", "financial_year", "0", "", "", ""]


def test_a_question_belongs_only_to_a_performance_measure():
    assert measure_kind_problem("performance", "how_well") == ""
    assert measure_kind_problem("population", "") == ""
    assert measure_kind_problem("", "") == ""
    assert "population indicator has no performance question" in measure_kind_problem(
        "population", "better_off"
    )
    assert "Choose a performance measure" in measure_kind_problem("", "how_much")


def test_its_kind_in_words():
    indicator = Indicator(measure_kind="performance", performance_question="how_well")
    assert indicator.kind_words == "Performance measure: how well did we do it?"
    assert Indicator(measure_kind="population").kind_words == "Population indicator"
    assert Indicator(measure_kind="performance").kind_words == "Performance measure"
    assert Indicator().kind_words == ""


def test_a_manager_adds_a_performance_measure_with_its_question(client, manager, partnership):
    client.force_login(manager)
    sent = {**NEW, "measure_kind": "performance", "performance_question": "better_off"}
    response = client.post(url("add_indicator", partnership), sent)
    assert response.status_code == 302
    indicator = Indicator.objects.get(code=NEW["code"])
    assert (indicator.measure_kind, indicator.performance_question) == ("performance", "better_off")
    page = client.get(url("indicator", partnership, indicator.code)).content.decode()
    assert "Performance measure: is anyone better off?" in page


def test_a_population_indicator_with_a_question_is_refused_on_the_question(
    client, manager, partnership
):
    client.force_login(manager)
    own = make_indicator("care-leavers-eet", partnership=partnership, measure_kind="population")
    sent = definition(own, measure_kind="population", performance_question="how_much")
    page = client.post(url("edit_indicator", partnership, own.code), sent).content.decode()
    assert "A population indicator has no performance question" in page
    assert 'href="#id_performance_question_0"' in page  # the summary links to its first radio
    own.refresh_from_db()
    assert (own.measure_kind, own.performance_question, own.version) == ("population", "", 1)


def test_the_edit_form_offers_the_kinds_as_radios(client, manager, partnership):
    client.force_login(manager)
    own = make_indicator("care-leavers-eet", partnership=partnership)
    page = client.get(url("edit_indicator", partnership, own.code)).content.decode()
    for words in ("Population indicator", "Performance measure", "How well did we do it?"):
        assert words in page
    assert 'type="radio" value="performance"' in page


def test_the_definitions_file_sets_the_kind_in_codes_or_words(db, tmp_path):
    path = write(
        tmp_path / "indicators.csv",
        HEADER,
        [[*ROW, "Performance measure", "How well did we do it?"]],
    )
    import_definitions(path)
    made = Indicator.objects.get(code="care-proceedings")
    assert (made.measure_kind, made.performance_question) == ("performance", "how_well")
    write(tmp_path / "indicators.csv", HEADER, [[*ROW, "population", ""]])
    import_definitions(path)
    made.refresh_from_db()
    assert (made.measure_kind, made.performance_question) == ("population", "")


def test_unknown_words_and_a_question_without_a_performance_measure_are_named(db, tmp_path):
    path = write(
        tmp_path / "indicators.csv",
        HEADER,
        [[*ROW, "outcome", "how_well"], [*ROW[:1], "Second", *ROW[2:], "population", "why"]],
    )
    with pytest.raises(TableError) as raised:
        import_definitions(path)
    message = str(raised.value)
    assert "indicators.csv, row 2, column measure_kind: 'outcome' is not one of population" in (
        message
    )
    assert "row 3, column performance_question: 'why' is not one of how_much" in message
    path = write(tmp_path / "indicators.csv", HEADER, [[*ROW, "population", "how_much"]])
    with pytest.raises(TableError, match="row 2, column performance_question: A population"):
        import_definitions(path)
    assert not Indicator.objects.filter(code="care-proceedings").exists()


def test_a_file_without_the_columns_keeps_the_kind_set_on_the_web(db, tmp_path):
    make_indicator("care-proceedings", measure_kind="performance", performance_question="how_well")
    import_definitions(write(tmp_path / "indicators.csv", INDICATOR_HEADER, [ROW]))
    kept = Indicator.objects.get(code="care-proceedings")
    assert (kept.measure_kind, kept.performance_question) == ("performance", "how_well")


def test_the_scorecard_filters_by_kind(client, partnership, action):
    for code, kind, question in (
        ("pop", "population", ""),
        ("perf-well", "performance", "how_well"),
        ("perf-much", "performance", "how_much"),
        ("unknown", "", ""),
    ):
        indicator = make_indicator(code, title=f"Indicator {code}", measure_kind=kind)
        Indicator.objects.filter(pk=indicator.pk).update(performance_question=question)
        indicator.actions.add(action)
    scorecard = reverse("indicators:scorecard", args=[partnership.slug])

    def shown(kind: str) -> set[str]:
        page = client.get(scorecard, {"kind": kind, "show": "all"}).content.decode()
        return {
            code
            for code in ("pop", "perf-well", "perf-much", "unknown")
            if f"Indicator {code}<" in page
        }

    assert shown("") == {"pop", "perf-well", "perf-much", "unknown"}
    assert shown("population") == {"pop"}
    assert shown("performance") == {"perf-well", "perf-much"}
    assert shown("how_well") == {"perf-well"}
    assert shown("unclassified") == {"unknown"}
    page = client.get(scorecard, {"show": "all"}).content.decode()
    assert "Performance measure: how well did we do it?" in page


def test_the_exported_definitions_carry_the_kind(partnership, tmp_path):
    from openpyxl import load_workbook

    from goldenthread.indicators.exports import export_definitions

    make_indicator("care-proceedings", measure_kind="performance", performance_question="how_well")
    sheet = load_workbook(export_definitions(partnership, tmp_path / "out.xlsx"))["Indicators"]
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert (row["measure_kind"], row["performance_question"]) == ("performance", "how_well")
