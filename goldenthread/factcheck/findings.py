"""A finding: a numeric claim in narrative that the data does not bear out."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, in the text checked
    text: str  # the sentence the claim is in
    claim: str  # what the sentence claims, in plain words
    data: str  # what the data says
    suggestion: str  # a wording the data bears out

    def as_dict(self) -> dict:
        return asdict(self)
