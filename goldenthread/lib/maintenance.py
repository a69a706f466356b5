"""While a restore runs, the site takes no writes: a flag file every process checks.

A write accepted during a restore would be replaced by the backup's records without a
word, so the web app and the API answer 503 with Retry-After instead (``backups/middleware.py``)
and the user knows to try again. The flag names the restoring process: one killed
without clearing it holds nothing up once it is gone.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.utils import timezone


class RestoreRunning(Exception):
    """Another restore is under way."""


def flag() -> Path:
    return Path(settings.RESTORING_FLAG)


def restoring() -> bool:
    """Whether a live restore holds the flag (read on every write request: one stat)."""
    try:
        held = json.loads(flag().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    except ValueError:
        return True  # being written this instant
    return _alive(held)


@contextlib.contextmanager
def writes_refused(backup_name: str) -> Iterator[None]:
    """Hold the flag for the block; refuse if another live restore holds it."""
    path = flag()
    path.parent.mkdir(parents=True, exist_ok=True)
    if restoring():
        raise RestoreRunning(f"another restore is under way (see {path})")
    mine = {
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "backup": backup_name,
        "since": timezone.now().isoformat(),
    }
    path.write_text(json.dumps(mine), encoding="utf-8")
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def _alive(held: dict) -> bool:
    if held.get("host") != socket.gethostname():
        return True  # another machine's process: trust its flag
    try:
        pid = int(held.get("pid", 0))
        if pid <= 0:
            return False
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, ValueError, OverflowError):
        return True
    return True
