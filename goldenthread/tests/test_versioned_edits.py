"""Every "save against the version you read" goes through one helper (audit.versions)
and raises one kind of conflict, whatever is being saved: nothing of the second editor's
is written, and they are told what is there now."""

import pytest

from goldenthread.audit.versions import EditConflict
from goldenthread.indicators.models import Target
from goldenthread.indicators.target_edits import save_target
from goldenthread.indicators.tests.world import make_indicator
from goldenthread.plans.models import Action
from goldenthread.plans.services import edit_action


def test_an_action_edited_from_a_stale_version_is_refused_with_the_action_as_it_is(action, manager):
    edit_action(action, by=manager, expected_version=1, measure="Quarterly report")
    stale = Action.objects.get(pk=action.pk)
    stale.version = 1

    with pytest.raises(EditConflict) as refused:
        edit_action(stale, by=manager, expected_version=1, measure="Annual report")

    assert refused.value.current.measure == "Quarterly report"
    assert "after you opened it" in str(refused.value)
    assert Action.objects.get(pk=action.pk).measure == "Quarterly report"


def test_a_target_saved_from_a_stale_version_is_refused_with_the_target_as_it_is(
    partnership, manager
):
    target = Target.objects.create(
        partnership=partnership, indicator=make_indicator(), value=80, text="80%"
    )
    save_target(target, partnership=partnership, fields={"value": 82}, expected_version=1)

    with pytest.raises(EditConflict) as refused:
        save_target(target, partnership=partnership, fields={"value": 85}, expected_version=1)

    assert refused.value.current.value == 82
    assert "value is now 82.0 (you sent 85)" in str(refused.value)
    assert Target.objects.get(pk=target.pk).value == 82
