"""Every URL of the app, for every role: who gets the page, who is refused, and that
nobody reaches another partnership's data that is not shared with them.

Each URL name is classified below by who it is for. A new URL fails
``test_every_url_is_classified`` until it is added here, so none escapes the walk.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image

from goldenthread.boards.tests.factories import AgendaItemFactory, BoardFactory, MeetingFactory
from goldenthread.commentary.models import IndicatorCommentary, YearSummary
from goldenthread.conftest import built_once
from goldenthread.indicators.models import Period, Target
from goldenthread.indicators.tests.world import make_indicator
from goldenthread.partnerships.models import Membership, Role, Visibility
from goldenthread.partnerships.tests.factories import PartnershipFactory, UserFactory, member
from goldenthread.people.models import Organisation, Person, Sector
from goldenthread.plans.models import DeliveryPlan
from goldenthread.plans.tests.factories import ActionFactory, PlanFactory, make_lead
from goldenthread.reports.models import Place as SectionPlace
from goldenthread.reports.models import (
    PublishedFile,
    PublishedImage,
    PublishedReport,
    ReportSection,
    SectionImage,
)
from goldenthread.rounds.models import RoundValue, UpdateRound

ANYONE = "anyone"  # no sign-in needed, whatever the partnership
SIGNED_IN = "signed in"  # any account
READER = "reader"  # whoever may read the partnership (anyone, when it is public)
STAFF = "staff"  # the site's administrators (the superuser here), not a partnership's
RANK = {Role.VIEWER: 1, Role.CONTRIBUTOR: 2, Role.MANAGER: 3, Role.ADMINISTRATOR: 4}

# Who each page is for. POST marks views that only take a POST: they are walked with an
# empty POST, and only refusals are asserted (what they do is their own tests' business).
ACCESS: dict[str, tuple[str, str]] = {
    "home": (ANYONE, "GET"),
    "login": (ANYONE, "GET"),
    "password_reset": (ANYONE, "GET"),
    "password_reset_done": (ANYONE, "GET"),
    "password_reset_confirm": (ANYONE, "GET"),
    "password_reset_complete": (ANYONE, "GET"),
    "account": (SIGNED_IN, "GET"),
    "password_change": (SIGNED_IN, "GET"),
    "password_change_done": (SIGNED_IN, "GET"),
    "tokens:list": (SIGNED_IN, "GET"),
    "tokens:revoke": (SIGNED_IN, "POST"),
    "status": (STAFF, "GET"),
    "status_send_again": (STAFF, "POST"),
    "plans:overview": (READER, "GET"),
    "plans:tree": (READER, "GET"),
    "plans:export": (READER, "GET"),
    "plans:action": (READER, "GET"),
    "plans:edit_action": (Role.MANAGER, "GET"),
    "plans:confirm_status": (Role.MANAGER, "POST"),
    "plans:confirm_statuses": (Role.MANAGER, "POST"),
    "plans:review": (Role.MANAGER, "GET"),
    "plans:draft": (Role.MANAGER, "GET"),
    "plans:draft_add": (Role.MANAGER, "GET"),
    "plans:draft_renumber": (Role.MANAGER, "GET"),
    "plans:draft_drop": (Role.MANAGER, "GET"),
    "plans:draft_publish": (Role.MANAGER, "POST"),
    "plans:visibility": (Role.ADMINISTRATOR, "GET"),
    "plans:structure": (Role.MANAGER, "GET"),
    "plans:next_plan": (Role.MANAGER, "GET"),
    "plans:add_aim": (Role.MANAGER, "GET"),
    "plans:renumber_aims": (Role.MANAGER, "GET"),
    "plans:edit_aim": (Role.MANAGER, "GET"),
    "plans:retire_aim": (Role.MANAGER, "GET"),
    "plans:add_objective": (Role.MANAGER, "GET"),
    "plans:edit_objective": (Role.MANAGER, "GET"),
    "plans:retire_objective": (Role.MANAGER, "GET"),
    "plans:delete_aim": (Role.MANAGER, "GET"),
    "plans:delete_objective": (Role.MANAGER, "GET"),
    "plans:add_action": (Role.MANAGER, "GET"),
    "plans:renumber_actions": (Role.MANAGER, "GET"),
    "plans:withdraw_action": (Role.MANAGER, "GET"),
    "plans:rollover": (Role.MANAGER, "GET"),
    "checks:check": (READER, "GET"),
    "checks:check_json": (READER, "GET"),
    "indicators:scorecard": (READER, "GET"),
    "indicators:indicator": (READER, "GET"),
    "indicators:fingertips_csv": (READER, "GET"),
    "indicators:edit_target": (Role.MANAGER, "GET"),
    "indicators:add_target": (Role.MANAGER, "GET"),
    "indicators:remove_target": (Role.MANAGER, "GET"),
    "indicators:add_indicator": (Role.MANAGER, "GET"),
    "indicators:edit_indicator": (Role.MANAGER, "GET"),
    "indicators:retire_indicator": (Role.MANAGER, "GET"),
    "indicators:link_indicator": (Role.MANAGER, "GET"),
    "indicators:upload": (Role.MANAGER, "GET"),
    "indicators:upload_template": (Role.MANAGER, "GET"),
    "indicators:upload_codes": (Role.MANAGER, "GET"),
    "reports:report": (READER, "GET"),
    "reports:file": (READER, "GET"),
    "reports:publish": (Role.MANAGER, "POST"),
    "reports:archive": (READER, "GET"),
    "reports:published": (READER, "GET"),
    "reports:published_file": (READER, "GET"),
    "reports:logo": (Role.MANAGER, "GET"),
    "reports:logo_image": (READER, "GET"),
    "reports:turn_the_curve": (READER, "GET"),
    "reports:turn_the_curve_file": (READER, "GET"),
    "reports:sections": (Role.MANAGER, "GET"),
    "reports:add_section": (Role.MANAGER, "GET"),
    "reports:edit_section": (Role.MANAGER, "GET"),
    "reports:delete_section": (Role.MANAGER, "GET"),
    "reports:move_section": (Role.MANAGER, "POST"),
    "reports:upload_section_image": (Role.MANAGER, "POST"),
    "reports:remove_section_image": (Role.MANAGER, "POST"),
    "reports:published_image": (READER, "GET"),
    "strategy:document": (READER, "GET"),
    "strategy:golden_thread": (READER, "GET"),
    "strategy:new_version": (Role.MANAGER, "POST"),
    "strategy:new_approval": (Role.MANAGER, "POST"),
    "rounds:rounds": (Role.CONTRIBUTOR, "GET"),
    "rounds:round": (Role.CONTRIBUTOR, "GET"),
    "rounds:round_my_actions": (Role.CONTRIBUTOR, "GET"),
    "rounds:my_actions": (Role.CONTRIBUTOR, "GET"),
    "rounds:open_round": (Role.MANAGER, "GET"),
    "rounds:send_reminders": (Role.MANAGER, "POST"),
    "rounds:close_round": (Role.MANAGER, "POST"),
    "rounds:send_email_again": (Role.MANAGER, "POST"),
    "rounds:my_indicators": (Role.CONTRIBUTOR, "GET"),
    "rounds:sign_off": (Role.MANAGER, "POST"),
    "rounds:sign_off_all": (Role.MANAGER, "POST"),
    "rounds:send_back": (Role.MANAGER, "GET"),
    "rounds:asked_values": (Role.MANAGER, "GET"),
    "indicators:owners": (Role.MANAGER, "GET"),
    "people:people": (Role.MANAGER, "GET"),
    "people:add_person": (Role.MANAGER, "GET"),
    "people:add_organisation": (Role.MANAGER, "GET"),
    "people:edit_person": (Role.MANAGER, "GET"),
    "people:retire_person": (Role.MANAGER, "GET"),
    "people:edit_organisation": (Role.MANAGER, "GET"),
    "people:retire_organisation": (Role.MANAGER, "GET"),
    "plans:action_lead": (Role.MANAGER, "GET"),
    "people:members": (Role.ADMINISTRATOR, "GET"),
    "people:add_member": (Role.ADMINISTRATOR, "GET"),
    "people:member_role": (Role.ADMINISTRATOR, "POST"),
    "boards:boards": (READER, "GET"),
    "boards:forward_plan": (READER, "GET"),
    "boards:board": (READER, "GET"),
    "boards:meeting": (READER, "GET"),
    "boards:add_meeting": (Role.MANAGER, "GET"),
    "boards:add_item": (Role.MANAGER, "GET"),
    "boards:present": (Role.MANAGER, "POST"),
    "audit:trail": (Role.MANAGER, "GET"),
    "audit:csv": (Role.MANAGER, "GET"),
    "audit:item": (Role.MANAGER, "GET"),
    # The indicator's owner and the objective's or aim's lead write too (their own tests).
    "commentary:write": (Role.MANAGER, "GET"),
    "commentary:history": (Role.VIEWER, "GET"),
    "commentary:summary": (Role.MANAGER, "GET"),
    "commentary:summary_history": (Role.VIEWER, "GET"),
}
# Sign-out takes a POST from anyone; the admin has its own staff-only checks. The API
# answers with tokens and problem objects, not pages and sign-in redirects: its own walk
# is goldenthread/api/tests/test_access_by_role.py.
NOT_WALKED = {"logout"}


def is_walked(name: str) -> bool:
    return name not in NOT_WALKED and not name.startswith("api:")


# Pages that send a reader on: the home page, to the only partnership they may read.
SENDS_ON = {"home"}


def url_names() -> set[str]:
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns))


@dataclass(frozen=True)
class Place:
    """One partnership with one of everything a URL can name."""

    slug: str
    secret: str  # words that only its readers may see
    # Words that only its managers may see: a draft's, and all of a private plan's.
    hidden: str = ""
    kwargs: dict[str, dict] = field(default_factory=dict)


def a_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def furnish(
    partnership, secret: str, users: list, hidden: str, plan_visibility: str | None = None
) -> Place:
    """One of everything in the partnership; its draft's action (and, when its plan is
    private, all of the plan: title, aim, objective, action) in words starting ``hidden``."""
    private = plan_visibility == Visibility.PRIVATE
    plan = PlanFactory(
        partnership=partnership,
        visibility=plan_visibility or partnership.visibility,
        title=f"{hidden} plan" if private else f"{partnership.name} plan",
    )
    action = ActionFactory(
        objective__aim__plan=plan,
        objective__aim__title=f"{hidden} aim" if private else "Stay safe",
        objective__title=f"{hidden} objective" if private else "Keep children safe",
        text=f"{hidden} action" if private else secret,
        lead=f"{hidden} lead" if private else "Head of Service",
    )
    for user in users:
        make_lead(action, user)
    delivery_plan = action.delivery_plan
    draft = DeliveryPlan.objects.create(plan=plan, year_start=2015, is_draft=True)
    dropped = ActionFactory(
        objective=action.objective,
        delivery_plan=draft,
        text=f"{hidden} draft action",
        lead=f"{hidden} draft lead",
    )
    if private:  # on no agenda: the forward plan would list it
        ActionFactory(objective=action.objective, text=f"Receive a report on {hidden} progress")
    board = BoardFactory(partnership=partnership, slug=f"{partnership.slug}-board")
    meeting = MeetingFactory(board=board)
    item = AgendaItemFactory(meeting=meeting)
    # Reports due at a coming meeting, as evidence for the action and the draft's.
    coming = MeetingFactory(board=board, date=timezone.localdate() + dt.timedelta(days=30))
    for evidenced in (action, dropped):
        AgendaItemFactory(meeting=coming, action=evidenced)
    update_round = UpdateRound.objects.create(
        delivery_plan=delivery_plan,
        title="Q3 2014/15 updates",
        quarter="Q3 2014/15",
        opened_on=dt.date(2014, 10, 1),
        deadline=dt.date(2014, 10, 31),
    )
    update_round.actions.add(action)
    report = PublishedReport.objects.create(
        partnership=partnership,
        delivery_plan=delivery_plan,
        kind="annual",
        version=1,
        title=secret,
        context={},
        published_at=timezone.now(),
        visibility=plan.visibility,  # as publishing sets it
    )
    stored = PublishedFile(report=report, format="json", sha256="-")
    stored.file.save("report.json", ContentFile(b"{}"))
    kept = PublishedImage(report=report, name="1-photo.png", sha256="-")
    kept.file.save("1-photo.png", ContentFile(a_png()))
    section = ReportSection.objects.create(
        delivery_plan=delivery_plan,
        title=secret,
        body=secret,
        place=SectionPlace.START,
        written_at=timezone.now(),
    )
    image = SectionImage(section=section, name="photo.png", alt_text=secret, width=40, height=20)
    image.image.save("photo.png", ContentFile(a_png()))
    # The partnership's own, which its managers define.
    indicator = make_indicator(code=f"{partnership.slug}-indicator", partnership=partnership)
    indicator.objectives.add(action.objective)
    indicator.actions.add(action, dropped)
    target = Target.objects.create(
        partnership=partnership, indicator=indicator, value=50, text=secret
    )
    partnership.logo.save("logo.png", ContentFile(a_png()))
    period = Period.stored(indicator.parse_period("2013/14"))
    now = timezone.now()
    IndicatorCommentary.objects.create(
        partnership=partnership, indicator=indicator, period=period, story=secret, written_at=now
    )
    aim = action.objective.aim
    YearSummary.objects.create(delivery_plan=delivery_plan, aim=aim, text=secret, written_at=now)
    someone = Membership.objects.filter(partnership=partnership).first()
    asked = RoundValue.objects.create(
        update_round=update_round,
        indicator=indicator,
        owner=Person.objects.filter(partnership=partnership).first(),
        period=Period.stored(indicator.parse_period("2014/15")),
    )

    slug = {"slug": partnership.slug}
    year = {**slug, "year": "2014-15"}
    meeting_kwargs = {**slug, "board_slug": board.slug, "pk": meeting.pk}
    kwargs = {
        "plans:overview": slug,
        "plans:tree": year,
        "plans:export": {**year, "fmt": "csv"},
        "plans:action": {**slug, "pk": action.pk},
        "plans:review": year,
        "plans:confirm_statuses": year,
        "plans:draft_drop": {**slug, "year": "2015-16", "pk": dropped.pk},
        "checks:check": year,
        "checks:check_json": year,
        "indicators:indicator": {**slug, "code": indicator.code},
        "indicators:fingertips_csv": {**slug, "code": indicator.code},
        "indicators:edit_target": {**slug, "pk": target.pk},
        "indicators:remove_target": {**slug, "pk": target.pk},
        "indicators:upload_codes": {**slug, "kind": "area"},
        "reports:report": {**year, "kind": "annual"},
        "reports:file": {**year, "kind": "annual", "fmt": "json"},
        "reports:publish": {**year, "kind": "annual"},
        "reports:published": {**slug, "pk": report.pk},
        "reports:published_file": {**slug, "pk": report.pk, "fmt": "json"},
        "reports:turn_the_curve": {**year, "code": indicator.code},
        "reports:turn_the_curve_file": {**year, "code": indicator.code, "fmt": "pdf"},
        "reports:published_image": {**slug, "pk": report.pk, "name": "1-photo.png"},
        "reports:sections": year,
        "reports:add_section": year,
        "reports:edit_section": {**slug, "pk": section.pk},
        "reports:delete_section": {**slug, "pk": section.pk},
        "reports:move_section": {**slug, "pk": section.pk},
        "reports:upload_section_image": {**slug, "pk": section.pk},
        "reports:remove_section_image": {**slug, "pk": section.pk, "image_pk": image.pk},
        "rounds:round": {**slug, "pk": update_round.pk},
        "rounds:round_my_actions": {**slug, "pk": update_round.pk},
        "rounds:send_reminders": {**slug, "pk": update_round.pk},
        "rounds:close_round": {**slug, "pk": update_round.pk},
        "rounds:send_email_again": {**slug, "pk": update_round.pk},
        "rounds:my_indicators": {**slug, "pk": update_round.pk},
        "rounds:sign_off_all": {**slug, "pk": update_round.pk},
        "rounds:asked_values": {**slug, "pk": update_round.pk},
        "rounds:sign_off": {**slug, "pk": update_round.pk, "value_pk": asked.pk},
        "rounds:send_back": {**slug, "pk": update_round.pk, "value_pk": asked.pk},
        "people:member_role": {**slug, "pk": someone.pk},
        "boards:board": {**slug, "board_slug": board.slug},
        "boards:add_meeting": {**slug, "board_slug": board.slug},
        "boards:meeting": meeting_kwargs,
        "boards:add_item": meeting_kwargs,
        "boards:present": {**meeting_kwargs, "item_pk": item.pk},
        "audit:item": {**slug, "kind": "plans.action", "pk": action.pk},
        "commentary:write": {**slug, "code": indicator.code},
        "commentary:history": {**slug, "code": indicator.code, "period": period.pk},
        "commentary:summary": {**year, "kind": "aim", "pk": aim.pk},
        "commentary:summary_history": {**year, "kind": "aim", "pk": aim.pk},
    }
    for name in ("edit_indicator", "retire_indicator", "link_indicator", "add_target"):
        kwargs[f"indicators:{name}"] = {**slug, "code": indicator.code}
    person = Person.objects.filter(partnership=partnership).first()
    for name in ("people:edit_person", "people:retire_person"):
        kwargs[name] = {**slug, "pk": person.pk}
    organisation = Organisation.objects.create(
        partnership=partnership, name=secret, sector=Sector.OTHER
    )
    for name in ("people:edit_organisation", "people:retire_organisation"):
        kwargs[name] = {**slug, "pk": organisation.pk}
    for name in ("plans:add_aim", "plans:renumber_aims"):
        kwargs[name] = {**slug, "pk": plan.pk}
    for name in ("plans:edit_aim", "plans:retire_aim", "plans:add_objective", "plans:delete_aim"):
        kwargs[name] = {**slug, "pk": action.objective.aim_id}
    for name in ("plans:edit_objective", "plans:retire_objective", "plans:delete_objective"):
        kwargs[name] = {**slug, "pk": action.objective_id}
    for name in ("plans:add_action", "plans:renumber_actions", "plans:rollover"):
        kwargs[name] = year
    for name in (
        "plans:edit_action",
        "plans:confirm_status",
        "plans:action_lead",
        "plans:withdraw_action",
    ):
        kwargs[name] = {**slug, "pk": action.pk}
    for name in ("plans:draft", "plans:draft_add", "plans:draft_renumber", "plans:draft_publish"):
        kwargs[name] = {**slug, "year": "2015-16"}
    return Place(partnership.slug, secret, hidden, kwargs)


# Pages about the person, not a partnership.
NO_PARTNERSHIP = {
    "home": {},
    "login": {},
    "account": {},
    "password_change": {},
    "password_change_done": {},
    "password_reset": {},
    "password_reset_done": {},
    "password_reset_complete": {},
    "password_reset_confirm": {"uidb64": "MQ", "token": "used-or-expired"},
    "tokens:list": {},
    "tokens:revoke": {"pk": 1},
    "status": {},
    "status_send_again": {"pk": 1},
}


def url_for(place: Place, name: str) -> str:
    if name in NO_PARTNERSHIP:
        return reverse(name, kwargs=NO_PARTNERSHIP[name])
    return reverse(name, kwargs=place.kwargs.get(name, {"slug": place.slug}))


@pytest.fixture(scope="module")
def walk_world(django_db_setup, django_db_blocker):
    """Both partnerships with one of everything and their people, built once per module
    (goldenthread/conftest.py tells how); people by their users' primary keys."""

    def build():
        public = PartnershipFactory(name="Thurrock", slug="thurrock", visibility=Visibility.PUBLIC)
        shared = PartnershipFactory(
            name="Elsewhere", slug="elsewhere", visibility=Visibility.PARTNERS
        )
        people = {role: member(public, role, username=role.value) for role in Role}
        # A user of another partnership: its administrator, nothing in the public one.
        people["other"] = member(shared, Role.ADMINISTRATOR, username="other")
        people["superuser"] = UserFactory(username="root", is_staff=True, is_superuser=True)
        signed_in(people.values())
        # Everyone here leads an action, so that "my actions" has something to show them.
        here = furnish(
            public,
            "Our public action",
            [people[who] for who in reversed(people)],
            hidden="Tabled for next year",
        )
        there = furnish(
            shared, "Elsewhere's confidential action", [people["other"]], hidden="Elsewhere's"
        )
        # Public, with its plan private: the same people have the same roles in it.
        grays = PartnershipFactory(name="Grays", slug="grays", visibility=Visibility.PUBLIC)
        for role in Role:
            Membership.objects.create(user=people[role], partnership=grays, role=role)
        kept = furnish(
            grays,
            "Grays's partnership words",
            [people[Role.CONTRIBUTOR]],
            hidden="Quietly kept",
            plan_visibility=Visibility.PRIVATE,
        )
        return here, there, {who: user.pk for who, user in people.items()}, kept

    yield from built_once(django_db_blocker, build)


