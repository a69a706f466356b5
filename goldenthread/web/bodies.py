"""Request bodies: refused before they are read, when they are too large or come from
someone who may not upload there.

Django reads a body (and streams a file in it to a temporary file) the first time
anything asks for ``request.POST`` or ``request.FILES``, and the CSRF check asks for it
before any view runs. So the rule is applied here, in ``process_view``, placed before the
CSRF middleware: the URL is resolved and the person known, but no byte of the body read.

One rule for every upload: a file (a ``multipart/form-data`` body) is accepted only from
a manager of the partnership the URL names, or a staff member (the admin). Every page
that takes a file asks that role anyway; the API reads its bodies after authenticating
the token, so it is left to itself. A body larger than ``REQUEST_MAX_BYTES`` is refused
whoever sends it, with a 413 page that says how large a file may be.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string

from goldenthread.partnerships.models import Partnership, Role
from goldenthread.partnerships.permissions import has_role

REQUEST_MAX_BYTES = 25 * 1024 * 1024  # as the nginx sample's client_max_body_size
UPLOAD_ROLE = Role.MANAGER
NOT_HERE = "Files can be uploaded only by the partnership's managers, on its own pages."


def request_max_bytes() -> int:
    return int(getattr(settings, "REQUEST_MAX_BYTES", REQUEST_MAX_BYTES))


def too_large(request: HttpRequest) -> HttpResponse:
    most = filesizeformat(request_max_bytes())
    html = render_to_string(
        "errors/plain.html",
        {
            "title": "The file is too large",
            "paragraphs": [
                (
                    f"What you sent is larger than the {most} this site accepts, so none of "
                    "it was read and nothing was saved."
                ),
                (
                    "Split the file into smaller ones, or ask the partnership's administrator "
                    "to import it with the command line."
                ),
            ],
        },
    )
    return HttpResponse(html, status=413)


def may_upload(request: HttpRequest, kwargs: dict[str, Any]) -> bool:
    """May this person send a file to this URL? Staff anywhere; others where the URL
    names a partnership they manage."""
    user = request.user
    if user.is_staff:
        return True
    slug = kwargs.get("slug")
    partnership = Partnership.objects.filter(slug=slug).first() if slug else None
    return partnership is not None and has_role(user, partnership, UPLOAD_ROLE)


class RequestBodyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Also for a body sent without a length (chunked), as it is read.
        request.upload_handlers.insert(0, CappedUploadHandler(request))
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        if _length(request) > request_max_bytes():
            return too_large(request)
        if not (request.content_type or "").startswith("multipart/") or hasattr(view, "cls"):
            return None  # not a file; or a view of the API, which authenticates first
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_upload(request, kwargs):
            raise PermissionDenied(NOT_HERE)
        return None


class CappedUploadHandler(FileUploadHandler):
    """Stops reading a multipart body once it passes the cap, whatever its stated length
    (one sent in chunks states none): Django answers 400."""

    def __init__(self, request: HttpRequest) -> None:
        super().__init__(request)
        self.read = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.read += len(raw_data)
        if self.read > request_max_bytes():
            raise RequestDataTooBig(f"more than {request_max_bytes():,} bytes sent")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
