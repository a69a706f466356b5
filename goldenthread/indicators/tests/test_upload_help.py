"""The upload page's help: the template and the codes to download, the nearest code for
a mistyped one, and which judgements a file would change, seen in its preview."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from goldenthread.areas.models import Area
from goldenthread.indicators.importers.values import COLUMNS_GIVEN
from goldenthread.indicators.importing import import_data_files
from goldenthread.indicators.models import DataPoint, Target
from goldenthread.indicators.uploads import preview_values

from .test_upload import a_csv, a_ward_of_thurrock, upload
from .world import row, write_values

UPLOAD = reverse("indicators:upload", args=["thurrock"])


@pytest.fixture(autouse=True)
def _media_of_its_own(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def signed_in(client, manager, ks2, areas):
    client.force_login(manager)
    return client


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(b"".join(response).decode())))


def test_the_page_links_the_template_and_the_codes_to_download(signed_in):
    html = signed_in.get(UPLOAD).content.decode()

    for link in (
        reverse("indicators:upload_template", args=["thurrock"]),
        reverse("indicators:upload_codes", args=["thurrock", "indicator"]),
        reverse("indicators:upload_codes", args=["thurrock", "area"]),
    ):
        assert f'href="{link}"' in html
    assert "Download the template (CSV)" in html


def test_the_template_downloaded_is_what_the_importer_reads(signed_in, tmp_path):
    rows = read_csv(signed_in.get(reverse("indicators:upload_template", args=["thurrock"])))

    assert rows == [COLUMNS_GIVEN]
    # Filled in and uploaded, it is accepted as it is.
    filled = dict.fromkeys(COLUMNS_GIVEN, "") | row(value="77")
    html = upload(signed_in, a_csv(tmp_path, "filled.csv", [filled])).content.decode()
    assert "Check before importing" in html


def test_the_codes_downloaded_are_the_indicators_and_the_partnerships_areas(signed_in, ks2, areas):
    ward = a_ward_of_thurrock(areas)

    indicators = read_csv(
        signed_in.get(reverse("indicators:upload_codes", args=["thurrock", "indicator"]))
    )
    area_codes = read_csv(
        signed_in.get(reverse("indicators:upload_codes", args=["thurrock", "area"]))
    )

    assert indicators[0] == ["indicator", "title", "unit", "period type"]
    assert [r[0] for r in indicators[1:]] == [ks2.code]
    assert indicators[1][1] == ks2.title and indicators[1][3] == ks2.get_period_type_display()
    # Thurrock first, then the areas within it; not England nor another authority.
    assert [r[:2] for r in area_codes[1:]] == [["E06000034", "Thurrock"], [ward.code, ward.name]]


def test_the_codes_are_for_managers_only(client, contributor, areas):
    client.force_login(contributor)
    url = reverse("indicators:upload_codes", args=["thurrock", "area"])
    assert client.get(url).status_code == 403


def test_a_mistyped_code_is_shown_with_the_nearest_by_file_row_and_column(signed_in, tmp_path):
    file = a_csv(tmp_path, "typo.csv", [row(value="77"), row(indicator="ks2-rmw")])

    html = upload(signed_in, file).content.decode()

    assert "typo.csv has 1 problem: nothing was imported." in html
    assert '<td class="govuk-table__cell">typo.csv</td>' in html
    assert '<td class="govuk-table__cell">3</td>' in html
    assert '<td class="govuk-table__cell">indicator</td>' in html
    assert (
        "no indicator has the code &#x27;ks2-rmw&#x27;: did you mean &#x27;ks2-rwm&#x27;? "
        "If not, import its definition first"
    ) in html
    assert not DataPoint.objects.exists()


def test_a_mistyped_area_code_suggests_the_nearest_area(signed_in, tmp_path):
    # A zero too many: nearer Thurrock's code than any other area's, however many areas
    # the factories have made (E06000093 is as near E06000043 as Thurrock's is).
    file = a_csv(tmp_path, "typo.csv", [row(area="E060000034")])

    html = upload(signed_in, file).content.decode()

    assert "did you mean &#x27;E06000034&#x27;?" in html


@pytest.fixture
def judged(partnership, ks2, areas, tmp_path):
    """Thurrock worse than England and well short of its 75% target for 2013/14."""
    import_data_files(
        [
            write_values(
                tmp_path / "now.csv",
                [
                    row(value="65", lower="64", upper="66"),
                    row(area="E92000001", value="70", lower="69.9", upper="70.1"),
                ],
            )
        ]
    )
    Target.objects.create(
        partnership=partnership,
        indicator=ks2,
        value=75,
        due=dt.date(2014, 8, 31),
        due_label="2013/14",
        text="75% by 2013/14",
    )


def test_the_preview_lists_the_judgements_the_file_would_change(signed_in, judged, tmp_path):
    file = a_csv(tmp_path, "new.csv", [row(value="77", lower="69", upper="85")])

    html = upload(signed_in, file).content.decode()

    assert "Judgements that would change" in html
    table = html[html.index('id="judgement-changes"') : html.index("</table>")]
    assert "Pupils at level 4 or above in reading, writing and maths" in table
    assert "65% (2013/14)" in table and "<strong>77% (2013/14)</strong>" in table
    assert "Worse than England" in table and "<strong>Similar to England</strong>" in table
    assert "Red: not met" in table and "<strong>Green: met</strong>" in table
    # A preview: the value, its standing and the audit trail are as they were.
    assert DataPoint.objects.get(area__code="E06000034").value == 65
    assert Area.objects.get(code="E06000034").standings.get().value == 65


def test_a_file_that_changes_no_judgement_says_so(signed_in, judged, areas, tmp_path):
    ward = a_ward_of_thurrock(areas)
    file = a_csv(tmp_path, "ward.csv", [row(area=ward.code, value="71")])

    html = upload(signed_in, file).content.decode()

    assert "Judgements that would change" not in html
    assert "No judgement on Thurrock's scorecard would change." in html


def test_the_preview_reads_the_scorecard_in_a_bounded_number_of_queries(
    judged, partnership, manager, tmp_path, django_assert_max_num_queries
):
    from goldenthread.indicators.uploads import PendingUpload

    path = write_values(tmp_path / "new.csv", [row(value="77", lower="69", upper="85")])
    pending = PendingUpload(partnership.slug, "x" * 24, path.name)
    pending.store(ContentFile(path.read_bytes()))

    with django_assert_max_num_queries(60):
        preview = preview_values(pending, manager, partnership)

    assert [c.indicator.code for c in preview.changes] == ["ks2-rwm"]
    assert preview.result.dry_run and preview.result.revised == 1
