"""Two app servers and two workers on one PostgreSQL database, as production runs several
behind a load balancer (README, "Production layout").

A small partnership is built once into this run's test database, committed, and served by two
gunicorn servers started as ``make serve`` starts one (DEBUG off, preloaded, the same
SECRET_KEY, the same media, chart cache, throttle counts and restore flag, and whatever
page cache the settings give), with two ``goldenthread db_worker`` processes sending
email to a mail server of the test's own. People sign in through one server and go on
through the other, as a load balancer sends them; what one server saves (an update, a
file, a published report, who may read), the other shows at once; each email goes once
however many workers run.

PostgreSQL only: SQLite's test database is in memory, out of other processes' reach,
and servers on several machines share no SQLite file. ``make test-postgres`` (in CI)
runs it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import os
import re
import secrets
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import escape
from typing import TypeVar

import docx
import pypdf
import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from PIL import Image

from goldenthread.accounts.throttling import parse_rates
from goldenthread.indicators.models import DataPoint
from goldenthread.indicators.tests.world import build_areas, make_indicator, row, write_values
from goldenthread.lib.maintenance import writes_refused
from goldenthread.mail.models import OutgoingEmail, WorkerBeat
from goldenthread.mail.models import Status as EmailStatus
from goldenthread.partnerships.models import Role, Visibility
from goldenthread.partnerships.tests.factories import PartnershipFactory, member
from goldenthread.people.models import Person
from goldenthread.plans.models import Action, ActionUpdate, DeliveryPlan
from goldenthread.plans.tests.factories import PlanFactory
from goldenthread.plans.tests.seed import import_seed
from goldenthread.reports.models import PublishedFile, PublishedReport
from goldenthread.rounds.models import CLOSED_STATUSES, EmailKind, RoundEmail, UpdateRound
from goldenthread.testing.servers import (
    BIN,
    Browser,
    MailServer,
    Processes,
    database_url,
    form_on,
    free_port,
    wait_until,
)

pytestmark = [
    pytest.mark.subprocess,
    # Each test reads in a transaction of its own, rolled back, which PostgreSQL lets see
    # what the servers and workers commit meanwhile (each statement sees the latest).
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="several app servers share one PostgreSQL database; SQLite's test database "
        "is in memory (make test-postgres runs this)",
    ),
]

SLUG = "thurrock"
PASSWORD = "correct horse battery staple"  # every account's
ACCOUNTS = {"viewer": Role.VIEWER, "contributor": Role.CONTRIBUTOR, "manager": Role.MANAGER,
            "administrator": Role.ADMINISTRATOR}  # fmt: skip
SIGN_IN_RATE = "3/minute"  # few enough to reach in a test
SAVED = "has been added"
CONFLICT = "after you opened it"
T = TypeVar("T")


@dataclass
class Servers:
    a: str  # each server's address
    b: str
    mail: MailServer
    delivery_plan: int  # pk
    restoring_flag: str  # the file every server and worker reads

    def signed_in(self, username: str, through: str) -> Browser:
        browser = Browser(address=somewhere())
        browser.sign_in(through, username, PASSWORD)
        return browser

    def plan(self) -> DeliveryPlan:
        return DeliveryPlan.objects.select_related("plan").get(pk=self.delivery_plan)


_addresses = itertools.count(1)


def somewhere() -> str:
    """An address of a person's own (a documentation range), so that each counts against
    the rate limits alone."""
    return f"203.0.113.{next(_addresses)}"


def build_partnership() -> int:
    """Thurrock, public, with the seed report's 2014/15 delivery plan, an account in each
    role, and its open actions led in turn by the contributor and two partners without
    an account; areas and an indicator to upload values of; committed. Returns the
    delivery plan's pk."""
    with transaction.atomic():
        partnership = PartnershipFactory(name="Thurrock", slug=SLUG, visibility=Visibility.PUBLIC)
        PlanFactory(partnership=partnership)
        import_seed(partnership)
        partnership.area = build_areas()["thurrock"]
        partnership.save()
        make_indicator()
        # Hashed as the servers check it, not by the tests' quick hasher.
        hasher = PBKDF2PasswordHasher()
        hashed = hasher.encode(PASSWORD, hasher.salt())
        users = {name: member(partnership, role, username=name) for name, role in ACCOUNTS.items()}
        for user in users.values():
            user.password = hashed
            user.save(update_fields=["password"])
        leads = [
            Person.objects.create(partnership=partnership, name=name, email=email, user=user)
            for name, email, user in (
                ("Sam Reid", "sam.reid@example.org", users["contributor"]),
                ("Nina Patel", "nina.patel@example.org", None),
                ("Tom Ellis", "tom.ellis@example.org", None),
            )
        ]
        delivery_plan = DeliveryPlan.objects.of(partnership).get()
        open_actions = delivery_plan.actions.exclude(status__in=CLOSED_STATUSES).order_by("pk")
        for n, pk in enumerate(open_actions.values_list("pk", flat=True)):
            Action.objects.filter(pk=pk).update(lead_person=leads[n % len(leads)])
        return delivery_plan.pk


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Servers]:
    folder = tmp_path_factory.mktemp("two-servers")
    mail = MailServer()
    a, b = (f"http://127.0.0.1:{port}" for port in (free_port(), free_port()))
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SITE_URL": a,
        "BEHIND_PROXY": "1",  # the load balancer: each person's address in X-Forwarded-For
        "SIGN_IN_RATE": SIGN_IN_RATE,
        "STATIC_ROOT": str(folder / "static"),
        # What the README says every server shares.
        "MEDIA_ROOT": str(folder / "media"),
        "CHART_CACHE": str(folder / "charts"),
        "THROTTLE_CACHE": str(folder / "throttle"),
        "RESTORING_FLAG": str(folder / "restoring"),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail.port),
        "EMAIL_USE_TLS": "0",
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
    }
    processes = Processes(env, folder / "logs")
    goldenthread = BIN / "goldenthread"
    try:
        processes.start("collectstatic", goldenthread, "collectstatic", "--no-input", "-v0")
        with django_db_blocker.unblock():
            delivery_plan = build_partnership()
        processes.finish("collectstatic")
        processes.serve({"server-a": a, "server-b": b})
        for worker in ("worker-1", "worker-2"):
            processes.start(worker, goldenthread, "db_worker")
        yield Servers(a, b, mail, delivery_plan, env["RESTORING_FLAG"])
    finally:
        processes.stop()
        mail.close()
        # Committed for real, so emptied as after any test that commits.
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)


