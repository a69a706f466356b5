"""Loaded by pytest before Django starts (``-p goldenthread.testing`` in pyproject.toml).

Tests run with safe development values whatever the environment says, except the
database, which CI may point at PostgreSQL through DATABASE_URL.
"""

import atexit
import os
import shutil
import tempfile

# A temporary folder of this process's own (a worker's within its run's), removed when it
# ends: the import lock (indicators/importing.py) is a file there named after the
# database, and every SQLite test database has the same name (in memory), so
# pytest-xdist's workers, or two runs on one machine, refused each other's imports at
# random. A test's subprocesses share it. pytest keeps its tmp_path folders where it
# always has, and prunes them as it always has.
os.environ.setdefault("PYTEST_DEBUG_TEMPROOT", tempfile.gettempdir())
os.environ["TMPDIR"] = tempfile.mkdtemp(prefix="goldenthread-tests-")
tempfile.tempdir = None  # gettempdir() reads TMPDIR again
atexit.register(shutil.rmtree, os.environ["TMPDIR"], ignore_errors=True)

os.environ["DEBUG"] = "1"
os.environ.setdefault("SECRET_KEY", "test-secret-key")
# No test reaches Fingertips on the internet: those that fetch serve it themselves.
os.environ["FINGERTIPS_API_URL"] = ""
# Each run draws its charts afresh, into a cache of its own, and keeps its files apart.
os.environ.setdefault("CHART_CACHE", tempfile.mkdtemp(prefix="goldenthread-charts-"))
# Rate limits counted per process, emptied before each test (conftest.py).
os.environ["THROTTLE_CACHE"] = "memory"
# Cached pages in files, the default's kind, in the run's own folder, emptied before each
# test (conftest.py): keys repeat across tests whose databases were rolled back.
os.environ["CACHE_URL"] = "filecache://" + tempfile.mkdtemp(prefix="goldenthread-pages-")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="goldenthread-media-"))
# A restore's flag of this process's own: one worker's restore test must not refuse the
# other worker's writes.
os.environ["RESTORING_FLAG"] = os.path.join(os.environ["TMPDIR"], "restoring")
# An empty folder of collected static files: WhiteNoise lists STATIC_ROOT whenever a test
# client starts, and after `make demo` (which collects into var/static) that doubled the
# suite's time. The tests' pages take their static files from the apps (finders).
os.environ["STATIC_ROOT"] = tempfile.mkdtemp(prefix="goldenthread-static-")
# With pytest-xdist (`make test`), each worker has a database of its own (pytest-django
# names it after the worker) and so its own folders in the run's: tests that count the
# charts drawn or look for a file must not see another worker's.
if worker := os.environ.get("PYTEST_XDIST_WORKER"):
    for name in ("CHART_CACHE", "MEDIA_ROOT", "CACHE_URL"):
        os.environ[name] = os.path.join(os.environ[name], worker)
