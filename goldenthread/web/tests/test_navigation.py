"""The partnership's navigation is put together from the sections each app adds, in
order, each shown only to those with the role it needs."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from goldenthread.lib.periods import FinancialYear
from goldenthread.web.navigation import sections

PAGE = Template("{% load navigation %}{% partnership_navigation %}")


def links(user, partnership, delivery_plan, nav="tree") -> str:
    request = RequestFactory().get("/")
    request.user = user
    context = {"request": request, "partnership": partnership, "delivery_plan": delivery_plan}
    return PAGE.render(Context(context | {"nav": nav}))


def test_every_app_adds_its_sections_in_the_order_people_expect():
    names = "overview tree plan-document scorecard report boards rounds my_actions review structure people"
    assert [section.name for section in sections()] == names.split()


def test_readers_see_the_plan_and_managers_also_what_they_manage(partnership, viewer, manager):
    year = SimpleNamespace(year=FinancialYear(2014), is_draft=False)
    seen = links(viewer, partnership, year)
    assert "Plan 2014/15" in seen and "/thurrock/2014-15/report/annual/" in seen
    assert 'aria-current="page"' in seen  # the page's own section
    assert "Review statuses" not in seen and "My actions" not in seen
    assert "Aims and objectives" not in seen
    managed = links(manager, partnership, year)
    assert "Review statuses" in managed and "My actions" in managed and "People" in managed
    assert "Aims and objectives" in managed
    assert links(manager, partnership, None).strip() == ""  # no year: no navigation


def test_a_draft_year_has_no_annual_report(partnership, manager):
    draft = SimpleNamespace(year=FinancialYear(2015), is_draft=True)
    shown = links(manager, partnership, draft)
    assert "Plan 2015/16" in shown and "Annual report" not in shown


def test_a_refused_page_keeps_the_partnerships_navigation(client, seeded, contributor):
    client.force_login(contributor)

    page = client.get(reverse("rounds:open_round", args=["thurrock"]))

    assert page.status_code == 403
    assert "Plan 2014/15" in page.content.decode() and "Update rounds" in page.content.decode()


@pytest.mark.parametrize(
    "form", ["rounds:open_round", "people:add_person", "people:add_organisation"]
)
def test_a_form_about_no_one_year_keeps_the_partnerships_navigation(client, seeded, manager, form):
    client.force_login(manager)

    page = client.get(reverse(form, args=["thurrock"]))

    assert "Plan 2014/15" in page.content.decode()


def test_adding_a_member_keeps_the_partnerships_navigation(client, seeded, administrator):
    client.force_login(administrator)

    page = client.get(reverse("people:add_member", args=["thurrock"]))

    assert "Plan 2014/15" in page.content.decode()


def test_a_refused_outsider_is_shown_nothing_of_a_private_partnership(
    client, private_partnership, outsider
):
    client.force_login(outsider)

    page = client.get(reverse("rounds:open_round", args=[private_partnership.slug]))

    assert page.status_code == 403
    assert private_partnership.name not in page.content.decode()
