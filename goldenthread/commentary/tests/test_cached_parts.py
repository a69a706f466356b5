"""The commentary parts show a person their own invitation to write: the pages that hold
them are cached per person, never shared between two people of one role."""

from django.test import Client
from django.urls import reverse

from goldenthread.commentary.services import NOTHING_YET
from goldenthread.partnerships.models import Role
from goldenthread.partnerships.tests.factories import member

from .world import PARTNERS, STORY


def test_an_owners_invitation_to_write_is_never_shown_to_another_contributor(
    partnership, ks2, periods, owner
):
    page = reverse("indicators:indicator", args=[partnership.slug, ks2.code])
    write = reverse("commentary:write", args=[partnership.slug, ks2.code])
    olive, other = Client(), Client()
    olive.force_login(owner)
    other.force_login(member(partnership, Role.CONTRIBUTOR, username="colin"))
    for _ in range(2):
        assert write in olive.get(page).content.decode()
        assert write not in other.get(page).content.decode()


def test_commentary_written_shows_at_once_to_every_reader(partnership, ks2, periods, owner):
    page = reverse("indicators:indicator", args=[partnership.slug, ks2.code])
    anonymous, olive = Client(), Client()
    olive.force_login(owner)
    for reader in (anonymous, olive, anonymous):
        assert STORY not in reader.get(page).content.decode()
    olive.post(
        f"{reverse('commentary:write', args=[partnership.slug, ks2.code])}?period={periods[1].pk}",
        {"version": NOTHING_YET, "story": STORY, "partners": PARTNERS},
    )
    for reader in (anonymous, olive):
        assert STORY in reader.get(page).content.decode()