def at_once(*steps: Callable[[], T]) -> list[T]:
    """Run the steps in threads that start together, as two people pressing a button
    in the same instant; their results in order."""
    start = threading.Barrier(len(steps))
    results: list = [None] * len(steps)

    def run(n: int) -> None:
        start.wait()
        try:
            results[n] = steps[n]()
        except Exception as error:  # noqa: BLE001 - raised below, in the test's thread
            results[n] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(steps))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in results:
        if isinstance(result, Exception):
            raise result
    return results


def outcome(page: requests.Response, **phrases: str) -> str:
    """The name of the phrase the page says; if none, its status and title, to show."""
    said = [name for name, phrase in phrases.items() if phrase in page.text]
    title = re.search(r"<title>(.*?)</title>", page.text, re.DOTALL)
    return said[0] if said else f"{page.status_code} {title[1].strip() if title else page.text}"


def my_actions(browser: Browser, through: str) -> list[str]:
    """The addresses of the actions on the person's "my actions" page."""
    page = browser.get(through + reverse("rounds:my_actions", args=[SLUG])).text
    return list(dict.fromkeys(re.findall(rf'href="(/{SLUG}/actions/\d+/)"', page)))


def action_of(path: str) -> Action:
    return Action.objects.get(pk=re.search(r"/actions/(\d+)/", path)[1])


def test_signed_in_through_one_server_a_contributor_updates_through_both(servers):
    contributor = servers.signed_in("contributor", through=servers.a)
    first, second = my_actions(contributor, through=servers.b)[:2]  # the session, on B

    said = {}
    for path, through in ((first, servers.a), (second, servers.b)):
        said[path] = f"Progress on {path}, sent through {through}"
        form = contributor.form(through + path, having="commentary")
        page = contributor.send(form, commentary=said[path])
        assert outcome(page, saved=SAVED) == "saved"

    for path, through in ((first, servers.b), (second, servers.a)):  # each on the other
        assert said[path] in contributor.get(through + path).text
        assert (
            action_of(path)
            .updates.filter(commentary=said[path], author__username="contributor")
            .exists()
        )