@pytest.fixture
def world(walk_world, db):
    """The partnerships' places, and their people as users of this test's own."""
    here, there, people, _ = walk_world
    users = get_user_model().objects.in_bulk(people.values())
    return here, there, {who: users[pk] for who, pk in people.items()}


@pytest.fixture
def kept(walk_world) -> Place:
    """Grays: a public partnership whose plan is private."""
    return walk_world[3]


def expected_to_pass(who: str, audience: str) -> bool:
    if audience in (ANYONE, READER):  # the walked partnership is public
        return True
    if who == "anonymous":
        return False
    if audience == STAFF:
        return who == "superuser"
    if audience == SIGNED_IN or who == "superuser":
        return True
    return who != "other" and RANK[who] >= RANK[audience]


# Each person's session, made once with the world: signing in afresh for each of the
# walk's visits was a third of its time.
SESSIONS: dict[int, str] = {}


def signed_in(users) -> None:
    SESSIONS.clear()
    for user in users:
        client = Client()
        client.force_login(user)
        SESSIONS[user.pk] = client.cookies[settings.SESSION_COOKIE_NAME].value


def visit(client, user, url: str, method: str):
    client.cookies.pop(settings.SESSION_COOKIE_NAME, None)
    if user is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = SESSIONS[user.pk]
    return client.post(url, {}) if method == "POST" else client.get(url)


