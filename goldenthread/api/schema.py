"""What the OpenAPI description says beyond what drf-spectacular finds by itself: the
token scheme, and the problem details every operation may answer with."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension

PROBLEM = {
    "type": "object",
    "description": "An error, as RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string"},
                    "messages": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "current": {"type": "object", "description": "On 409: the record as it is now."},
    },
    "required": ["type", "title", "status", "detail"],
}
# What any operation may answer, besides its own success.
COMMON = {
    "400": "The request is not valid: see errors",
    "401": "The token is not known or was revoked",
    "403": "You may not do this",
    "404": "Not found, or not yours to see",
    "405": "This path does not take that method",
    "406": "Ask for JSON or CSV",
    "429": "Too many requests: wait the seconds Retry-After gives",
    # Ours, not the caller's: answered as problems too (api/problems.py).
    "500": "Something went wrong on our side; nothing saved was lost",
    "503": "The database is busy or out of reach: try again after Retry-After",
}
WRITES = {"409": "Changed by someone else since you read it", "415": "Send JSON"}


class BearerScheme(OpenApiAuthenticationExtension):
    target_class = "goldenthread.api.authentication.BearerTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token made on your account's API tokens page.",
        }


def add_problems(result, generator, request, public):
    """Declare the problem responses on every operation, so clients and checks expect them."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            codes = COMMON | (WRITES if method in ("post", "patch", "put") else {})
            for code, description in codes.items():
                operation["responses"].setdefault(
                    code, {"description": description, "content": content}
                )
    return result
