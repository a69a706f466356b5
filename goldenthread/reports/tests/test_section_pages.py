"""A manager writes, previews, orders and deletes the annual report's own sections and
uploads their images; nobody else may."""

from __future__ import annotations

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from goldenthread.audit.models import AuditEntry
from goldenthread.plans.models import DeliveryPlan
from goldenthread.plans.tests.factories import ActionFactory, AimFactory, ObjectiveFactory
from goldenthread.reports.models import Place, ReportSection, SectionImage
from goldenthread.reports.sections import add_section, outline, report_aims

from .test_sections import png


@pytest.fixture
def delivery_plan(plan) -> DeliveryPlan:
    """Two aims with an action each in 2014/15."""
    for number in (1, 2):
        objective = ObjectiveFactory(
            aim=AimFactory(plan=plan, number=number, title=f"Aim {number}")
        )
        ActionFactory(objective=objective, code=f"{number}.1")
    return DeliveryPlan.objects.get(plan=plan, year_start=2014)


def sections_url(delivery_plan) -> str:
    return reverse("reports:sections", args=[delivery_plan.plan.partnership.slug, "2014-15"])


def write(delivery_plan, title, place=Place.START, aim=None, body="Words.") -> ReportSection:
    return add_section(delivery_plan, title=title, body=body, place=place, aim=aim, by=None)


def test_a_manager_writes_a_section_and_it_is_in_the_report_and_the_trail(
    client, manager, delivery_plan
):
    client.force_login(manager)
    aim = report_aims(delivery_plan)[1]
    response = client.post(
        reverse("reports:add_section", args=["thurrock", "2014-15"]),
        {"title": "Case study", "where": f"aim:{aim.pk}", "body": "A **family's** story."},
    )
    section = ReportSection.objects.get()
    assert response.url == reverse("reports:edit_section", args=["thurrock", section.pk])
    assert (section.place, section.aim, section.written_by) == (Place.AIM, aim, manager)

    page = client.get(reverse("reports:report", args=["thurrock", "2014-15", "annual"]))
    html = page.content.decode()
    assert "<strong>family&#x27;s</strong>" in html or "<strong>family's</strong>" in html
    # (The first "Case study" is the message that it was added.)
    assert html.index("Strategic aim 2") < html.rindex("Case study")
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(ReportSection), object_pk=str(section.pk)
    )
    assert entry.actor == manager and entry.partnership_id == delivery_plan.plan.partnership_id


def test_preview_shows_the_section_sanitised_and_saves_nothing(client, manager, delivery_plan):
    client.force_login(manager)
    response = client.post(
        reverse("reports:add_section", args=["thurrock", "2014-15"]),
        {
            "title": "Foreword",
            "where": "start",
            "body": "# Hello\n\n<script>alert(1)</script> [x](javascript:alert(1))",
            "preview": "1",
        },
    )
    html = response.content.decode()
    assert "Preview, not saved" in html
    assert '<h3 class="govuk-heading-m">Hello</h3>' in html
    assert "<script>alert" not in html and 'href="javascript' not in html
    assert not ReportSection.objects.exists()


def test_the_words_of_the_form_are_checked(client, manager, delivery_plan):
    client.force_login(manager)
    response = client.post(
        reverse("reports:add_section", args=["thurrock", "2014-15"]),
        {"title": "", "where": "start", "body": "![A photo](photo.png)"},
    )
    html = response.content.decode()
    assert "Enter the section&#x27;s title" in html
    assert "The words show photo.png: save the section first" in html
    assert not ReportSection.objects.exists()


def test_two_managers_changing_one_section_the_second_is_told_and_nothing_is_lost(
    client, manager, delivery_plan
):
    section = write(delivery_plan, "Foreword")
    client.force_login(manager)
    url = reverse("reports:edit_section", args=["thurrock", section.pk])
    first = {"title": "Foreword", "where": "start", "body": "First.", "version": 1}
    assert client.post(url, first).status_code == 302
    response = client.post(url, {**first, "body": "Second.", "version": 1})
    assert "changed by someone else after you read it" in response.content.decode()
    assert ReportSection.objects.get().body == "First."


def upload(client, section, content: bytes, name="photo.png", alt="A photo"):
    return client.post(
        reverse("reports:upload_section_image", args=["thurrock", section.pk]),
        {"image": SimpleUploadedFile(name, content), "alt_text": alt},
    )


def test_an_image_is_uploaded_with_its_alt_text_and_shown_where_the_words_name_it(
    client, manager, delivery_plan
):
    section = write(delivery_plan, "Foreword")
    client.force_login(manager)
    assert upload(client, section, png(), "Youth Forum.PNG").status_code == 302
    image = SectionImage.objects.get()
    assert (image.name, image.alt_text, image.width, image.height) == (
        "youth-forum.png",
        "A photo",
        64,
        48,
    )
    url = reverse("reports:edit_section", args=["thurrock", section.pk])
    client.post(
        url, {"title": "Foreword", "where": "start", "body": "![](youth-forum.png)", "version": 1}
    )
    page = client.get(reverse("reports:report", args=["thurrock", "2014-15", "annual"]))
    assert 'alt="A photo"' in page.content.decode()


