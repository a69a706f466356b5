"""Fixtures every app's tests share: a partnership, its plan, and people in each role;
and the seed report's world, built once per test module.

Worlds built once
-----------------
Importing the seed annual report takes a good part of a second and two hundred tests
start from it, so it is built once per test module, not once per test. A world is a
module-scoped fixture named ``*_world`` that builds through ``built_once``: in a
transaction that stays open while the module's tests run. Each test's own transaction
(pytest-django's ``db``) is a savepoint inside it, rolled back after the test, and the
world is rolled back when the module is done. So every test starts from the world as it
was built, and may change it freely.

A test asks not for a world but for a function-scoped fixture that hands it fresh objects
from one (``seeded`` below, for ``seed_world``). The other worlds extend this one:
``thurrock_world`` (the demo's indicator data) in ``reports/tests/conftest.py``, where a
module also builds its report once for its tests to read (``read_once``); the plan
document's in ``strategy/tests/conftest.py`` and ``checks/tests/test_seed.py``. The walk
of every URL (``tests/test_access_by_url.py``) and the loaded demo
(``demo/tests/test_load_demo.py``) have worlds of their own.

So that a test starts the same whether it runs alone or after others, a module's tests
run together (not in pytest-django's order, every module's rolled-back tests before any
that commits): first those that commit for real (``transactional_db``, ``live_server``),
which no world's transaction may be open around, and after each of which Django empties
the database; then from the emptiest world to the fullest, so that a test asking for no
world runs before any is built. Hence two rules, checked when the tests are collected
(``pytest_collection_modifyitems`` below): the worlds a module's tests ask for nest (the
seed; the seed and the demo's indicators), and a test that commits builds what it needs
itself (``test_the_worker_runs_it`` in ``reports/tests/test_tasks.py``).
"""

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from pytest_django.plugin import validate_django_db

from goldenthread.indicators.tests.world import build_areas, make_indicator
from goldenthread.mail.tests import backends as mail_servers
from goldenthread.partnerships.models import Partnership, Role, Visibility
from goldenthread.partnerships.tests.factories import PartnershipFactory, UserFactory, member
from goldenthread.people.models import Organisation, Person, Sector
from goldenthread.plans.tests.factories import ActionFactory, PlanFactory
from goldenthread.plans.tests.seed import import_seed

# Test passwords are hashed quickly: the production hasher is slow by design (a fifth of a
# second a password here) and the suite makes hundreds of users. Django advises this.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

THURROCK = {"name": "Thurrock", "slug": "thurrock", "visibility": Visibility.PUBLIC}


def built_once(django_db_blocker, build: Callable[..., Any], *args: Any) -> Iterator[Any]:
    """The body of a world fixture: ``yield from built_once(django_db_blocker, build)``.

    Runs ``build(*args)`` in a transaction (a savepoint, inside another world) that the
    module's tests run in, and rolls it back when they are done. Yields what ``build``
    returned: primary keys and such, not model instances, which a test could change.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        built = build(*args)
        with django_db_blocker.block():  # as before: a test reaches the database through `db`
            yield built
        transaction.set_rollback(True)


@contextmanager
def read_once(django_db_blocker) -> Iterator[None]:
    """For a module-scoped fixture that reads a world once for all the module's tests (a
    report rendered once, read by many): whatever it might write is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def seed_world(django_db_setup, django_db_blocker):
    """Thurrock (public) and its plan, with the seed annual report imported."""

    def build() -> int:
        partnership = PartnershipFactory(**THURROCK)
        PlanFactory(partnership=partnership)
        import_seed(partnership)
        return partnership.pk

    yield from built_once(django_db_blocker, build)


@pytest.fixture
def seeded(seed_world, db):
    """The demo partnership's plan with the seed report imported."""
    return Partnership.objects.get(pk=seed_world)


@pytest.fixture
def partnership(db):
    """Thurrock, public: the world's, in a module that has one, else a new one."""
    return Partnership.objects.filter(slug="thurrock").first() or PartnershipFactory(**THURROCK)


@pytest.fixture
def private_partnership(db):
    return PartnershipFactory(name="Elsewhere", slug="elsewhere", visibility=Visibility.PARTNERS)


