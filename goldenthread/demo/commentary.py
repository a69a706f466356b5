"""The demo's words beside the numbers: owners for two indicators and their story behind
the curve, leads for an aim and an objective and their summaries of 2014/15.

``load_demo_commentary(partnership)`` runs after the update round, whose leads it names
(``rounds.LEADS``). It is idempotent: what is there already is left. The words are made
up but keep to the demo's own figures (77% at key stage 2 in 2013/14, 72% the year
before; 5.4% of 16 to 18 year olds not in education, employment or training in
2014/15), so that the fact check finds nothing to say about them.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from goldenthread.commentary.models import IndicatorCommentary, YearSummary
from goldenthread.demo.calendar import AS_AT, PLAN_YEAR
from goldenthread.indicators.models import Indicator, IndicatorOwner, Period
from goldenthread.people.models import Person
from goldenthread.plans.models import DeliveryPlan

# Written as the year's figures came in, by the demo's day (``calendar.py``).
WRITTEN_AT = timezone.make_aware(dt.datetime.combine(AS_AT, dt.time(10)))

# (indicator, period, owner's email, the story's parts)
COMMENTARY = [
    (
        "ks2-rwm-l4",
        "2013/14",
        "grace.okafor@example.org",
        {
            "story": (
                "Attainment rose by 5 percentage points, from 72% to 77%, as the phonics "
                "and guided reading programme reached every primary school. The gap with "
                "England narrowed but did not close."
            ),
            "partners": "Primary schools, the Schools Partnership and the library service.",
            "what_works": (
                "Early reading support in Reception and Year 1, and targeted tuition for "
                "pupils eligible for free school meals."
            ),
            "next_steps": (
                "Extend the tuition offer to every school below the national average by "
                "September, and report progress to the partnership each term."
            ),
        },
    ),
    (
        "neet-16-18",
        "2014/15",
        "sam.reid@example.org",
        {
            "story": (
                "Fewer young people are not in education, employment or training: 5.4%, "
                "now similar to the regional and national average, as more stayed in "
                "learning after the participation age rose."
            ),
            "partners": "Colleges, training providers, the youth offending service.",
            "next_steps": "Follow up every young person whose activity is not known.",
        },
    ),
]

# (aim number, objective code or "", lead's email, summary)
SUMMARIES = [
    (
        1,
        "",
        "tom.ellis@example.org",
        (
            "Attainment rose at the end of key stage 2, and the education commission's "
            "action plan was reported to overview and scrutiny in July 2014. The focus for "
            "2015/16 is the early years and pupils eligible for free school meals."
        ),
    ),
    (
        1,
        "1.1",
        "grace.okafor@example.org",
        (
            "Key stage 2 results rose by 5 percentage points to 77%, closing much of the "
            "gap with England. The focus for next year is pupils eligible for free school "
            "meals."
        ),
    ),
]


def load_demo_commentary(partnership) -> int:
    """Owners, leads, commentary and summaries; how many words were written this time."""
    delivery_plan = DeliveryPlan.objects.for_year(partnership, PLAN_YEAR)
    people = {p.email: p for p in Person.objects.filter(partnership=partnership)}
    # Someone without an account tells a manager, who writes it for them.
    manager = get_user_model().objects.get(username="manager")
    written = 0
    for code, label, email, parts in COMMENTARY:
        indicator = Indicator.objects.get(code=code)
        owner = people[email]
        IndicatorOwner.objects.get_or_create(
            partnership=partnership, indicator=indicator, defaults={"person": owner}
        )
        period = Period.stored(indicator.parse_period(label))
        _, created = IndicatorCommentary.objects.get_or_create(
            partnership=partnership,
            indicator=indicator,
            period=period,
            defaults={**parts, "written_by": owner.user or manager, "written_at": WRITTEN_AT},
        )
        written += created
    for number, code, email, text in SUMMARIES:
        aim = delivery_plan.plan.aims.get(number=number)
        subject = aim.objectives.get(code=code) if code else aim
        if subject.lead_id is None:
            subject.lead = people[email]
            subject.save(update_fields=["lead"])
        key = {"objective": subject} if code else {"aim": subject}
        _, created = YearSummary.objects.get_or_create(
            delivery_plan=delivery_plan,
            **key,
            defaults={
                "text": text,
                "written_by": people[email].user or manager,
                "written_at": WRITTEN_AT,
            },
        )
        written += created
    return written
