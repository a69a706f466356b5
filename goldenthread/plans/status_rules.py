"""Reading an action's status from its progress comment: the importers' entry point.

The reading itself (tense, negation, decisions about an action's fate, status and RAG
columns) is in ``status_reading``; ``docs/importing.md`` describes it and the figures
measured on the labelled comments in ``plans/tests/data/status_comments.csv``.
"""

from .status_reading import Inference, infer_status

__all__ = ["Inference", "infer_status"]
