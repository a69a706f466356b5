"""Files of indicator values, whatever their shape: Fingertips "all data" exports are
recognised by their header and imported together as one set; any other file is read
as goldenthread's own table of values. All or nothing, across every file given."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from django.db import transaction

from goldenthread.indicators.fingertips.importing import (
    FingertipsImportResult,
    import_fingertips,
    is_export,
)
from goldenthread.indicators.importers.values import DataImportResult, import_values
from goldenthread.partnerships.models import Someone

ImportResult = DataImportResult | FingertipsImportResult


def import_data_files(
    paths: Sequence[Path | str],
    *,
    user: Someone | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[ImportResult]:
    """Import every file or none; raises TableError naming the file, row and column of
    each problem."""
    paths = [Path(p) for p in paths]
    exports = [p for p in paths if is_export(p)]
    tables = [p for p in paths if p not in exports]
    results: list[ImportResult] = []
    with transaction.atomic():
        if exports:
            results.append(import_fingertips(exports, user=user, progress=progress))
        results += [import_values(p, user=user, progress=progress) for p in tables]
        if dry_run:
            transaction.set_rollback(True)
    for result in results:
        result.dry_run = dry_run
    return results
