"""Request bodies: refused before they are read, when they are too large, and a file
refused before it is written anywhere, when it comes from someone who may not upload
there.

Django reads a body (and streams a file in it to a temporary file) the first time
anything asks for ``request.POST`` or ``request.FILES``, and the CSRF check asks for it
before any view runs. So the rules are applied here, ahead of every view:

- a body larger than ``REQUEST_MAX_BYTES`` (by its stated length) is answered with a
  413 page in ``process_view``, placed before the CSRF middleware, without reading it;
  one sent without a length is stopped as it passes the bound (a 400);
- one rule for every file: a file is taken only from a manager of the partnership the
  URL names, or a staff member (the admin). Every page that takes a file asks that role
  anyway; this upload handler asks it as the file's first bytes arrive, and otherwise
  stops reading the body there, so nothing of the file is kept. The view then answers as
  it would (sign in, or 403). The API reads its bodies after authenticating the token.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string

from goldenthread.partnerships.models import Partnership, Role
from goldenthread.partnerships.permissions import has_role

REQUEST_MAX_BYTES = 25 * 1024 * 1024  # as the nginx sample's client_max_body_size
UPLOAD_ROLE = Role.MANAGER


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
        request.upload_handlers.insert(0, GuardedUploadHandler(request))
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        if _length(request) > request_max_bytes():
            return too_large(request)
        return None


class GuardedUploadHandler(FileUploadHandler):
    """First of the upload handlers: stops the body at a file's start if this person
    may not upload here, and at the bound however long the body said it was."""

    def __init__(self, request: HttpRequest) -> None:
        super().__init__(request)
        self.read = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        request = self.request
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        allowed = (
            request is not None
            and user is not None
            and user.is_authenticated
            and may_upload(request, match.kwargs if match else {})
        )
        if not allowed:
            raise StopUpload(connection_reset=True)  # read no further, keep nothing
        super().new_file(*args, **kwargs)

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
