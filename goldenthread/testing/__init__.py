"""Loaded by pytest before Django starts (``-p goldenthread.testing`` in pyproject.toml).

Tests run with safe development values whatever the environment says, except the
database, which CI may point at PostgreSQL through DATABASE_URL.
"""

import os
import tempfile

os.environ["DEBUG"] = "1"
os.environ.setdefault("SECRET_KEY", "test-secret-key")
# Each run draws its charts afresh, into a cache of its own.
os.environ.setdefault("CHART_CACHE", tempfile.mkdtemp(prefix="goldenthread-charts-"))
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="goldenthread-media-"))