@pytest.fixture
def plan(partnership):
    """Thurrock's plan: the world's, in a module that has one, else a new one."""
    return partnership.plans.first() or PlanFactory(partnership=partnership)


@pytest.fixture
def action(plan):
    return ActionFactory(objective__aim__plan=plan, code="8.11")


@pytest.fixture
def viewer(partnership):
    return member(partnership, Role.VIEWER, username="vera")


@pytest.fixture
def contributor(partnership):
    return member(partnership, Role.CONTRIBUTOR, username="connor")


@pytest.fixture
def manager(partnership):
    return member(partnership, Role.MANAGER, username="mandy")


@pytest.fixture
def administrator(partnership):
    return member(partnership, Role.ADMINISTRATOR, username="ada")


@pytest.fixture
def outsider(db):
    return UserFactory(username="oscar")


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def nhs(partnership):
    """A partner organisation: the Clinical Commissioning Group."""
    return Organisation.objects.create(partnership=partnership, name="CCG", sector=Sector.NHS)


@pytest.fixture
def lead(partnership, nhs):
    """Nina Patel of the CCG, who leads actions (no account)."""
    person = Person.objects.create(
        partnership=partnership, name="Nina Patel", email="nina@example.org"
    )
    person.organisations.add(nhs)
    return person


@pytest.fixture
def areas(partnership):
    """England, a region, Thurrock (the partnership's area) and other authorities, with
    Thurrock's statistical neighbours (``indicators/tests/world.py``)."""
    areas = build_areas()
    partnership.area = areas["thurrock"]
    partnership.save()
    return areas


@pytest.fixture
def ks2(areas):
    """An indicator: key stage 2 reading, writing and maths, a percentage."""
    return make_indicator()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_collection_modifyitems(items):
    """Run each module's tests together, in the order the rules at the top need, and
    refuse a module that breaks them, or tests that share an id."""
    collected = {id(item): n for n, item in enumerate(items)}
    modules: dict[str, int] = {}
    for item in items:
        modules.setdefault(_module(item), len(modules))
    yield
    broken = []
    # pytest-xdist hands tests out by id: of tests that share one it would run the first.
    ids = Counter(item.nodeid for item in items)
    broken += [f"{nodeid} is the id of {n} tests" for nodeid, n in ids.items() if n > 1]
    worlds_of_module = defaultdict(set)
    for item in items:
        module = _module(item)
        worlds = _worlds(item)
        if worlds and not item.get_closest_marker("django_db"):
            # It reads the database through what its module built from a world (a report
            # rendered once): pytest-django must set the database up for it, run alone.
            item.add_marker(pytest.mark.django_db)
        if worlds and _commits(item):
            broken.append(f"{item.nodeid} commits for real inside {', '.join(sorted(worlds))}")
        worlds_of_module[module].add(worlds)
    for module, asked in worlds_of_module.items():
        chain = sorted(asked, key=len)
        if any(not smaller <= larger for smaller, larger in itertools.pairwise(chain)):
            told = " / ".join(", ".join(sorted(worlds)) for worlds in chain if worlds)
            broken.append(f"{module}: its tests ask for worlds that do not nest ({told})")
    if broken:
        raise pytest.UsageError(
            "Tests that would not run as written:\n  - " + "\n  - ".join(broken)
        )
    items.sort(
        key=lambda item: (
            modules[_module(item)],
            not _commits(item),
            len(_worlds(item)),
            collected[id(item)],
        )
    )


def _module(item) -> str:
    return item.nodeid.split("::")[0]


def _worlds(item) -> frozenset[str]:
    return frozenset(name for name in getattr(item, "fixturenames", ()) if name.endswith("_world"))


def _commits(item) -> bool:
    """Whether pytest-django lets the test commit for real (and flushes the database after
    it) rather than roll its transaction back."""
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    commits, reset_sequences, *_ = validate_django_db(marker) if marker else (False, False)
    return bool(commits or reset_sequences or "transactional_db" in names or "live_server" in names)


@pytest.fixture
def refusing(settings):
    """A mail server that refuses the addresses a test adds to the set this yields."""
    settings.EMAIL_BACKEND = "goldenthread.mail.tests.backends.RefusingBackend"
    mail_servers.REFUSED.clear()
    yield mail_servers.REFUSED
    mail_servers.REFUSED.clear()
