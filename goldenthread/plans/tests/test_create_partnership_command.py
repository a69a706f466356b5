import pytest
from django.core.management import CommandError, call_command

from goldenthread.partnerships.models import Partnership, Visibility
from goldenthread.plans.models import Plan


def test_it_creates_a_partnership_with_its_area_and_plan(db, capsys):
    args = [
        "--name",
        "Thurrock",
        "--slug",
        "thurrock",
        "--area-code",
        "E06000034",
        "--area-name",
        "Thurrock",
        "--plan",
        "CYPP 2013–2016",
        "--plan-years",
        "2013-2016",
        "--visibility",
        "public",
    ]
    call_command("create_partnership", *args)
    call_command("create_partnership", *args)  # safe to repeat

    partnership = Partnership.objects.get()
    assert partnership.area.code == "E06000034"
    assert partnership.visibility == Visibility.PUBLIC
    assert partnership.plans.get().visibility == Visibility.PUBLIC
    plan = Plan.objects.get()
    assert (plan.start_year, plan.end_year) == (2013, 2016)
    assert "Thurrock (thurrock): CYPP 2013–2016" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--area-code", "Thurrock", "ONS area code"),
        ("--plan-years", "2016", "2013-2016"),
        ("--plan-years", "2016-2013", "ends"),
    ],
)
def test_it_explains_bad_input_and_writes_nothing(db, option, value, message):
    args = {
        "--name": "T",
        "--slug": "t",
        "--area-code": "E06000034",
        "--area-name": "T",
        "--plan": "P",
        "--plan-years": "2013-2016",
    }
    args[option] = value
    with pytest.raises(CommandError, match=message):
        call_command("create_partnership", *[item for pair in args.items() for item in pair])
    assert not Partnership.objects.exists()
