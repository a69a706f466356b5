"""Who may write indicator values, for which areas: one rule for the web upload, the API
and the command line. A partnership's managers write their own place's values (the
partnership's local area and the areas within it that are not another partnership's);
England's, the regions' and other authorities' come from national files, through the
command line or a site administrator. The same cases are tried through the web upload
and through the API, and must come out the same."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from goldenthread.api.models import ApiToken
from goldenthread.areas.models import Area
from goldenthread.indicators.models import DataPoint
from goldenthread.indicators.permissions import areas_writable_by
from goldenthread.indicators.tests.world import row, write_values
from goldenthread.partnerships.models import Role, Visibility
from goldenthread.partnerships.tests.factories import PartnershipFactory, member

UPLOAD = reverse("indicators:upload", args=["thurrock"])
NOT_YOURS = (
    "you may add values only for Thurrock and the areas within it; {}&#x27;s values come "
    "from national files, which a site administrator imports"
)


@pytest.fixture
def ward(areas) -> Area:
    return Area.objects.create(
        code="E05002227", name="Tilbury Riverside", kind="ward", parent=areas["thurrock"]
    )


@pytest.fixture
def elsewhere(areas):
    """Another partnership, of another authority in the same region."""
    return PartnershipFactory(name="Elsewhere", slug="elsewhere", area=areas["E08000001"])


@pytest.fixture(autouse=True)
def _media_of_its_own(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_managers_write_their_partnerships_area_and_the_areas_within_it(
    manager, areas, ward, elsewhere
):
    writable = areas_writable_by(manager)

    assert writable.allows(areas["thurrock"].pk) and writable.allows(ward.pk)
    for other in ("england", "region", "E08000001", "neighbours"):
        assert not writable.allows(areas[other].pk), other


def test_a_site_administrator_and_the_command_line_write_every_area(superuser, areas):
    assert areas_writable_by(superuser).every_area
    assert areas_writable_by(None).every_area


def test_people_who_manage_nothing_write_nothing(viewer, outsider, areas):
    for nobody in (viewer, outsider, AnonymousUser()):
        writable = areas_writable_by(nobody)
        assert not writable.every_area and not writable.allows(areas["thurrock"].pk)


def a_file(tmp_path, rows) -> SimpleUploadedFile:
    path = write_values(tmp_path / "ks2.csv", rows)
    return SimpleUploadedFile("ks2.csv", path.read_bytes(), content_type="text/csv")


def test_a_managers_upload_for_england_or_another_partnerships_area_is_refused_with_why(
    client, manager, ks2, areas, elsewhere, ward, tmp_path
):
    client.force_login(manager)
    rows = [row(), row(area=ward.code), row(area="E92000001"), row(area="E08000001")]

    html = client.post(UPLOAD, {"file": a_file(tmp_path, rows)}).content.decode()

    assert "ks2.csv has 2 problems: nothing was imported." in html
    assert problem_row(4, "area", f"England is a country, whose {NATIONAL}") in html
    assert problem_row(5, "area", NOT_YOURS.format("Borough 1")) in html
    assert "Import these values" not in html
    assert client.post(UPLOAD, {"step": "import"}).status_code == 302  # nothing waits
    assert not DataPoint.objects.exists()


def test_a_managers_upload_of_their_own_areas_is_imported(client, manager, ks2, ward, tmp_path):
    client.force_login(manager)

    client.post(UPLOAD, {"file": a_file(tmp_path, [row(), row(area=ward.code)])})
    client.post(UPLOAD, {"step": "import"})

    assert set(DataPoint.objects.values_list("area__code", flat=True)) == {"E06000034", ward.code}


def test_a_site_administrator_uploads_englands_values(client, superuser, ks2, areas, tmp_path):
    client.force_login(superuser)

    client.post(UPLOAD, {"file": a_file(tmp_path, [row(area="E92000001"), row("ks2-rwm")])})
    client.post(UPLOAD, {"step": "import"})

    assert DataPoint.objects.filter(area__code="E92000001").count() == 1


def test_the_command_line_imports_national_files(ks2, areas, tmp_path, capsys):
    rows = [row(area="E92000001"), row(area="E12000006"), row(area="E08000001")]
    call_command("import_data", str(write_values(tmp_path / "national.csv", rows)))

    assert "added 3 values" in capsys.readouterr().out
    assert DataPoint.objects.count() == 3


def problem_row(number: int, column: str, message: str) -> str:
    """A row of the upload page's table of problems, as it shows it."""
    cells = ["ks2.csv", str(number), column, message]
    return "\n".join(f'      <td class="govuk-table__cell">{cell}</td>' for cell in cells)


def api_as(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user, 'tests')[1]}")
    return api


def value_for(area: str) -> dict:
    return {"indicator": "ks2-rwm", "area": area, "period": "2014/15", "value": 77}


def test_a_managers_value_for_england_or_another_partnerships_area_is_refused_by_the_api(
    manager, ks2, areas, elsewhere
):
    api = api_as(manager)

    for area, why in [
        ("E92000001", f"England is a country, whose {NATIONAL}"),
        ("E08000001", NOT_YOURS.format("Borough 1").replace("&#x27;", "'")),
    ]:
        refused = api.post("/api/v1/data-points/", value_for(area), format="json")

        assert refused.status_code == 403
        assert refused.json()["detail"] == f"{why[0].upper()}{why[1:]}."
    assert not DataPoint.objects.exists()


