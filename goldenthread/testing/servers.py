"""goldenthread as production runs it, for tests that start it in processes of their own:
gunicorn app servers and background workers started from the command line, a mail server
that keeps what it is sent, and a browser that signs in and fills in forms.

Used by ``goldenthread/tests/test_two_servers.py`` (marked ``subprocess``). Nothing here
imports the apps: the processes are driven from outside, as people and a load balancer
would drive them.
"""

from __future__ import annotations

import contextlib
import email
import functools
import os
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.message import Message
from email.utils import getaddresses
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import requests

BIN = Path(sys.executable).parent
# The page every server answers without reading plan data: ready when it answers.
READY_PAGE = "/accounts/sign-in/"


def free_port() -> int:
    """A loopback port nothing listens on now (so that test runs in parallel never clash)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(settings: Mapping[str, Any]) -> str:
    """DATABASE_URL for the database a connection's settings name: under pytest, this
    test run's own database (with pytest-xdist, the worker's)."""
    engine = {"postgresql": "postgres", "sqlite3": "sqlite"}[settings["ENGINE"].rsplit(".", 1)[1]]
    if engine == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = quote(settings.get("USER") or "", safe="")
    password = quote(settings.get("PASSWORD") or "", safe="")
    who = f"{user}:{password}@" if password else f"{user}@" if user else ""
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgres://{who}{settings.get('HOST') or 'localhost'}{port}/{settings['NAME']}"


def wait_until(done: Callable[[], bool], seconds: float, what: str) -> None:
    """Wait for ``done()`` to come true; AssertionError naming ``what`` if it does not."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"after {seconds:.0f} s, still waiting for {what}")
        time.sleep(0.1)