def test_every_url_is_classified():
    assert {name for name in url_names() if is_walked(name)} == set(ACCESS)


WHO = ["anonymous", *[role.value for role in Role], "other", "superuser"]


# The walks below visit every URL as every kind of person: slow (some 1,800 requests), so
# make test-fast leaves them out; make test walks them. The classification above stays.
walk = pytest.mark.slow


@walk
@pytest.mark.parametrize("name", sorted(ACCESS))
def test_each_role_gets_the_page_or_is_refused(client, world, name):
    here, _, people = world
    audience, method = ACCESS[name]
    url = url_for(here, name)
    for who in WHO:
        response = visit(client, people.get(who), url, method)
        refused = response.status_code == 403 or (
            response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
        )
        if expected_to_pass(who, audience):
            assert not refused and response.status_code < 500, (who, url, response.status_code)
            if method == "GET":
                ok = (200, 302) if name in SENDS_ON else (200,)
                assert response.status_code in ok, (who, url, response.status_code)
        else:
            assert refused, (who, url, response.status_code)
            if who == "anonymous":
                assert response.status_code == 302, (who, url)


@walk
@pytest.mark.parametrize("name", sorted(set(ACCESS) - set(NO_PARTNERSHIP)))
def test_nobody_reaches_another_partnerships_data(client, world, name):
    """Elsewhere shares its pages only with its partners: none of ours may read them."""
    _, there, people = world
    method = ACCESS[name][1]
    url = url_for(there, name)
    for who in WHO:
        if who in ("other", "superuser"):
            continue
        response = visit(client, people.get(who), url, method)
        assert response.status_code in (302, 403, 404), (who, url, response.status_code)
        if response.status_code == 302:
            assert "/accounts/sign-in/" in response["Location"], (who, url)
        assert there.secret not in response.content.decode(errors="replace"), (who, url)


