"""CSV for the tables: `?format=csv` or `Accept: text/csv` on any list."""

from __future__ import annotations

import io
import json

from rest_framework.renderers import BaseRenderer

from goldenthread.lib.cells import SafeDictWriter


def flatten(record: dict, prefix: str = "") -> dict[str, str]:
    """Nested objects become dotted columns; lists become JSON in one cell."""
    flat: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat |= flatten(value, f"{name}.")
        elif isinstance(value, list):
            flat[name] = json.dumps(value, ensure_ascii=False) if value else ""
        else:
            flat[name] = "" if value is None else value
    return flat


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        rows = [flatten(r) for r in (data if isinstance(data, list) else [data])]
        columns = list(dict.fromkeys(column for row in rows for column in row))
        out = io.StringIO()
        writer = SafeDictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode()
