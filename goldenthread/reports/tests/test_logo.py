"""The partnership's logo: checked on upload, and heading every report."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from PIL import Image
from pypdf import PdfReader

from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.logo import MAX_BYTES
from goldenthread.plans.models import DeliveryPlan
from goldenthread.reports.render import KINDS, render


def image_file(fmt="PNG", size=(120, 40), name="logo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (29, 112, 184)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, manager, file):
    client.force_login(manager)
    return client.post(reverse("reports:logo", args=["thurrock"]), {"logo": file})


@pytest.mark.slow
def test_a_manager_uploads_a_logo_that_heads_every_report(client, thurrock, manager):
    response = upload(client, manager, image_file())
    assert response.status_code == 302
    thurrock.refresh_from_db()
    assert thurrock.logo

    delivery_plan = DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014))
    for kind in KINDS:
        report = KINDS[kind].build(delivery_plan)
        word = Document(io.BytesIO(render(report, "docx").content))
        assert word.inline_shapes[0]._inline.docPr.get("descr") == f"{thurrock.name} logo", kind
        pdf = PdfReader(io.BytesIO(render(report, "pdf").content))
        assert pdf.pages[0].images, kind
        assert 'alt="Thurrock' in render(report, "html").content.decode(), kind
    page = client.get(reverse("reports:logo_image", args=["thurrock"]))
    assert page["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("logo.png", b"<svg onload='alert(1)'></svg>"), "not a PNG or JPEG"),
        (image_file("GIF", name="logo.gif"), "upload the logo as PNG or JPEG"),
        (SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * MAX_BYTES), "at most 512 KB"),
    ],
)
def test_a_bad_logo_is_refused_with_the_reason_and_the_old_one_kept(
    client, thurrock, manager, file, message
):
    upload(client, manager, image_file())
    thurrock.refresh_from_db()
    kept = thurrock.logo.name

    response = upload(client, manager, file)
    assert response.status_code == 200
    assert message in response.content.decode()
    thurrock.refresh_from_db()
    assert thurrock.logo.name == kept


def test_only_managers_change_the_logo(client, thurrock, viewer):
    client.force_login(viewer)
    assert client.get(reverse("reports:logo", args=["thurrock"])).status_code == 403
