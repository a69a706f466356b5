"""Errors as problem details (RFC 9457): a type, a title, the status, a detail in words,
and for invalid input each field with what is wrong with it. Never a server error for
something the caller sent; and the API's own failures (a fault of ours, a database that
is locked or out of reach) are problem objects too, not the web's HTML pages, whether
they happen in an API view (``handle``) or before it (``server_error``, handler500)."""

from __future__ import annotations

import json
import logging
import sys

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.http import Http404, HttpRequest, HttpResponse
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

from goldenthread.web import errors

logger = logging.getLogger("django.request")

TYPE = "https://goldenthread.readthedocs.io/problems/"
TITLES = {
    400: "Your request has a problem",
    401: "Sign in or give an API token",
    403: "You may not do this",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Changed by someone else meanwhile",
    413: "Request too large",
    415: "Unsupported media type",
    429: "Too many requests",
    500: "Something went wrong on our side",
    503: "The service is unavailable",
}
# Our own failures, said without any of our insides (the exception's words stay in the log).
FAILURES = {
    500: (
        "The request could not be completed. Nothing already saved has been lost; "
        "try again, and if it happens again tell the site's administrator."
    ),
    503: (
        "The database cannot take this request just now (it is busy or out of reach). "
        "Nothing already saved has been lost: try again after the Retry-After seconds."
    ),
}
RETRY_AFTER = "60"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Someone else changed this after you read it."
    default_code = "conflict"

    def __init__(self, detail: str, current: dict | None = None) -> None:
        super().__init__(detail)
        self.current = current


class TooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request's body is larger than the API takes: send less at a time."
    default_code = "too_large"


def problem_body(status_code: int, detail: str, **extra) -> dict:
    return {
        "type": TYPE + TITLES.get(status_code, "error").lower().replace(" ", "-"),
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
        **extra,
    }


def problem(status_code: int, detail: str, **extra) -> Response:
    return Response(problem_body(status_code, detail, **extra), status=status_code)


def failure(error: BaseException | None) -> tuple[int, dict]:
    """Our own failure as a status and a problem: 503 if the database is busy or out of
    reach (the caller should try again), else 500."""
    code = 503 if errors.is_unavailable(error) else 500
    return code, problem_body(code, FAILURES[code])


class ProblemRenderer(JSONRenderer):
    media_type = "application/problem+json"


def handle(exc, context) -> Response | None:
    # Problems are JSON whatever was asked for: a CSV of an error would help nobody.
    request = context.get("request")
    if request is not None:
        request.accepted_renderer = ProblemRenderer()
        request.accepted_media_type = ProblemRenderer.media_type
    if isinstance(exc, ValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or "There is nothing here, or you may not see it.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, RequestDataTooBig):
        exc = TooLarge()
    elif isinstance(exc, SuspiciousOperation):  # Django answers these 400, and so do we
        exc = exceptions.ParseError("The request was refused: it is not one the API can take.")
    response = exception_handler(exc, context)
    if response is None:
        return _failed(exc, request)
    if isinstance(exc, exceptions.ValidationError):
        return problem(
            400, "Some of what you sent is not valid: see errors.", errors=_errors(exc.detail)
        )
    extra = {"current": exc.current} if isinstance(exc, Conflict) and exc.current else {}
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    result = problem(response.status_code, str(detail), **extra)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            result[header] = response[header]
    return result


def _errors(detail, prefix: str = "") -> list[dict]:
    """Each field (dotted for nested ones) with its messages."""
    if isinstance(detail, dict):
        return [
            e
            for key, value in detail.items()
            for e in _errors(value, f"{prefix}{key}." if prefix or key else "")
        ]
    if isinstance(detail, list) and all(isinstance(d, str) for d in detail):
        return [
            {
                "field": prefix.rstrip(".") or "non_field_errors",
                "messages": [str(d) for d in detail],
            }
        ]
    if isinstance(detail, list):
        return [e for i, value in enumerate(detail) for e in _errors(value, f"{prefix}{i}.")]
    return [{"field": prefix.rstrip(".") or "non_field_errors", "messages": [str(detail)]}]


def _failed(exc: Exception, request) -> Response:
    """An exception no API view meant: logged with its traceback, as Django would log a
    500, and answered as a problem; the transaction it broke out of is rolled back."""
    set_rollback()
    code, body = failure(exc)
    path = getattr(request, "path", "")
    logger.error(
        "%s: %s",
        body["title"],
        path,
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"status_code": code, "request": getattr(request, "_request", request)},
    )
    response = Response(body, status=code)
    if code == 503:
        response["Retry-After"] = RETRY_AFTER
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a problem object on the API's addresses, the web's page elsewhere.
    Called while the exception is being handled, so it can ask what it was."""
    if not request.path_info.startswith("/api/"):
        return errors.server_error(request)
    code, body = failure(sys.exc_info()[1])
    response = HttpResponse(json.dumps(body), status=code, content_type=ProblemRenderer.media_type)
    if code == 503:
        response["Retry-After"] = RETRY_AFTER
    return response
