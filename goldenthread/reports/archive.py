"""Publishing a report: its files and data context, frozen in the partnership's archive."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from goldenthread.plans.models import DeliveryPlan

from .models import PublishedFile, PublishedImage, PublishedReport
from .render import FORMATS, KINDS, Rendered, render

ATTEMPTS = 3


def publish(
    delivery_plan: DeliveryPlan,
    kind: str,
    *,
    by=None,
    visibility: str | None = None,
    findings: list[dict] | None = None,
) -> PublishedReport:
    """Render the report in every format now and keep it, as a new version.

    It is as visible as its plan unless ``visibility`` says otherwise. ``findings`` are
    the fact check's of its narrative that the publisher (``by``) saw and confirmed
    (``narrative.check_narrative``), an empty list when it found none, None when the
    report was not checked; the report keeps them and that its publisher was asked.
    The images of its authored sections are copied beside its files, so that a section
    changed later changes neither.

    Every file is rendered before anything is written, so a failure leaves the archive
    as it was; two people publishing at once get consecutive versions.
    """
    report = KINDS[kind].build(delivery_plan)
    files = {fmt: render(report, fmt) for fmt in FORMATS}
    images = {
        picture.file: picture.content
        for section in getattr(report, "sections", [])
        for picture in section.pictures
    }
    checked = {
        "findings": findings,
        "asked_to_confirm": bool(findings),
        "confirmed_by": by if findings else None,
    }
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _save(
                delivery_plan,
                kind,
                report.title,
                report.as_dict(),
                files,
                by,
                visibility or delivery_plan.plan.visibility,
                images,
                checked,
            )
        except IntegrityError:
            # Someone else took this version number meanwhile: take the next one.
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _save(
    delivery_plan,
    kind,
    title,
    context,
    files: dict[str, Rendered],
    by,
    visibility,
    images: dict[str, bytes],
    checked: dict,
) -> PublishedReport:
    written = []
    try:
        with transaction.atomic():
            published = PublishedReport.objects.create(
                partnership=delivery_plan.plan.partnership,
                delivery_plan=delivery_plan,
                kind=kind,
                version=_next_version(delivery_plan, kind),
                title=title,
                context=context,
                published_at=timezone.now(),
                published_by=by,
                visibility=visibility,
                **checked,
            )
            for fmt, rendered in files.items():
                stored = PublishedFile(
                    report=published,
                    format=fmt,
                    sha256=hashlib.sha256(rendered.content).hexdigest(),
                )
                stored.file.save(
                    _file_name(published, fmt), ContentFile(rendered.content), save=False
                )
                written.append(stored.file)
                stored.save()
            for name, content in images.items():
                image = PublishedImage(
                    report=published, name=name, sha256=hashlib.sha256(content).hexdigest()
                )
                image.file.save(name, ContentFile(content), save=False)
                written.append(image.file)
                image.save()
    except Exception:
        # The rows rolled back; the files they named must not outlive them.
        for file in written:
            file.storage.delete(file.name)
        raise
    return published


def _next_version(delivery_plan, kind) -> int:
    latest = PublishedReport.objects.filter(delivery_plan=delivery_plan, kind=kind).aggregate(
        version=Max("version")
    )["version"]
    return (latest or 0) + 1


def _file_name(published: PublishedReport, fmt: str) -> str:
    year = published.delivery_plan.year.slug
    return f"{published.partnership.slug}-{published.kind}-{year}-v{published.version}.{fmt}"
