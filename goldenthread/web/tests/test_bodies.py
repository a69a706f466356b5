"""A request body is refused before it is read (issue 18): any body larger than the
site takes, and a file from someone who may not upload there (not a byte of it kept)."""

from __future__ import annotations

import pytest
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.http import HttpRequest
from django.urls import reverse

from goldenthread.partnerships.models import Role
from goldenthread.partnerships.tests.factories import member

URL = reverse("indicators:upload", args=["thurrock"])
CSV = b"indicator,area,period,value\nks2-rwm,E06000034,2013/14,77\n"


@pytest.fixture
def bodies_read(monkeypatch) -> list[str]:
    """The paths whose body Django read (into request.POST and request.FILES)."""
    read: list[str] = []
    load = HttpRequest._load_post_and_files

    def watched(request):
        read.append(request.path)
        return load(request)

    monkeypatch.setattr(HttpRequest, "_load_post_and_files", watched)
    return read


@pytest.fixture
def files_kept(monkeypatch) -> list[bytes]:
    """Every chunk of a file Django kept, in memory or in a temporary file."""
    kept: list[bytes] = []
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        receive = handler.receive_data_chunk

        def watched(self, raw_data, start, receive=receive):
            kept.append(raw_data)
            return receive(self, raw_data, start)

        monkeypatch.setattr(handler, "receive_data_chunk", watched)
    return kept


@pytest.fixture(autouse=True)
def _media_of_its_own(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def a_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("ks2.csv", CSV, content_type="text/csv")


def test_an_anonymous_upload_is_sent_to_sign_in_and_not_kept(client, partnership, files_kept):
    response = client.post(URL, {"file": a_file()})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert files_kept == []


@pytest.mark.parametrize("who", ["outsider", "viewer", "contributor"])
def test_an_upload_from_someone_not_a_manager_is_refused_and_not_kept(
    client, partnership, files_kept, who, request
):
    client.force_login(request.getfixturevalue(who))

    assert client.post(URL, {"file": a_file()}).status_code == 403
    assert files_kept == []


def test_a_manager_of_another_partnership_may_not_upload_here(
    client, private_partnership, partnership, files_kept
):
    client.force_login(member(private_partnership, Role.MANAGER, username="other"))

    assert client.post(URL, {"file": a_file()}).status_code == 403
    assert files_kept == []


def test_a_manager_uploads_as_before(client, manager, ks2, areas, files_kept):
    client.force_login(manager)

    response = client.post(URL, {"file": a_file()})

    assert response.status_code == 200
    assert "ks2.csv has been checked" in response.content.decode()
    assert b"".join(files_kept) == CSV


def test_a_body_larger_than_the_site_takes_is_refused_unread_with_413(
    client, manager, bodies_read, settings
):
    settings.REQUEST_MAX_BYTES = 1000
    client.force_login(manager)

    response = client.post(URL, {"file": SimpleUploadedFile("big.csv", CSV * 100)})

    assert response.status_code == 413
    page = response.content.decode()
    assert "The file is too large" in page
    assert "larger than the 1000\xa0bytes this site accepts" in page
    assert bodies_read == []


def test_a_form_that_is_not_a_file_still_works_for_anyone(client, partnership, bodies_read):
    response = client.post(reverse("login"), {"username": "x", "password": "y"})

    assert response.status_code == 200
    assert bodies_read == [reverse("login")]


def test_a_body_without_a_length_is_stopped_at_the_bound(rf, manager, settings):
    from goldenthread.web.bodies import GuardedUploadHandler

    settings.REQUEST_MAX_BYTES = 1000
    request = rf.post(URL)
    request.user = manager
    handler = GuardedUploadHandler(request)
    handler.receive_data_chunk(b"x" * 600, 0)
    with pytest.raises(RequestDataTooBig):
        handler.receive_data_chunk(b"x" * 600, 600)
