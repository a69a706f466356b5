"""Files of indicator values, whatever their shape: Fingertips "all data" exports are
recognised by their header and imported together as one set; any other file is read
as goldenthread's own table of values. All or nothing, across every file given.

A table of values is read and checked first, writing nothing (so, on SQLite, holding
no write lock however long the file), and then written in one short transaction. A
dry run stops after the check. A Fingertips export makes its indicators and areas as
it is read, so it is read inside its transaction: see docs/importing.md.

One import writes at a time (``one_import_at_a_time``): a second, from the command line
or the web, is refused at once with ``ImportBusy`` rather than left waiting on the lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.db import transaction

from goldenthread.indicators.fingertips.importing import (
    FingertipsImportResult,
    import_fingertips,
    is_export,
)
from goldenthread.indicators.importers.values import (
    CheckedValues,
    DataImportResult,
    check_values,
    import_values,
)
from goldenthread.lib.locks import Held, held_alone
from goldenthread.partnerships.models import Someone

ImportResult = DataImportResult | FingertipsImportResult
BUSY = (
    "another import is being written to this database: nothing was imported; "
    "try again when it has finished"
)


class ImportBusy(Exception):
    """Another import is writing: this one was refused before it wrote anything."""

    def __init__(self) -> None:
        super().__init__(BUSY)


def import_data_files(
    paths: Sequence[Path | str],
    *,
    user: Someone | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[ImportResult]:
    """Import every file or none; raises TableError naming the file, row and column of
    each problem, or ImportBusy if another import is writing."""
    paths = [Path(p) for p in paths]
    exports = [p for p in paths if is_export(p)]
    tables = [p for p in paths if p not in exports]
    results: list[ImportResult] = []
    if dry_run:
        if exports:
            results.append(import_fingertips(exports, user=user, dry_run=True, progress=progress))
        results += [import_values(p, user=user, dry_run=True, progress=progress) for p in tables]
        return results
    with one_import_at_a_time():
        if exports:  # its indicators are made as it is read: the tables may name them
            with transaction.atomic():
                results.append(import_fingertips(exports, user=user, progress=progress))
                results += [import_values(p, user=user, progress=progress) for p in tables]
            return results
        with ExitStack() as stack:
            checked = [
                stack.enter_context(check_values(p, user=user, progress=progress)) for p in tables
            ]
            with transaction.atomic():
                results += [values.write() for values in checked]
    return results


def check_data_file(path: Path, *, user: Someone | None = None) -> CheckedValues | None:
    """A table of values read and checked without writing (see ``check_values``), or
    None for a Fingertips export, which cannot be checked without writing."""
    return None if is_export(path) else check_values(path, user=user)


_held = threading.local()  # how deep this thread is in one_import_at_a_time


@contextmanager
def one_import_at_a_time() -> Iterator[None]:
    """Hold the import lock for this database, or raise ImportBusy at once. It holds
    across processes (every app server, worker and the command line) and goes with the
    process that held it, however that process ends (``lib.locks``). Re-entrant: a
    preview that imports inside it holds it once."""
    depth = getattr(_held, "depth", 0)
    if depth:
        _held.depth = depth + 1
        try:
            yield
        finally:
            _held.depth = depth
        return
    with ExitStack() as stack:
        try:
            stack.enter_context(held_alone("import"))
        except Held:
            raise ImportBusy from None
        _held.depth = 1
        try:
            yield
        finally:
            _held.depth = 0
