from django.urls import reverse

from goldenthread.audit.context import Source
from goldenthread.plans.models import Action, Status, StatusSource
from goldenthread.plans.services import edit_action
from goldenthread.plans.tests.factories import make_lead


def action_url(action):
    return reverse("plans:action", args=[action.delivery_plan.partnership.slug, action.pk])


def test_it_shows_the_action_and_its_inferred_status_with_the_words(client, seeded):
    action = Action.objects.get(code="8.18")
    page = client.get(action_url(action)).content.decode()
    assert "8.18 Receive report and recommendation from Essex Police CAIT" in page
    assert "This status was inferred from the report's comment" in page
    assert "“being deferred”" in page
    assert "Sign in</a> to add an update" in page


def test_a_contributor_adds_an_update_that_appears_in_the_history(client, seeded, contributor):
    action = make_lead(Action.objects.get(code="8.13"), contributor)
    client.force_login(contributor)
    response = client.post(
        action_url(action),
        {
            "status": Status.COMPLETED,
            "commentary": "Report from the Principal Social Worker presented to the LSCB",
            "evidence_url": "https://example.org/lscb-minutes.pdf",
            "version": action.version,
        },
        follow=True,
    )

    page = response.content.decode()
    assert "Your update to action 8.13 has been added." in page
    assert "Report from the Principal Social Worker presented to the LSCB" in page
    assert 'href="https://example.org/lscb-minutes.pdf"' in page
    assert "This status was inferred" not in page
    action.refresh_from_db()
    assert (action.status, action.status_source) == (Status.COMPLETED, StatusSource.REPORTED)
    change = action.changes.get(field="status")
    assert (change.old_value, change.new_value, change.changed_by) == (
        "not_started",
        "completed",
        contributor,
    )
    assert "Changed status</strong>" in page


def test_an_update_needs_commentary_and_a_real_link(client, seeded, contributor):
    action = make_lead(Action.objects.get(code="8.13"), contributor)
    client.force_login(contributor)
    response = client.post(
        action_url(action), {"commentary": "", "evidence_url": "not a link", "version": 1}
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_commentary">Enter what has happened since the last update' in page
    assert "Enter a web address" in page
    assert action.updates.count() == 1  # only the report's


def test_a_stale_form_is_refused_and_nothing_is_saved(client, seeded, contributor, manager):
    action = make_lead(Action.objects.get(code="8.13"), contributor)
    opened_at = action.version
    edit_action(action, by=manager, expected_version=opened_at, lead="Principal Social Worker")
    client.force_login(contributor)

    response = client.post(
        action_url(action),
        {
            "status": Status.COMPLETED,
            "commentary": "Done",
            "version": opened_at,
        },
    )

    page = response.content.decode()
    assert "was changed by" in page and "after you opened it" in page
    assert "Done</textarea>" in page  # what they typed is kept for them
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED
    assert action.updates.count() == 1


def test_a_manager_edits_the_plan_and_the_change_is_recorded(client, seeded, manager):
    action = Action.objects.get(code="8.21")
    client.force_login(manager)
    url = reverse("plans:edit_action", args=["thurrock", action.pk])
    assert "Edit this action" in client.get(action_url(action)).content.decode()

    response = client.post(
        url,
        {
            "text": action.text,
            "measure": "Progress report to LSCB",
            "lead": "LSCB business manager",
            "due_date": "31/03/2015",
            "version": action.version,
        },
        follow=True,
    )

    assert "Action 8.21 has been saved." in response.content.decode()
    action.refresh_from_db()
    assert str(action.due_date) == "2015-03-31"
    changed = set(
        action.changes.filter(changed_by=manager, via=Source.WEB).values_list("field", flat=True)
    )
    assert changed == {"measure", "lead", "due_date"}


def test_a_managers_edit_over_someone_elses_is_refused(client, seeded, manager, superuser):
    action = Action.objects.get(code="8.21")
    opened_at = action.version
    edit_action(action, by=superuser, expected_version=opened_at, lead="Head of Service")
    client.force_login(manager)
    response = client.post(
        reverse("plans:edit_action", args=["thurrock", action.pk]),
        {
            "text": action.text,
            "measure": "",
            "lead": "Someone else",
            "version": opened_at,
        },
    )
    assert "after you opened it" in response.content.decode()
    action.refresh_from_db()
    assert action.lead == "Head of Service"


def test_a_contributor_updates_only_the_actions_they_or_their_organisation_lead(
    client, seeded, contributor
):
    own = make_lead(Action.objects.get(code="8.13"), contributor)
    organisations = make_lead(Action.objects.get(code="8.14"), contributor, organisation="CCG")
    someone_elses = Action.objects.get(code="8.15")
    client.force_login(contributor)

    for action in (own, organisations):
        assert "Add update</button>" in client.get(action_url(action)).content.decode()
        response = client.post(
            action_url(action),
            {
                "status": Status.IN_PROGRESS,
                "commentary": "Started",
                "version": action.version,
            },
        )
        assert response.status_code == 302
        assert action.updates.filter(commentary="Started").exists()

    page = client.get(action_url(someone_elses)).content.decode()
    assert "Add update</button>" not in page
    assert "Only the action's lead (where it names only an organisation, the people in it)" in page
    response = client.post(
        action_url(someone_elses),
        {
            "status": Status.COMPLETED,
            "commentary": "Not mine",
            "version": someone_elses.version,
        },
    )
    assert response.status_code == 403
    assert not someone_elses.updates.filter(commentary="Not mine").exists()
