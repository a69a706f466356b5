"""The annual report's authored sections: where each stands among the generated ones,
what the report holds of them, and the changes a manager makes to them.

A section's place is a gap between the generated sections, which a report manager
knows by name: before the introduction, after it, after a strategic aim's table of
actions, or at the end. Within a place, sections stand in the order they were put
there (``position``); moving one up past the first of its place takes it into the
place before, so a manager orders them among the generated sections one step at a
time. A section whose aim is not in the year's report (deleted, or with no actions
that year) stands at the end rather than disappearing.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from goldenthread.audit.versions import save_as_read
from goldenthread.plans.models import Aim, DeliveryPlan

from . import markdown
from .models import Place, ReportSection, SectionImage

START, INTRODUCTION, END = Place.START.value, Place.INTRODUCTION.value, Place.END.value


@dataclass(frozen=True)
class SectionPicture:
    """An image of a section as the report holds it: its bytes travel with the report."""

    name: str
    alt_text: str
    content: bytes = field(repr=False)
    width: int
    height: int
    file: str  # its name among the report's images: the section's number and its own

    @property
    def data_uri(self) -> str:
        kind = "png" if self.content.startswith(b"\x89PNG") else "jpeg"
        return f"data:image/{kind};base64,{base64.b64encode(self.content).decode()}"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class AuthoredSection:
    number: int  # in the report's order, from 1
    title: str
    place: str  # ``place_key``: start, introduction, aim:N or end
    markdown: str
    pictures: tuple[SectionPicture, ...] = ()

    def html(self, *, embedded: bool = True) -> str:
        """Sanitised HTML: with its images inside it for a page or document, or naming
        them by their file among the report's images (the JSON's)."""
        return markdown.to_html(
            self.markdown,
            {p.name: (p.data_uri if embedded else p.file, p.alt_text) for p in self.pictures},
        )

    def parts(self) -> list[markdown.Part]:
        return markdown.parts(self.markdown)

    def picture(self, name: str) -> SectionPicture | None:
        return next((p for p in self.pictures if p.name == name), None)

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "place": self.place,
            "markdown": self.markdown,
            "html": self.html(embedded=False),
            "images": [
                {
                    "file": p.file,
                    "name": p.name,
                    "alt_text": p.alt_text,
                    "width": p.width,
                    "height": p.height,
                    "sha256": p.sha256,
                }
                for p in self.pictures
            ],
        }


def place_key(section: ReportSection) -> str:
    if section.place == Place.AIM:
        return f"aim:{section.aim.number}" if section.aim else END
    return section.place


def places_of(aim_numbers: list[int]) -> list[str]:
    """The gaps between a report's generated sections, in order."""
    return [START, INTRODUCTION, *(f"aim:{n}" for n in aim_numbers), END]


def report_aims(delivery_plan: DeliveryPlan) -> list[Aim]:
    """The aims the year's report has a table for: those with actions that year."""
    return list(Aim.objects.filter(objectives__actions__delivery_plan=delivery_plan).distinct())


def in_report_order(sections: list[ReportSection], aim_numbers: list[int]) -> list[ReportSection]:
    """The sections as the report reads them: by place, then by position in it."""
    order = {key: i for i, key in enumerate(places_of(aim_numbers))}
    return sorted(sections, key=lambda s: (order.get(place_key(s), order[END]), s.position, s.pk))


def sections_at(sections: list[AuthoredSection], place: str, shown: list[str]) -> list:
    """The sections at one gap of the report; those of a place the report does not
    show stand at the end."""
    if place == END:
        return [s for s in sections if s.place == END or s.place not in shown]
    return [s for s in sections if s.place == place]


def authored_sections(delivery_plan: DeliveryPlan, aim_numbers: list[int]) -> list:
    """What the year's report holds of its sections, in its order, images read."""
    shown = places_of(aim_numbers)
    ordered = in_report_order(list(ReportSection.objects.of_report(delivery_plan)), aim_numbers)
    built = []
    for number, section in enumerate(ordered, start=1):
        key = place_key(section)
        built.append(
            AuthoredSection(
                number=number,
                title=section.title,
                place=key if key in shown else END,
                markdown=section.body,
                pictures=tuple(
                    picture
                    for image in section.images.all()
                    if (picture := picture_of(image, number)) is not None
                ),
            )
        )
    return built


