"""Who may write indicator values, for which areas: one rule for the web upload, the API
and the command line. A partnership's managers write their own areas' values (the
partnership's area and the areas within it); England's, the regions' and other
authorities' come from national files, through the command line or a site administrator."""

from __future__ import annotations

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
from goldenthread.partnerships.tests.factories import PartnershipFactory

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
    assert problem_row(4, "area", NOT_YOURS.format("England")) in html
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

    for area, name in [("E92000001", "England"), ("E08000001", "Borough 1")]:
        refused = api.post("/api/v1/data-points/", value_for(area), format="json")

        assert refused.status_code == 403
        assert refused.json()["detail"] == (
            f"You may add values only for Thurrock and the areas within it; {name}'s values "
            "come from national files, which a site administrator imports."
        )
    assert not DataPoint.objects.exists()


def test_the_api_takes_a_managers_own_areas_and_a_site_administrators_any(
    manager, superuser, ks2, areas, ward
):
    theirs = api_as(manager).post("/api/v1/data-points/", value_for(ward.code), format="json")
    england = api_as(superuser).post("/api/v1/data-points/", value_for("E92000001"), format="json")

    assert theirs.status_code == 201 and theirs.json()["area"] == ward.code

    assert england.status_code == 201 and england.json()["area"] == "E92000001"
    assert DataPoint.objects.count() == 2