def test_of_two_people_saving_one_action_through_two_servers_one_wins(servers):
    contributor = servers.signed_in("contributor", through=servers.a)
    manager = servers.signed_in("manager", through=servers.b)
    path = my_actions(contributor, through=servers.a)[-1]
    opened_at = action_of(path).version
    theirs = contributor.form(servers.a + path, having="commentary")
    mine = manager.form(servers.b + path, having="commentary")
    assert theirs.fields["version"] == mine.fields["version"] == str(opened_at)

    said = {"contributor": f"The contributor's words on {path}", "manager": "The manager's"}
    pages = dict(
        zip(
            said,
            at_once(
                lambda: contributor.send(theirs, commentary=said["contributor"]),
                lambda: manager.send(mine, commentary=said["manager"]),
            ),
            strict=True,
        )
    )

    outcomes = {who: outcome(page, saved=SAVED, refused=CONFLICT) for who, page in pages.items()}
    assert sorted(outcomes.values()) == ["refused", "saved"]
    winner, loser = sorted(outcomes, key=lambda who: outcomes[who] != "saved")
    assert f"{escape(said[loser])}</textarea>" in pages[loser].text  # what they typed, kept
    action = action_of(path)
    assert action.version == opened_at + 1
    assert list(action.updates.filter(commentary__in=said.values()).values_list("commentary")) == [
        (said[winner],)
    ]


def test_a_round_opened_through_both_servers_at_once_emails_each_lead_once(servers):
    wait_until(lambda: WorkerBeat.objects.count() == 2, 30, "both workers to start")
    manager = servers.signed_in("manager", through=servers.a)
    plan = servers.plan()
    taken = set(plan.update_rounds.values_list("quarter", flat=True))
    quarter = next(f"Q{n} {plan.year}" for n in range(1, 5) if f"Q{n} {plan.year}" not in taken)
    form = manager.form(servers.a + reverse("rounds:open_round", args=[SLUG]), having="quarter")
    typed = {
        "delivery_plan": str(plan.pk),
        "quarter": quarter,
        "deadline": f"{timezone.localdate() + dt.timedelta(days=21):%d/%m/%Y}",
    }
    second_tab = manager.twin()

    pages = at_once(
        lambda: manager.send(form, **typed),
        lambda: second_tab.send(form, through=servers.b, **typed),
    )

    update_round = UpdateRound.objects.get(delivery_plan=plan, quarter=quarter)
    assert sorted(
        outcome(page, opened="is open: its leads are being emailed", refused="already has a round")
        for page in pages
    ) == ["opened", "refused"], "one round opens; the other press is told it is there"
    leads = {
        lead.person.email
        for lead in update_round.leads_progress(timezone.localdate())
        if lead.person and lead.person.email
    }
    assert len(leads) > 1

    invitations = RoundEmail.objects.filter(update_round=update_round, kind=EmailKind.INVITATION)
    wait_until(lambda: emails_sent(invitations, len(leads)), 60, "the workers to send the round")

    assert {email.to_address for email in invitations} == leads
    received = Counter(
        to for mail in servers.mail.mail() if update_round.title in mail.subject for to in mail.to
    )
    assert received == Counter(leads), "each lead gets one email, whoever's worker sent it"
    sent = OutgoingEmail.objects.filter(pk__in=invitations.values("email"))
    assert set(sent.values_list("status", "attempts")) == {(EmailStatus.SENT, 1)}


def emails_sent(invitations, expected: int) -> bool:
    """Every invitation queued and sent, and no task left that could send another."""
    sent = OutgoingEmail.objects.filter(pk__in=invitations.values("email"), status="sent")
    busy = DBTaskResult.objects.filter(
        status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING),
        run_after__lte=timezone.now(),
    )
    return sent.count() >= expected and not busy.exists()


def test_reports_published_through_both_servers_at_once_download_from_either(servers):
    manager = servers.signed_in("manager", through=servers.a)
    plan = servers.plan()
    page = reverse("reports:report", args=[SLUG, plan.year.slug, "exception"])
    form = manager.form(servers.a + page, having="visibility")
    second_tab = manager.twin()
    before = PublishedReport.objects.filter(delivery_plan=plan, kind="exception").count()

    pages = at_once(lambda: manager.send(form), lambda: second_tab.send(form, through=servers.b))

    published_it = "Later changes to the data will not alter it"
    assert [outcome(page, published=published_it) for page in pages] == ["published"] * 2
    published = PublishedReport.objects.filter(delivery_plan=plan, kind="exception")
    assert sorted(published.values_list("version", flat=True)) == list(range(1, before + 3))
    reader = servers.signed_in("viewer", through=servers.b)
    for report in published.order_by("-version")[:2]:
        for through in (servers.a, servers.b):
            for stored in PublishedFile.objects.filter(report=report, format__in=("docx", "pdf")):
                url = reverse("reports:published_file", args=[SLUG, report.pk, stored.format])
                download = reader.get(through + url)
                assert download.status_code == 200, (through, url)
                assert hashlib.sha256(download.content).hexdigest() == stored.sha256
                assert report.title in text_of(download.content, stored.format)