# Pages a reader, viewer or contributor gets: none of them may show a draft's words or a
# private plan's, whatever the partnership's own visibility. Images and PDFs are left
# out: their words cannot be searched for, and they are made from the pages' own data.
BINARY = {
    "reports:turn_the_curve_file",
    "reports:logo_image",
    "reports:published_image",
}
READ_PAGES = sorted(
    name
    for name, (audience, method) in ACCESS.items()
    if method == "GET"
    and audience in (ANYONE, READER, Role.VIEWER, Role.CONTRIBUTOR)
    and name not in BINARY
)
# A contributor may do all a viewer may, so stands for both; "other" is a non-member.
NOT_MANAGERS = ["anonymous", Role.CONTRIBUTOR.value, "other"]


@walk
@pytest.mark.parametrize("name", READ_PAGES)
def test_only_managers_read_a_private_plan_or_a_draft(client, world, kept, name):
    """Thurrock's draft, and Grays's private plan in a public partnership (issue 18)."""
    here, _, people = world
    for place in (here, kept):
        url = url_for(place, name)
        for who in NOT_MANAGERS:
            response = visit(client, people.get(who), url, "GET")
            assert response.status_code < 500, (who, url, response.status_code)
            shown = (b"".join(response) if response.streaming else response.content).decode(
                errors="replace"
            )
            at = shown.find(place.hidden)
            assert at == -1, (who, url, shown[max(at - 200, 0) : at + 80])