class Processes:
    """Commands started for a test, each in a process group of its own with its output in a
    log file; ``stop()`` ends every one of them (and the processes they started)."""

    def __init__(self, env: Mapping[str, str], logs: Path) -> None:
        self.env = dict(env)
        self.logs = logs
        self.started: dict[str, subprocess.Popen] = {}

    def start(self, name: str, *command: str | Path) -> subprocess.Popen:
        self.logs.mkdir(parents=True, exist_ok=True)
        with (self.logs / f"{name}.log").open("wb") as log:
            process = subprocess.Popen(
                [str(part) for part in command],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.started[name] = process
        return process

    def finish(self, name: str) -> None:
        """Wait for a command to end; CalledProcessError, with its output, if it failed."""
        process = self.started[name]
        if process.wait():
            raise subprocess.CalledProcessError(process.returncode, process.args, self.log(name))

    def serve(self, addresses: Mapping[str, str], workers: int = 2) -> None:
        """gunicorn as ``make serve`` runs it (preloaded, threaded), one for each name, at
        its loopback address (``http://127.0.0.1:PORT``); returns once all answer."""
        for name, base in addresses.items():
            # Each its own control socket: instances on one machine would share the default.
            self.start(
                name, BIN / "gunicorn", "goldenthread.wsgi", f"--bind={urlsplit(base).netloc}",
                f"--workers={workers}", "--threads=4", "--preload",
                f"--control-socket={self.logs / name}.ctl",
            )  # fmt: skip
        for name, base in addresses.items():
            answering = functools.partial(self._answers, name, base)
            wait_until(answering, 90, f"{name} to answer at {base}")

    def _answers(self, name: str, base: str) -> bool:
        if self.started[name].poll() is not None:
            raise RuntimeError(f"{name} stopped as it started:\n{self.log(name)}")
        try:
            return requests.get(base + READY_PAGE, timeout=5).status_code == 200
        except requests.ConnectionError:
            return False

    def log(self, name: str, last: int = 4000) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace")[-last:] if path.exists() else ""

    def stop(self) -> None:
        """Ask each to stop (gunicorn and the worker finish what they are doing), and
        kill any that have not within ten seconds."""
        for process in self.started.values():
            _signal(process, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in self.started.values():
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                _signal(process, signal.SIGKILL)
                process.wait()
        self.started.clear()


def _signal(process: subprocess.Popen, which: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):  # ended already
        os.killpg(process.pid, which)  # its group: gunicorn's workers with their master


@dataclass
class Mail:
    """A message as the mail server received it: the envelope's recipients and the message."""

    recipients: list[str]
    message: Message

    @property
    def subject(self) -> str:
        return str(self.message["Subject"] or "")

    @property
    def to(self) -> list[str]:
        return [address for _, address in getaddresses([str(self.message["To"] or "")])]


class MailServer:
    """An SMTP server on a free loopback port that keeps every message it accepts, as the
    council's mail server would receive them: point EMAIL_HOST and EMAIL_PORT at it."""

    def __init__(self) -> None:
        self.received: list[Mail] = []
        self._lock = threading.Lock()
        keep = self._keep

        class Conversation(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                _converse(self.rfile, self.wfile, keep)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Conversation)
        self._server.daemon_threads = True
        self.port: int = self._server.server_address[1]
        # Polled often, so that closing it takes no time.
        serving = functools.partial(self._server.serve_forever, poll_interval=0.02)
        threading.Thread(target=serving, daemon=True).start()

    def _keep(self, recipients: list[str], data: bytes) -> None:
        with self._lock:
            self.received.append(Mail(recipients, email.message_from_bytes(data)))

    def mail(self) -> list[Mail]:
        with self._lock:
            return list(self.received)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _converse(read: Any, write: Any, keep: Callable[[list[str], bytes], None]) -> None:
    """The server's side of SMTP (RFC 5321), as much as Django's SMTP backend uses."""

    def reply(line: str) -> None:
        write.write(line.encode() + b"\r\n")
        write.flush()

    reply("220 127.0.0.1 test mail server")
    recipients: list[str] = []
    while line := read.readline():
        verb, _, argument = line.decode(errors="replace").strip().partition(" ")
        verb = verb.upper()
        if verb in ("EHLO", "HELO"):
            reply("250 127.0.0.1")
        elif verb == "MAIL":
            recipients = []
            reply("250 OK")
        elif verb == "RCPT":
            recipients.append(argument.partition(":")[2].strip().strip("<>"))
            reply("250 OK")
        elif verb == "DATA":
            reply("354 End data with <CR><LF>.<CR><LF>")
            lines = []
            while (line := read.readline()) not in (b".\r\n", b".\n", b""):
                lines.append(line[1:] if line.startswith(b"..") else line)  # dot-stuffing
            keep(recipients, b"".join(lines))
            reply("250 OK: kept")
        elif verb in ("RSET", "NOOP"):
            recipients = [] if verb == "RSET" else recipients
            reply("250 OK")
        elif verb == "QUIT":
            reply("221 Bye")
            return
        else:
            reply("502 Command not implemented")


@dataclass
class Form:
    """A form on a page as a browser would send it: where, and its fields' values."""

    action: str
    fields: dict[str, str] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)  # the names of its file inputs


class _Forms(HTMLParser):
    """Every form on a page, each with what a browser would send unchanged: hidden and
    text inputs, checked boxes and radios, textareas, the selected (or first) option."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._option: tuple[str, bool] | None = None  # (value, selected)
        self._text = ""

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        attrs = {name: value or "" for name, value in attributes}
        if tag == "form":
            self.forms.append(Form(action=attrs.get("action", "")))
        if not self.forms:
            return
        form, name = self.forms[-1], attrs.get("name", "")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            unchecked = kind in ("checkbox", "radio") and "checked" not in attrs
            if kind == "file":
                form.files.add(name)
            elif not unchecked and kind not in ("submit", "button", "image"):
                form.fields[name] = attrs.get("value", "on" if kind == "checkbox" else "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            self._option = (attrs.get("value", ""), "selected" in attrs)

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if not self.forms:
            return
        form = self.forms[-1]
        if tag == "textarea" and self._textarea:
            form.fields[self._textarea] = self._text.removeprefix("\n")
            self._textarea = None
        elif tag == "option" and self._select and self._option:
            value, selected = self._option
            if selected or self._select not in form.fields:
                form.fields[self._select] = value
            self._option = None
        elif tag == "select":
            self._select = None


def form_on(page: requests.Response, having: str) -> Form:
    """The page's form with a field (or file input) named ``having``, posting to where
    its ``action`` says (the page itself if it says nothing)."""
    parser = _Forms()
    parser.feed(page.text)
    for form in parser.forms:
        if having in form.fields or having in form.files:
            form.action = urljoin(page.url, form.action or page.url)
            return form
    raise AssertionError(f"{page.url} has no form with a field {having!r}")


class Browser:
    """One person at a browser. Its cookies (the session, the CSRF token) go with every
    request to whichever server it asks, as behind a load balancer: loopback servers on
    different ports share cookies, as browsers share them between ports."""

    def __init__(self, address: str | None = None) -> None:
        self.session = requests.Session()
        # No connection kept open between requests: a server stopping waits for those.
        self.session.headers["Connection"] = "close"
        if address:  # where the person is, as a load balancer tells the servers
            self.session.headers["X-Forwarded-For"] = address

    def twin(self) -> Browser:
        """The same person in a second tab: the same cookies, requests of its own."""
        other = Browser()
        other.session.headers.update(self.session.headers)
        other.session.cookies.update(self.session.cookies)
        return other

    def get(self, url: str) -> requests.Response:
        return self.session.get(url, timeout=120)

    def form(self, url: str, having: str) -> Form:
        """Open the page and take its form with a field named ``having``."""
        page = self.get(url)
        page.raise_for_status()
        return form_on(page, having)

    def send(
        self,
        form: Form,
        through: str | None = None,
        files: Mapping[str, tuple[str, bytes]] | None = None,
        **changes: str,
    ) -> requests.Response:
        """Submit the form with ``changes`` typed in and ``files`` (name: (file name,
        content)) chosen, to the server at ``through`` (the one it came from if None);
        the page it ends on, after any redirect."""
        action = form.action
        if through:
            parts = urlsplit(action)
            action = through.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")
        return self.session.post(
            action, data={**form.fields, **changes}, files=files or None, timeout=120
        )

    def sign_in(self, base: str, username: str, password: str) -> None:
        form = self.form(base + READY_PAGE, having="username")
        page = self.send(form, username=username, password=password)
        if "Sign out" not in page.text:
            raise AssertionError(f"{username} could not sign in at {base}: {page.status_code}")