def text_of(content: bytes, fmt: str) -> str:
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_files_uploaded_through_one_server_are_read_through_the_other(servers, tmp_path):
    manager = servers.signed_in("manager", through=servers.a)
    logo = io.BytesIO()
    Image.new("RGB", (120, 40), "navy").save(logo, "PNG")
    form = manager.form(servers.a + reverse("reports:logo", args=[SLUG]), having="logo")
    assert (
        "The logo is saved"
        in manager.send(form, files={"logo": ("logo.png", logo.getvalue())}).text
    )
    shown = manager.get(servers.b + reverse("reports:logo_image", args=[SLUG]))
    assert (shown.status_code, shown.content) == (200, logo.getvalue())

    values = write_values(
        tmp_path / "ks2.csv", [row(value="77"), row(period="2012/13", value="72")]
    )
    upload = servers.a + reverse("indicators:upload", args=[SLUG])
    form = manager.form(upload, having="file")
    preview = manager.send(form, files={"file": ("ks2.csv", values.read_bytes())})
    assert "Check before importing" in preview.text and not DataPoint.objects.exists()
    imported = manager.send(form_on(preview, having="step"), through=servers.b)
    assert "Imported ks2.csv" in imported.text, outcome(imported)
    assert sorted(DataPoint.objects.values_list("value", flat=True)) == [72, 77]


def test_an_update_through_one_server_shows_at_once_on_the_other(servers):
    anyone = Browser(address=somewhere())  # the partnership is public
    manager = servers.signed_in("manager", through=servers.a)
    action = reverse("plans:action", args=[SLUG, servers.plan().actions.order_by("pk")[0].pk])
    pages = [action, reverse("plans:overview", args=[SLUG])]  # the overview: recent updates
    said = "Seen on every server the moment it is saved"
    for _ in range(2):  # read twice: whatever a server caches is cached
        for reader, page in itertools.product((anyone, manager), pages):
            assert said not in reader.get(servers.b + page).text

    form = manager.form(servers.a + action, having="commentary")
    assert outcome(manager.send(form, commentary=said), saved=SAVED) == "saved"

    for reader, page in itertools.product((anyone, manager), pages):
        assert said in reader.get(servers.b + page).text, page


def test_a_partnership_made_private_through_one_server_is_private_on_the_other(servers):
    anyone = Browser(address=somewhere())
    administrator = servers.signed_in("administrator", through=servers.a)
    overview = reverse("plans:overview", args=[SLUG])
    settings = reverse("plans:visibility", args=[SLUG])
    for _ in range(2):
        assert anyone.get(servers.b + overview).url == servers.b + overview

    form = administrator.form(servers.a + settings, having="partnership")
    administrator.send(form, partnership=Visibility.PRIVATE)
    try:
        assert anyone.get(servers.b + overview).url.startswith(servers.b + "/accounts/sign-in/")
    finally:
        form = administrator.form(servers.b + settings, having="partnership")
        administrator.send(form, partnership=Visibility.PUBLIC)
    assert anyone.get(servers.a + overview).url == servers.a + overview


def test_sign_ins_from_one_address_through_either_server_count_together(servers):
    guesser = Browser(address=somewhere())
    [limit] = parse_rates(SIGN_IN_RATE)
    answers = []
    for attempt in range(limit.requests + 1):
        through = (servers.a, servers.b)[attempt % 2]
        form = guesser.form(through + reverse("login"), having="username")
        answers.append(guesser.send(form, username=f"guess{attempt}", password="wrong"))
    assert [answer.status_code for answer in answers] == [200] * limit.requests + [429]
    assert "Too many attempts to sign in from your network" in answers[-1].text
    assert int(answers[-1].headers["Retry-After"]) > 0


def test_while_a_restore_runs_neither_server_takes_a_change(servers, settings):
    manager = servers.signed_in("manager", through=servers.a)
    action = reverse("plans:action", args=[SLUG, servers.plan().actions.order_by("pk")[1].pk])
    form = manager.form(servers.a + action, having="commentary")
    settings.RESTORING_FLAG = servers.restoring_flag

    with writes_refused("a backup"):  # as `goldenthread restore` does, on whichever machine
        refused = [
            manager.send(form, through=through, commentary="Sent during the restore")
            for through in (servers.a, servers.b)
        ]

    assert [answer.status_code for answer in refused] == [503, 503]
    assert all("being restored" in answer.text for answer in refused)
    assert not ActionUpdate.objects.filter(commentary="Sent during the restore").exists()
    after = manager.send(form, through=servers.b, commentary="After the restore")
    assert outcome(after, saved=SAVED) == "saved"
