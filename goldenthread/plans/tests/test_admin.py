from django.urls import reverse

from goldenthread.audit.context import Source
from goldenthread.partnerships.tests.factories import UserFactory
from goldenthread.plans.models import Action, ActionChange
from goldenthread.plans.tests.factories import ActionFactory


def superuser():
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_an_edit_in_the_admin_is_recorded(client, action):
    admin = superuser()
    client.force_login(admin)
    url = reverse("admin:plans_action_change", args=[action.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "text": action.text,
            "measure": "Annual report to the LSCB",
            "lead": action.lead,
            "due_date": "",
            "status": "completed",
            "status_source": "reported",
            "updates-TOTAL_FORMS": "0",
            "updates-INITIAL_FORMS": "0",
            "changes-TOTAL_FORMS": "0",
            "changes-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    recorded = {c.field: c for c in ActionChange.objects.filter(action=action)}
    assert set(recorded) == {"measure", "status", "status_source"}
    assert recorded["measure"].new_value == "Annual report to the LSCB"
    assert recorded["measure"].changed_by == admin
    assert recorded["measure"].via == Source.ADMIN


def test_the_change_log_cannot_be_edited_in_the_admin(client, action):
    client.force_login(superuser())
    change = ActionChange.objects.create(action=action, via=Source.WEB, field="lead")
    assert client.get(reverse("admin:plans_actionchange_add")).status_code == 403
    response = client.post(reverse("admin:plans_actionchange_delete", args=[change.pk]))
    assert response.status_code == 403
    assert ActionChange.objects.filter(pk=change.pk).exists()


def test_the_admin_lists_actions_with_their_leads_and_finds_them_by_a_lead_s_name(
    client, action, lead, nhs, django_assert_max_num_queries
):
    Action.objects.filter(pk=action.pk).update(lead_person=lead, lead_organisation=nhs)
    others = [ActionFactory(delivery_plan=action.delivery_plan) for _ in range(3)]
    Action.objects.filter(pk__in=[o.pk for o in others]).update(lead_organisation=nhs)
    client.force_login(superuser())
    url = reverse("admin:plans_action_changelist")

    with django_assert_max_num_queries(12):  # however many actions are listed
        page = client.get(url).content.decode()

    assert f"{lead.name}, {nhs.name}" in page
    found = client.get(url, {"q": lead.name.split()[-1]}).context["cl"].result_list
    assert list(found) == [action]
