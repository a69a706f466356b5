"""The API's documentation page, made from its OpenAPI description: every path, what it
takes and what it gives. Ours rather than Swagger UI, which needs scripts from elsewhere
that the Content Security Policy rightly refuses."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

METHODS = ["get", "post", "patch", "put", "delete"]


def documentation(request: HttpRequest) -> HttpResponse:
    schema = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary") or _first_line(operation.get("description", "")),
            "parameters": [
                (p["name"], p["in"], p.get("description", ""), p.get("required", False))
                for p in operation.get("parameters", [])
            ],
            "responses": sorted(operation.get("responses", {})),
        }
        for path, item in schema["paths"].items()
        for method in METHODS
        if (operation := item.get(method))
    ]
    return render(request, "api/docs.html", {"operations": operations, "info": schema["info"]})


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""