def test_the_api_takes_a_managers_own_areas_and_a_site_administrators_any(
    manager, superuser, ks2, areas, ward
):
    theirs = api_as(manager).post("/api/v1/data-points/", value_for(ward.code), format="json")
    england = api_as(superuser).post("/api/v1/data-points/", value_for("E92000001"), format="json")

    assert theirs.status_code == 201 and theirs.json()["area"] == ward.code

    assert england.status_code == 201 and england.json()["area"] == "E92000001"
    assert DataPoint.objects.count() == 2


# Who, writing which area's value, is refused why ("" where they may write it). The
# partnerships beside Thurrock's are private, as an attacker's own would be.
NATIONAL = "values are national: they come from national files, which a site administrator imports"
THEIRS = "is another partnership's area, or lies within one: its values are that partnership's"
NOT_THEIRS = "you may add values only for {} and the areas within it; {}'s values come from"
ONLY_LOCAL = "only a partnership's managers may add values, for its own local area (an authority"
CASES = [
    ("thurrock", "E06000034", ""),
    ("thurrock", "E05002228", ""),  # a ward of Thurrock that is nobody else's
    ("thurrock", "E05002227", THEIRS),  # a ward with a partnership of its own
    ("thurrock", "E92000001", f"England is a country, whose {NATIONAL}"),
    ("thurrock", "E12000006", f"East of England is a region, whose {NATIONAL}"),
    ("thurrock", "SN-E06000034", f"statistical neighbours is a comparator group, whose {NATIONAL}"),
    ("thurrock", "E08000001", NOT_THEIRS.format("Thurrock", "Borough 1")),
    ("elsewhere", "E08000001", ""),
    ("elsewhere", "E06000034", NOT_THEIRS.format("Borough 1", "Thurrock")),
    ("elsewhere", "E92000001", f"England is a country, whose {NATIONAL}"),
    ("tilbury", "E05002227", ""),
    ("tilbury", "E06000034", NOT_THEIRS.format("Tilbury Riverside", "Thurrock")),
    ("national", "E92000001", f"England is a country, whose {NATIONAL}"),
    ("national", "E06000034", ONLY_LOCAL),
    ("national", "E08000002", ONLY_LOCAL),
    ("regional", "E12000006", f"East of England is a region, whose {NATIONAL}"),
    ("regional", "E06000034", ONLY_LOCAL),
    ("root", "E92000001", ""),
    ("root", "E06000034", ""),
]


@pytest.fixture
def writers(manager, superuser, areas, ks2) -> dict:
    """Thurrock's manager, a site administrator, and the managers of private partnerships
    of another authority, of a ward of Thurrock, of England and of the region."""
    ward = Area.objects.create
    tilbury = ward(
        code="E05002227", name="Tilbury Riverside", kind="ward", parent=areas["thurrock"]
    )
    ward(code="E05002228", name="Grays Riverside", kind="ward", parent=areas["thurrock"])
    people = {"thurrock": manager, "root": superuser}
    for slug, area in [
        ("elsewhere", areas["E08000001"]),
        ("tilbury", tilbury),
        ("national", areas["england"]),
        ("regional", areas["region"]),
    ]:
        partnership = PartnershipFactory(slug=slug, area=area, visibility=Visibility.PRIVATE)
        people[slug] = member(partnership, Role.MANAGER, username=f"{slug}-manager")
    return people


def through_the_upload(client, user, slug: str, area: str, tmp_path) -> str:
    """Write one value through the web upload, as the given partnership's manager: what
    the page refuses, or ""."""
    client.force_login(user)
    url = reverse("indicators:upload", args=[slug if slug != "root" else "thurrock"])
    page = client.post(url, {"file": a_file(tmp_path, [row(area=area)])}).content.decode()
    if "Import these values" not in page:
        return html.unescape(page)
    client.post(url, {"step": "import"})
    return ""


def through_the_api(client, user, slug: str, area: str, tmp_path) -> str:
    answer = api_as(user).post("/api/v1/data-points/", value_for(area), format="json")
    if answer.status_code == 201:
        return ""
    assert answer.status_code == 403
    return answer.json()["detail"]


@pytest.mark.parametrize("write", [through_the_upload, through_the_api], ids=["web", "api"])
@pytest.mark.parametrize(("who", "area", "why"), CASES, ids=[f"{w}-{a}" for w, a, _ in CASES])
def test_the_web_upload_and_the_api_let_the_same_people_write_the_same_areas(
    client, writers, tmp_path, write, who, area, why
):
    refused = write(client, writers[who], who, area, tmp_path)

    if why:
        assert why.lower() in refused.lower()
        assert not DataPoint.objects.exists()
    else:
        assert refused == ""
        assert list(DataPoint.objects.values_list("area__code", flat=True)) == [area]


def test_the_area_codes_offered_for_download_are_those_the_rule_allows(client, writers):
    client.force_login(writers["thurrock"])

    listed = client.get(reverse("indicators:upload_codes", args=["thurrock", "area"]))

    codes = [line.split(",")[0] for line in listed.content.decode().splitlines()[1:]]
    assert codes == ["E06000034", "E05002228"]  # not the ward that has its own partnership
