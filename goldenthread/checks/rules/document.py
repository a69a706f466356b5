"""Rules on the plan document: its document control, its sections, and the notes
left in its words."""

from __future__ import annotations

import datetime as dt
import re

from goldenthread.plans.models import DeliveryPlan
from goldenthread.strategy.models import (
    ApprovalEntry,
    Commitment,
    DocumentStatus,
    Milestone,
    PlanDocument,
    Section,
    VersionEntry,
)

from ..findings import Finding
from ..wording import drafting_notes, stub_paragraphs, unfinished_wording
from .places import about_milestone, capital, commitment_where, document_url, drafting, short
from .reading import commitments

_EQUALITY_IMPACT = re.compile(r"\bequality (?:impact )?(?:assessment|analysis)\b", re.IGNORECASE)


def sections(document: PlanDocument) -> list[Section]:
    return list(Section.objects.filter(document=document).order_by("order"))


def document_control(
    document: PlanDocument, sections: list[Section], today: dt.date
) -> list[Finding]:
    """Document control that contradicts itself or leaves out what approval needs: a
    version older than its own history, a review date passed, no approver, and no
    equality impact assessment (in its box, or in a section of its own)."""
    where, url = "Document control", document_url(document, "document-control")
    versions, approvals = list(document.versions.all()), list(document.approvals.all())
    found = [
        *_version_behind_history(document, versions, approvals),
        *_approval_missing(document, approvals),
        *_review_passed(document, today),
    ]
    if not document.equality_impact_assessment.strip() and not any(
        _EQUALITY_IMPACT.search(s.heading) and s.text.strip() for s in sections
    ):
        found.append(
            (
                "",
                (
                    "The equality impact assessment is blank: no reference is given, and no "
                    "section of the plan reports one."
                ),
            )
        )
    return [Finding("document-control", where, words, why, url=url) for words, why in found]


def _version_behind_history(
    document: PlanDocument, versions: list[VersionEntry], approvals: list[ApprovalEntry]
) -> list[tuple[str, str]]:
    current = version_number(document.version)
    recorded = [(entry.version, "version history") for entry in versions] + [
        (entry.version, "approval history") for entry in approvals
    ]
    recorded = [row for row in recorded if version_number(row[0]) > current]
    if not current or not recorded:
        return []
    latest, history = max(recorded, key=lambda row: version_number(row[0]))
    return [
        (
            f"Version {document.version}",
            (
                f"The document says version {document.version}, but its {history} has a later "
                f"version, {latest}."
            ),
        )
    ]


def _approval_missing(
    document: PlanDocument, approvals: list[ApprovalEntry]
) -> list[tuple[str, str]]:
    if document.approving_body.strip() or approvals:
        return []
    if document.status == DocumentStatus.APPROVED:
        return [
            (
                "Status: Approved",
                (
                    "The document says it is approved, but names no approving body and records "
                    "no approval."
                ),
            )
        ]
    return [
        (
            "",
            (
                "No approving body is named and the approval history is empty: nobody is "
                "named to approve the plan."
            ),
        )
    ]


def _review_passed(document: PlanDocument, today: dt.date) -> list[tuple[str, str]]:
    review = document.review_on
    if review is None or review >= today or document.status == DocumentStatus.SUPERSEDED:
        return []
    label = document.review_label or f"{review:%-d %B %Y}"
    return [
        (
            f"Review date {label}",
            (f"The review date, {label}, has passed: today is {today:%-d %B %Y}."),
        )
    ]


def version_number(version: str) -> tuple[int, ...]:
    """A version as numbers to compare, whatever its prefix: "V0.2" → (0, 2), so that
    "0.10" is later than "0.9"; () where it has no number."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


def empty_sections(document: PlanDocument, sections: list[Section]) -> list[Finding]:
    """A heading with nothing under it."""
    return [
        Finding(
            "empty-section",
            _section_where(section),
            section.heading,
            "The heading has no text under it.",
            url=_section_url(document, section),
            line=section.line,
        )
        for section in sections
        if not section.text.strip()
    ]


def stub_sections(document: PlanDocument, sections: list[Section]) -> list[Finding]:
    """A section with a paragraph that only promises content ("Two examples")."""
    return [
        Finding(
            "stub-section",
            _section_where(section),
            stub,
            "The words only promise what should be here, and nothing follows.",
            url=_section_url(document, section),
            line=section.line,
        )
        for section in sections
        for stub in stub_paragraphs(section.text)
    ]


def drafting_notes_in_document(
    document: PlanDocument, sections: list[Section], milestones: list[Milestone]
) -> list[Finding]:
    """Notes to colleagues in the vision, the sections, the commitments and their
    tables, and the milestones (whose placeholders are the milestone rule's). A stub
    paragraph is the stub rule's, not a note as well."""
    findings = [
        drafting("Vision", spotted, None, "the vision")
        for spotted in unfinished_wording(document.vision)
    ]
    for section in sections:
        where, url = _section_where(section), _section_url(document, section)
        stubs = set(stub_paragraphs(section.text))
        findings += [
            drafting(where, s, section.line, "the heading", url)
            for s in unfinished_wording(section.heading)
        ]
        findings += [
            drafting(where, s, section.line, "the text", url)
            for s in unfinished_wording(section.text)
            if s.words not in stubs
        ]
    with_milestones = {m.commitment_id for m in milestones}
    for commitment in commitments(document):
        findings += _commitment_notes(commitment, commitment.pk not in with_milestones)
    for milestone in milestones:
        findings += [
            about_milestone(
                milestone, "drafting-note", f"{capital(s.kind)}. {s.advice}", words=s.words
            )
            for s in drafting_notes(milestone.text)
        ]
    return findings


def no_document(delivery_plan: DeliveryPlan) -> Finding:
    return Finding(
        "no-plan-document",
        str(delivery_plan.plan),
        str(delivery_plan.plan),
        "Without the plan document, its milestones, commitments and sections are not checked.",
    )


def _commitment_notes(commitment: Commitment, milestones_unsplit: bool) -> list[Finding]:
    where = commitment_where(commitment)
    columns = [
        ("the commitment", commitment.text, True),
        ("“Where are we now?”", commitment.where_now, False),
        ("“Where do we want to be?”", commitment.where_to_be, False),
    ]
    if milestones_unsplit:
        # Milestones kept only as the table's words: read them here.
        columns.append(("“Key milestones”", commitment.milestones_text, False))
    return [
        drafting(where, spotted, commitment.line, column)
        for column, text, names in columns
        for spotted in unfinished_wording(text, names=names)
    ]


def _section_where(section: Section) -> str:
    return f"Section “{short(section.heading)}”"


def _section_url(document: PlanDocument, section: Section) -> str:
    return document_url(document, f"section-{section.order}")
