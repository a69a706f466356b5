"""What is logged when a request is refused: a line, not a traceback."""

import logging

from django.urls import reverse


def test_a_refused_request_is_logged_in_one_line_without_a_traceback(client, contributor, caplog):
    client.force_login(contributor)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("rounds:open_round", args=["thurrock"]))

    assert response.status_code == 403
    [refused] = [r for r in caplog.records if r.name == "django.request"]
    assert refused.getMessage() == "Forbidden (Permission denied): /thurrock/rounds/open/"
    assert refused.exc_info is None
