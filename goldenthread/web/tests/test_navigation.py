"""The partnership's navigation is put together from the sections each app adds, in
order, each shown only to those with the role it needs."""

from types import SimpleNamespace

from django.template import Context, Template
from django.test import RequestFactory

from goldenthread.lib.periods import FinancialYear
from goldenthread.web.navigation import sections

PAGE = Template("{% load navigation %}{% partnership_navigation %}")


def links(user, partnership, delivery_plan, nav="tree") -> str:
    request = RequestFactory().get("/")
    request.user = user
    context = {"request": request, "partnership": partnership, "delivery_plan": delivery_plan}
    return PAGE.render(Context(context | {"nav": nav}))


def test_every_app_adds_its_sections_in_the_order_people_expect():
    names = "overview tree plan-document scorecard report boards rounds my_actions review people"
    assert [section.name for section in sections()] == names.split()


def test_readers_see_the_plan_and_managers_also_what_they_manage(partnership, viewer, manager):
    year = SimpleNamespace(year=FinancialYear(2014), is_draft=False)
    seen = links(viewer, partnership, year)
    assert "Plan 2014/15" in seen and "/thurrock/2014-15/report/annual/" in seen
    assert 'aria-current="page"' in seen  # the page's own section
    assert "Review statuses" not in seen and "My actions" not in seen
    managed = links(manager, partnership, year)
    assert "Review statuses" in managed and "My actions" in managed and "People" in managed
    assert links(manager, partnership, None).strip() == ""  # no year: no navigation


def test_a_draft_year_has_no_annual_report(partnership, manager):
    draft = SimpleNamespace(year=FinancialYear(2015), is_draft=True)
    shown = links(manager, partnership, draft)
    assert "Plan 2015/16" in shown and "Annual report" not in shown