def picture_of(image: SectionImage, number: int = 0) -> SectionPicture | None:
    """The image as the report holds it; None if its file has gone from storage (the
    report then shows the section without it rather than failing)."""
    try:
        with image.image.open("rb") as file:
            content = file.read()
    except (FileNotFoundError, ValueError):
        return None
    return SectionPicture(
        image.name, image.alt_text, content, image.width, image.height, f"{number}-{image.name}"
    )


# --- Changes ---------------------------------------------------------------------------


def add_section(
    delivery_plan: DeliveryPlan, *, title: str, body: str, place: str, aim: Aim | None, by
) -> ReportSection:
    """A new section, last in its place."""
    with transaction.atomic():
        section = ReportSection(
            delivery_plan=delivery_plan,
            title=title,
            body=body,
            place=place,
            aim=aim if place == Place.AIM else None,
            written_by=by,
            written_at=timezone.now(),
        )
        section.position = _last_position(delivery_plan) + 1
        section.full_clean()
        section.save()
        return section


def change_section(section: ReportSection, *, fields: dict, expected_version: int, by):
    """Save the section's new words and place if nobody changed it since its editor read
    it (else ``EditConflict``, nothing saved). A section moved to another place goes
    last in it."""
    with transaction.atomic():
        if fields.get("place") != Place.AIM:
            fields = {**fields, "aim": None}
        moved = (fields.get("place"), fields.get("aim")) != (section.place, section.aim)
        if moved:
            fields["position"] = _last_position(section.delivery_plan) + 1
        return save_as_read(
            section,
            {**fields, "written_by": by, "written_at": timezone.now()},
            expected_version,
            "section",
        )


def _last_position(delivery_plan: DeliveryPlan) -> int:
    found = ReportSection.objects.filter(delivery_plan=delivery_plan).aggregate(
        last=Max("position")
    )
    return found["last"] or 0


def move(section: ReportSection, direction: int) -> None:
    """One step up (-1) or down (+1) in the report's order: past its neighbour in the
    same place, or, first or last in its place, into the place before or after."""
    delivery_plan = section.delivery_plan
    aims = report_aims(delivery_plan)
    numbers = [a.number for a in aims]
    with transaction.atomic():
        ordered = in_report_order(
            list(ReportSection.objects.select_for_update(of=("self",)).of_report(delivery_plan)),
            numbers,
        )
        # Positions one apart in the report's order, whatever they were (sections made
        # by a command may share one), so that a swap always moves.
        for number, each in enumerate(ordered, start=1):
            if each.position != number:
                each.position = number
                each.save(update_fields=["position"])
        index = next(i for i, s in enumerate(ordered) if s.pk == section.pk)
        moving = ordered[index]
        key = place_key(moving)
        neighbour = index + direction
        if 0 <= neighbour < len(ordered) and place_key(ordered[neighbour]) == key:
            other = ordered[neighbour]
            moving.position, other.position = other.position, moving.position
            other.save(update_fields=["position"])
            moving.save(update_fields=["position"])
            return
        places = places_of(numbers)
        step = places.index(key) + direction if key in places else len(places) - 1
        if not 0 <= step < len(places):
            return  # first or last of all already
        _put(moving, places[step], aims, first=direction > 0, among=ordered)


def _put(section: ReportSection, key: str, aims: list[Aim], *, first: bool, among) -> None:
    """Into the place ``key``: first in it when moving down into it, else last."""
    if key.startswith("aim:"):
        section.place, section.aim = Place.AIM, next(a for a in aims if f"aim:{a.number}" == key)
    else:
        section.place, section.aim = key, None
    there = [s.position for s in among if place_key(s) == key and s.pk != section.pk]
    if first:
        # Positions start at 1 (``move``): 0 is free, before any of them.
        section.position = min(there) - 1 if there else section.position
        if section.position < 0:
            for other in (s for s in among if s.pk != section.pk):
                other.position += 1
                other.save(update_fields=["position"])
            section.position = 0
    else:
        section.position = max(there, default=section.position) + 1
    section.save(update_fields=["place", "aim", "position"])


def delete_section(section: ReportSection) -> None:
    with transaction.atomic():
        for image in section.images.all():
            remove_image(image)
        section.delete()


# --- Images ----------------------------------------------------------------------------

IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_PIXELS = 6000
MIN_IMAGE_PIXELS = 16


