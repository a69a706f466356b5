"""The helpers that drive goldenthread in processes of its own (goldenthread/testing/
servers.py) do what a browser and a mail server do: checked here in-process, quickly,
as the two-server test that uses them runs on PostgreSQL only."""

from __future__ import annotations

from email.header import decode_header, make_header

import pytest
import requests
from django.core.mail import EmailMultiAlternatives, get_connection

from goldenthread.testing.servers import MailServer, database_url, form_on

PAGE = """
<form method="post" action="/sign-out/"><input type="hidden" name="csrfmiddlewaretoken" value="a">
<button type="submit">Sign out</button></form>
<form method="post" enctype="multipart/form-data">
  <input type="hidden" name="csrfmiddlewaretoken" value="b">
  <input type="hidden" name="version" value="7">
  <input type="radio" name="status" value="in_progress">
  <input type="radio" name="status" value="completed" checked>
  <input type="checkbox" name="collect_values">
  <input type="checkbox" name="notify" value="yes" checked>
  <select name="delivery_plan"><option value="3">2014/15</option><option value="4" selected>2015/16</option></select>
  <select name="quarter"><option value="Q1">Q1</option><option value="Q2">Q2</option></select>
  <textarea name="commentary">
Presented to the LSCB &amp; agreed</textarea>
  <input type="file" name="evidence">
  <button type="submit" name="go" value="1">Add update</button>
</form>
"""


def page(text: str, url: str) -> requests.Response:
    response = requests.Response()
    response._content, response.url, response.encoding = text.encode(), url, "utf-8"
    return response


def test_a_form_is_read_as_a_browser_would_send_it():
    form = form_on(page(PAGE, "http://127.0.0.1:8001/thurrock/actions/9/"), having="version")

    assert form.action == "http://127.0.0.1:8001/thurrock/actions/9/"  # no action: the page
    assert form.fields == {
        "csrfmiddlewaretoken": "b",
        "version": "7",
        "status": "completed",
        "notify": "yes",
        "delivery_plan": "4",
        "quarter": "Q1",
        "commentary": "Presented to the LSCB & agreed",
    }
    assert form.files == {"evidence"}
    assert form_on(page(PAGE, "http://127.0.0.1:8001/x/"), having="evidence").fields == form.fields
    with pytest.raises(AssertionError, match="has no form with a field 'username'"):
        form_on(page(PAGE, "http://127.0.0.1:8001/x/"), having="username")


def test_the_mail_server_keeps_what_django_sends_it_over_smtp():
    server = MailServer()
    try:
        connection = get_connection(
            "django.core.mail.backends.smtp.EmailBackend",
            host="127.0.0.1",
            port=server.port,
            use_tls=False,
            username="",
            password="",
            timeout=5,
        )
        message = EmailMultiAlternatives(
            "Q3 2014/15 updates: please update your actions by 15 January 2015 – thank you",
            "Dear Nina,\n.\n..a line that starts with dots\n",
            "goldenthread <noreply@example.org>",
            ['"Patel, Nina" <nina.patel@example.org>'],
            connection=connection,
        )
        message.attach_alternative("<p>Dear Nina</p>", "text/html")
        assert message.send() == 1
    finally:
        server.close()

    [mail] = server.mail()
    assert mail.recipients == ["nina.patel@example.org"]
    assert mail.to == ["nina.patel@example.org"]
    assert str(make_header(decode_header(mail.subject))).endswith("– thank you")
    text = mail.message.get_payload()[0].get_payload(decode=True).decode()
    assert text.replace("\r\n", "\n") == "Dear Nina,\n.\n..a line that starts with dots\n"


def test_database_url_names_the_test_database_with_its_credentials_quoted():
    settings = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "test_goldenthread_gw1",
        "USER": "goldenthread",
        "PASSWORD": "p@ss/word",
        "HOST": "db.internal",
        "PORT": "5433",
    }
    assert database_url(settings) == (
        "postgres://goldenthread:p%40ss%2Fword@db.internal:5433/test_goldenthread_gw1"
    )
    assert database_url({**settings, "USER": "", "PASSWORD": "", "PORT": ""}) == (
        "postgres://db.internal/test_goldenthread_gw1"
    )