def downloads(slug: str, year: str) -> list[str]:
    """Every file of a year: its export, its reports, the check, and Turn the Curve, in
    each format."""
    from goldenthread.plans.urls import EXPORT_FORMATS
    from goldenthread.reports.render import FORMATS, KINDS
    from goldenthread.reports.turn_the_curve_views import DOCUMENTS

    at = {"slug": slug, "year": year}
    code = {"code": f"{slug}-indicator"}
    return [
        *(reverse("plans:export", kwargs={**at, "fmt": fmt}) for fmt in EXPORT_FORMATS),
        # Each kind, and each format: the year is found (or not) before either is read.
        *(reverse("reports:file", kwargs={**at, "kind": kind, "fmt": "html"}) for kind in KINDS),
        *(reverse("reports:file", kwargs={**at, "kind": "annual", "fmt": fmt}) for fmt in FORMATS),
        *(
            reverse("reports:turn_the_curve_file", kwargs={**at, **code, "fmt": fmt})
            for fmt in DOCUMENTS
        ),
        reverse("checks:check_json", kwargs=at),
    ]


def test_no_download_of_a_private_plan_or_a_draft_is_given_to_others(client, world, kept):
    """Whatever the format: found only by those who may read the year (a non-member of a
    public partnership is refused as an anonymous visitor is)."""
    here, _, people = world
    for url in downloads(here.slug, "2015-16") + downloads(kept.slug, "2014-15"):
        for who in ("anonymous", Role.CONTRIBUTOR.value):
            response = visit(client, people.get(who), url, "GET")
            assert response.status_code == 404, (who, url, response.status_code)
