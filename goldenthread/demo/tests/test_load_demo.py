from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from goldenthread.accounts.models import Membership, Role
from goldenthread.plans.models import Action, Partnership


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_it_loads_the_seed_reports_partnership_and_prints_the_sign_ins(db, client):
    out = load()

    partnership = Partnership.objects.get(slug="thurrock")
    assert partnership.is_public
    assert partnership.area.code == "E06000034"
    assert Action.objects.filter(delivery_plan__plan__partnership=partnership).count() == 82
    assert "new 4 aims, 12 objectives, 82 actions" in out
    assert "manager      goldenthread-manager" in out
    assert Membership.objects.get(user__username="contributor").role == Role.CONTRIBUTOR
    assert get_user_model().objects.get(username="admin").is_superuser
    assert client.login(username="viewer", password="goldenthread-viewer")


def test_loading_it_again_changes_nothing(db):
    load()
    out = load()
    assert "no changes to the plan for 2014/15" in out
    assert get_user_model().objects.count() == 4
