"""Signals other apps listen to, so that indicators need not know who uses its data."""

from django.dispatch import Signal

# Sent once new or revised values are committed, with `indicators`: the ids of the
# indicators whose values changed.
values_changed = Signal()