@pytest.mark.parametrize(
    ("content", "name", "alt", "error"),
    [
        (b"<svg onload='alert(1)'></svg>", "logo.svg", "A logo", "logo.svg is not a PNG or JPEG"),
        (b"GIF89a" + b"\0" * 20, "photo.png", "A photo", "photo.png is not a PNG or JPEG"),
        (png(8, 8), "tiny.png", "A dot", "tiny.png is 8×8 pixels"),
        (b"\0" * (2 * 1024 * 1024 + 1), "huge.png", "A photo", "huge.png is 2048 KB"),
        (png(), "photo.png", "", "Say what the image shows"),
    ],
    ids=["svg", "gif-named-png", "too-small", "too-large", "no-alt-text"],
)
def test_an_image_that_is_not_a_sensible_png_or_jpeg_is_refused_by_name(
    client, manager, delivery_plan, content, name, alt, error
):
    section = write(delivery_plan, "Foreword")
    client.force_login(manager)
    response = upload(client, section, content, name, alt)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not SectionImage.objects.exists()


def test_a_gif_is_refused_as_a_gif(client, manager, delivery_plan):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40)).save(buffer, "GIF")
    section = write(delivery_plan, "Foreword")
    client.force_login(manager)
    response = upload(client, section, buffer.getvalue(), "moving.gif")
    assert "moving.gif is a GIF image: upload it as PNG or JPEG" in response.content.decode()


def test_an_image_the_words_name_must_be_uploaded(client, manager, delivery_plan):
    section = write(delivery_plan, "Foreword")
    client.force_login(manager)
    response = client.post(
        reverse("reports:edit_section", args=["thurrock", section.pk]),
        {"title": "Foreword", "where": "start", "body": "![](gone.png)", "version": 1},
    )
    assert "The words show gone.png, which is not uploaded" in response.content.decode()


def titles(delivery_plan) -> list[str]:
    return [entry.title for entry in outline(delivery_plan, report_aims(delivery_plan))]


def test_sections_move_among_the_generated_ones_a_step_at_a_time(client, manager, delivery_plan):
    foreword = write(delivery_plan, "Foreword")
    write(delivery_plan, "Themes", Place.INTRODUCTION)
    assert titles(delivery_plan) == [
        "Foreword",
        "Introduction: the year's figures",
        "Themes",
        "Actions unfinished at the end of 2014/15, once it has ended",
        "Strategic aim 1: Aim 1",
        "Strategic aim 2: Aim 2",
        "Progress and what has been achieved: each indicator's findings and chart",
    ]
    client.force_login(manager)
    move = reverse("reports:move_section", args=["thurrock", foreword.pk])
    client.post(move, {"direction": "down"})  # past the introduction: before Themes
    assert titles(delivery_plan)[:3] == ["Introduction: the year's figures", "Foreword", "Themes"]
    client.post(move, {"direction": "down"})  # past Themes
    assert titles(delivery_plan)[:3] == ["Introduction: the year's figures", "Themes", "Foreword"]
    for _ in range(3):  # after the unfinished actions and aim 1's table, then after aim 2's
        client.post(move, {"direction": "down"})
    assert titles(delivery_plan)[-2:] == [
        "Progress and what has been achieved: each indicator's findings and chart",
        "Foreword",
    ]
    client.post(move, {"direction": "down"})  # last of all: stays
    assert titles(delivery_plan)[-1] == "Foreword"
    client.post(move, {"direction": "up"})
    assert titles(delivery_plan)[-3:-1] == ["Strategic aim 2: Aim 2", "Foreword"]


def test_the_outline_lists_every_section_in_a_few_queries(
    client, manager, delivery_plan, django_assert_max_num_queries
):
    for n in range(6):
        write(delivery_plan, f"Section {n}", Place.END)
    client.force_login(manager)
    with django_assert_max_num_queries(14):
        response = client.get(sections_url(delivery_plan))
    assert response.content.decode().count("Move up") == 6


def test_deleting_a_section_takes_its_images(client, manager, delivery_plan):
    section = write(delivery_plan, "Foreword")
    client.force_login(manager)
    upload(client, section, png())
    response = client.post(reverse("reports:delete_section", args=["thurrock", section.pk]))
    assert response.url == sections_url(delivery_plan)
    assert not ReportSection.objects.exists() and not SectionImage.objects.exists()


@pytest.mark.parametrize("who", ["viewer", "contributor", "outsider"])
def test_only_managers_may_change_sections(client, delivery_plan, request, who):
    section = write(delivery_plan, "Foreword")
    client.force_login(request.getfixturevalue(who))
    for url in (
        sections_url(delivery_plan),
        reverse("reports:edit_section", args=["thurrock", section.pk]),
        reverse("reports:delete_section", args=["thurrock", section.pk]),
    ):
        assert client.post(url, {"title": "Mine", "where": "start", "body": "x"}).status_code == 403
    assert ReportSection.objects.get().title == "Foreword"


def test_a_section_of_another_partnership_is_not_found(
    client, manager, delivery_plan, private_partnership
):
    from goldenthread.plans.tests.factories import PlanFactory

    theirs = ActionFactory(objective__aim__plan=PlanFactory(partnership=private_partnership))
    section = write(theirs.delivery_plan, "Their foreword")
    client.force_login(manager)
    url = reverse("reports:edit_section", args=["thurrock", section.pk])
    assert client.get(url).status_code == 404


def test_sections_written_at_one_position_still_move(client, manager, delivery_plan):
    first, second = write(delivery_plan, "First"), write(delivery_plan, "Second")
    ReportSection.objects.update(position=0)  # as a command might have left them
    client.force_login(manager)
    client.post(reverse("reports:move_section", args=["thurrock", second.pk]), {"direction": "up"})
    assert titles(delivery_plan)[:2] == ["Second", "First"]
    client.post(reverse("reports:move_section", args=["thurrock", first.pk]), {"direction": "up"})
    assert titles(delivery_plan)[:2] == ["First", "Second"]
