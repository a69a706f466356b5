"""The table reader now lives in ``goldenthread.lib.tables``, so that the areas importer,
a layer below the indicators, reads files the same way; its names stay importable here."""

from goldenthread.lib.tables import (
    MAX_LISTED,
    NOT_UTF8,
    Problem,
    Problems,
    Table,
    TableError,
    limit,
    read_table,
    shown,
    zip_problem,
)

__all__ = [
    "MAX_LISTED",
    "NOT_UTF8",
    "Problem",
    "Problems",
    "Table",
    "TableError",
    "limit",
    "read_table",
    "shown",
    "zip_problem",
]
