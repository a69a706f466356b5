"""Each published report keeps its own visibility."""

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.partnerships.models import Visibility
from goldenthread.plans.tests.factories import DeliveryPlanFactory
from goldenthread.reports.models import PublishedReport


@pytest.fixture
def year(plan):
    return DeliveryPlanFactory(plan=plan, year_start=2014)


def test_each_published_report_has_its_own_visibility(client, partnership, year, viewer):
    def report(visibility, version):
        return PublishedReport.objects.create(
            partnership=partnership,
            delivery_plan=year,
            kind="annual",
            version=version,
            title=f"Annual report v{version}",
            context={},
            published_at=timezone.now(),
            visibility=visibility,
        )

    public, partners, private = (
        report(Visibility.PUBLIC, 1),
        report(Visibility.PARTNERS, 2),
        report(Visibility.PRIVATE, 3),
    )
    archive = reverse("reports:archive", args=["thurrock"])
    page = client.get(archive).content.decode()
    # Named in full: a bare "v3" can turn up inside the page's random CSRF token.
    assert "Annual report v1" in page
    assert "Annual report v2" not in page and "Annual report v3" not in page
    assert client.get(partners.get_absolute_url()).status_code == 404
    client.force_login(viewer)
    page = client.get(archive).content.decode()
    assert "Annual report v2" in page and "Annual report v3" not in page
    assert client.get(private.get_absolute_url()).status_code == 404
    assert client.get(public.get_absolute_url()).status_code == 200
