"""Areas are reference data that no audit entry records, so their importers say when
they changed it, in the import's transaction: the audit app moves every partnership's
data version on (audit/data_versions.py), as rows written in bulk send no ``post_save``."""

from django.dispatch import Signal

reference_data_changed = Signal()
