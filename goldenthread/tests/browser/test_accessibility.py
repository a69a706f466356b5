"""axe-core on every kind of page: no WCAG 2.2 A or AA violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from goldenthread.commentary.models import IndicatorCommentary, YearSummary
from goldenthread.factcheck.findings import Finding
from goldenthread.indicators.models import Target
from goldenthread.people.models import Person
from goldenthread.plans.models import Action
from goldenthread.reports import narrative
from goldenthread.reports.models import ReportSection

from .values import open_values_round

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

PUBLIC_PAGES = {
    "overview": "/thurrock/",
    "plan tree": "/thurrock/2014-15/plan/",
    "scorecard": "/thurrock/scorecard/",
    # Fingertips figures: areas compared, with their chart and table
    "indicator against other areas": "/thurrock/indicators/self-harm-admissions-10-24/",
    "indicator with its commentary": "/thurrock/indicators/ks2-rwm-l4/",
    "annual report": "/thurrock/2014-15/report/annual/",
    "exception report": "/thurrock/2014-15/report/exception/",
    "turn the curve": "/thurrock/2014-15/turn-the-curve/neet-16-18/",
    "forward plan": "/thurrock/forward-plan/",
    "published reports": "/thurrock/reports/",
    "boards": "/thurrock/boards/",
    "plan document": "/thurrock/plan-document/",
    "sign-in": "/accounts/sign-in/",
}


def violations(page) -> list[str]:
    """What axe finds on the page as it is now, one line per rule and element."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


@pytest.fixture
def axe_page(browser, live_server, demo):
    # The Content Security Policy rightly refuses the injected axe script; only the test's
    # own context bypasses it.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, username: str) -> None:
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"goldenthread-{username}")
    page.click("button:text('Sign in')")
    page.wait_for_load_state()


def test_public_pages(axe_page):
    found = {}
    for name, url in PUBLIC_PAGES.items():
        axe_page.goto(url)
        found[name] = violations(axe_page)
    axe_page.goto("/thurrock/scorecard/")
    axe_page.locator("main a[href*='/indicators/']").first.click()
    found["indicator"] = violations(axe_page)
    assert {name: v for name, v in found.items() if v} == {}


def test_pages_behind_sign_in(axe_page):
    values_round = open_values_round()
    asked = values_round.values.first()
    sign_in(axe_page, "contributor")
    # In the published year: the draft 2015/16 carries the same leads, for managers only.
    mine = Action.objects.filter(
        lead_person__user__username="contributor", delivery_plan__is_draft=False
    ).first()
    found = {}
    axe_page.goto(f"/thurrock/actions/{mine.pk}/")
    found["action"] = violations(axe_page)
    axe_page.click("button:text('Add update')")  # nothing typed: the errors are shown
    axe_page.wait_for_load_state()
    assert "There is a problem" in axe_page.content()
    found["update form with errors"] = violations(axe_page)
    axe_page.goto("/thurrock/my-actions/")
    found["my actions"] = violations(axe_page)
    axe_page.goto(values_round.my_indicators_url())
    found["my indicators"] = violations(axe_page)
    axe_page.fill(f"#id_value-{asked.pk}-value", "-1")
    axe_page.click("button:text('Save my values')")  # a value the unit cannot take
    axe_page.wait_for_load_state()
    assert "There is a problem" in axe_page.content()
    found["my indicators with errors"] = violations(axe_page)

    sign_in(axe_page, "admin")
    target = Target.objects.filter(partnership__slug="thurrock").select_related("indicator")[0]
    code = target.indicator.code
    person = Person.objects.filter(partnership__slug="thurrock").first()
    foreword = ReportSection.objects.get(title="Foreword")
    for name, url in {
        "admin index": "/admin/",
        "admin actions list": "/admin/plans/action/",
        "members": "/thurrock/members/",
        "review": "/thurrock/2014-15/review/",
        "draft delivery plan": "/thurrock/2015-16/draft/",
        "adding an action to the draft": "/thurrock/2015-16/draft/add/",
        "audit trail": "/thurrock/audit/",
        "upload values": "/thurrock/indicators/upload/",
        "your account and API tokens": "/accounts/tokens/",
        "API documentation": "/api/v1/docs/",
        "change a target": f"/thurrock/targets/{target.pk}/",
        "remove a target": f"/thurrock/targets/{target.pk}/remove/",
        "add a target": f"/thurrock/indicators/{code}/targets/add/",
        "change an indicator": f"/thurrock/indicators/{code}/change/",
        "retire an indicator": f"/thurrock/indicators/{code}/retire/",
        "link an indicator to the plan": f"/thurrock/indicators/{code}/plan/",
        "people": "/thurrock/people/",
        "indicator owners": "/thurrock/indicators/owners/",
        "round collecting values": values_round.get_absolute_url(),
        "send a value back": f"{values_round.get_absolute_url()}values/{asked.pk}/send-back/",
        "values asked for": f"{values_round.get_absolute_url()}values/",
        "change a person": f"/thurrock/people/{person.pk}/",
        "retire a person": f"/thurrock/people/{person.pk}/retire/",
        **commentary_pages(),
        "the annual report's sections": "/thurrock/2014-15/report/annual/sections/",
        "writing a section": "/thurrock/2014-15/report/annual/sections/add/",
        "changing a section": f"/thurrock/report-sections/{foreword.pk}/",
        "deleting a section": f"/thurrock/report-sections/{foreword.pk}/delete/",
    }.items():
        axe_page.goto(url)
        found[name] = violations(axe_page)
    axe_page.goto("/thurrock/indicators/add/")
    axe_page.click("button:text('Add indicator')")  # nothing typed: the errors are shown
    axe_page.wait_for_load_state()
    assert "There is a problem" in axe_page.content()
    found["adding an indicator, with errors"] = violations(axe_page)
    axe_page.goto(f"/thurrock/report-sections/{foreword.pk}/")
    axe_page.click("button:text('Preview')")
    axe_page.wait_for_load_state()
    found["a section's preview"] = violations(axe_page)
    axe_page.click("button:text('Upload image')")  # no file chosen: the errors are shown
    axe_page.wait_for_load_state()
    assert "There is a problem" in axe_page.content()
    found["uploading a section's image, with errors"] = violations(axe_page)
    assert {name: v for name, v in found.items() if v} == {}


def commentary_pages() -> dict[str, str]:
    """The demo's commentary and summary forms, and their histories."""
    commentary = IndicatorCommentary.objects.get(indicator__code="ks2-rwm-l4")
    summary = YearSummary.objects.filter(objective__isnull=False).first()
    indicator = "/thurrock/indicators/ks2-rwm-l4/commentary"
    objective = f"/thurrock/2014-15/summaries/objective/{summary.objective_id}"
    return {
        "write commentary": f"{indicator}/?period={commentary.period_id}",
        "commentary's history": f"{indicator}/{commentary.period_id}/history/",
        "write an objective's summary": f"{objective}/",
        "summary's history": f"{objective}/history/",
    }


def test_publishing_with_findings_asks_the_manager_to_confirm(axe_page, monkeypatch):
    finding = Finding(1, "We completed 55 actions.", "55 completed", "41 completed", "41")
    monkeypatch.setattr(narrative, "check_text", lambda text, **kwargs: [finding])
    sign_in(axe_page, "manager")
    axe_page.goto("/thurrock/2014-15/report/annual/")
    axe_page.click("button:text('Publish this report')")
    axe_page.wait_for_load_state()
    assert "We completed 55 actions." in axe_page.content()
    assert violations(axe_page) == []
