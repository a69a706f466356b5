"""Loaded by pytest before Django starts (``-p goldenthread.testing`` in pyproject.toml).

Tests run with safe development values whatever the environment says, except the
database, which CI may point at PostgreSQL through DATABASE_URL.
"""

import os

os.environ["DEBUG"] = "1"
os.environ.setdefault("SECRET_KEY", "test-secret-key")