def image_name(upload_name: str) -> str:
    """The name the Markdown gives an upload: its file name in lower case, with
    letters, digits and hyphens only."""
    stem, _, extension = upload_name.rsplit("/", 1)[-1].rpartition(".")
    stem = re.sub(r"[^a-z0-9]+", "-", (stem or extension).lower()).strip("-") or "image"
    return f"{stem[:80]}.{extension.lower()}" if stem and extension else stem


def validate_image(upload: File) -> tuple[str, int, int]:
    """The image's format and size in pixels, if it is a PNG or JPEG that opens and is
    of a sensible size; else an error that names the file and why."""
    name = getattr(upload, "name", "the file")
    if upload.size is not None and upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            f"{name} is {upload.size // 1024} KB: an image may be at most "
            f"{MAX_IMAGE_BYTES // 1024 // 1024} MB."
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(f"{name} is not a PNG or JPEG image that can be read.") from error
    finally:
        upload.seek(0)
    if kind not in IMAGE_FORMATS:
        raise ValidationError(f"{name} is a {kind} image: upload it as PNG or JPEG.")
    if max(width, height) > MAX_IMAGE_PIXELS or min(width, height) < MIN_IMAGE_PIXELS:
        raise ValidationError(
            f"{name} is {width}×{height} pixels: an image must be between "
            f"{MIN_IMAGE_PIXELS} and {MAX_IMAGE_PIXELS} pixels on each side."
        )
    return kind, width, height


def add_image(section: ReportSection, upload: File, *, alt_text: str) -> SectionImage:
    """Keep a checked upload with the section under its name (``image_name``)."""
    kind, width, height = validate_image(upload)
    stem = image_name(upload.name or "image").rsplit(".", 1)[0]
    name = f"{stem}.{IMAGE_FORMATS[kind]}"
    if section.images.filter(name=name).exists():
        raise ValidationError(
            f"{upload.name}: this section already has an image named {name}. Remove that "
            "one first to replace it, or rename the file."
        )
    image = SectionImage(
        section=section, name=name, alt_text=alt_text.strip(), width=width, height=height
    )
    image.image.save(name, upload, save=False)
    try:
        with transaction.atomic():
            image.full_clean()
            image.save()
    except Exception:
        image.image.storage.delete(image.image.name)
        raise
    return image


def remove_image(image: SectionImage) -> None:
    """Gone from the section, and its file with it: a published report keeps its own
    copy (``archive``)."""
    stored = image.image
    image.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))


def missing_images(body: str, section: ReportSection | None) -> list[str]:
    """The images the Markdown shows that the section has not uploaded."""
    have = set(section.images.values_list("name", flat=True)) if section and section.pk else set()
    return [name for name in markdown.image_names(body) if name not in have]


@dataclass(frozen=True)
class OutlineEntry:
    """A line of the report's outline: a generated section, or an authored one."""

    title: str
    section: ReportSection | None = None
    first: bool = False  # of everything: it cannot move up
    last: bool = False  # of everything: it cannot move down


def outline(delivery_plan: DeliveryPlan, aims: list[Aim]) -> list[OutlineEntry]:
    """The annual report's sections in order, generated and authored, as a manager
    orders them."""
    numbers = [aim.number for aim in aims]
    ordered = in_report_order(list(ReportSection.objects.of_report(delivery_plan)), numbers)
    shown = places_of(numbers)
    tables = [f"Strategic aim {aim.number}: {aim.title}" for aim in aims]
    progress = "Progress and what has been achieved: each indicator's findings and chart"
    # What the report generates after each gap, up to the next.
    following = {
        START: ["Introduction: the year's figures"],
        INTRODUCTION: [
            f"Actions unfinished at the end of {delivery_plan.year}, once it has ended",
            *tables[:1],
        ],
        **{f"aim:{n}": tables[i + 1 : i + 2] for i, n in enumerate(numbers)},
        END: [],
    }
    following[shown[-2]] = [*following[shown[-2]], progress]
    entries: list[OutlineEntry] = []
    for key in shown:
        entries += [
            OutlineEntry(s.title, s)
            for s in ordered
            if (place_key(s) if place_key(s) in shown else END) == key
        ]
        entries += [OutlineEntry(title) for title in following[key]]
    if entries[0].section:
        entries[0] = OutlineEntry(entries[0].title, entries[0].section, first=True)
    if entries[-1].section:
        entries[-1] = OutlineEntry(
            entries[-1].title, entries[-1].section, first=entries[-1].first, last=True
        )
    return entries
