"""A financial year in a URL is written 2014-15 and read as a FinancialYear."""

from django.urls import resolve, reverse

from goldenthread.lib.periods import FinancialYear


def test_a_year_in_a_url_is_a_financial_year_both_ways():
    url = reverse("plans:tree", args=["thurrock", FinancialYear(2014)])
    assert url == reverse("plans:tree", args=["thurrock", "2014-15"]) == "/thurrock/2014-15/plan/"
    assert resolve(url).kwargs["year"] == FinancialYear(2014)


def test_what_is_not_a_financial_year_is_not_found(client, partnership):
    assert client.get("/thurrock/2014-16/plan/").status_code == 404
    assert client.get("/thurrock/2014-15/export.pdf").status_code == 404
