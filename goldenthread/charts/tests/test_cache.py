"""Chart images are kept in the "charts" storage by what they show, within a bound."""

from __future__ import annotations

import os
import time

import pytest

from goldenthread import charts


def test_the_chart_images_kept_are_bounded_the_oldest_going_first(settings, tmp_path):
    settings.STORAGES = settings.STORAGES | {
        "charts": {
            "BACKEND": "goldenthread.lib.storage.LocalFolderStorage",
            "OPTIONS": {"location": tmp_path},
        }
    }
    settings.CHART_CACHE_MAX_ENTRIES = 3
    for minutes, key in [(30, "a"), (20, "b"), (10, "c")]:
        charts._cached(f"{key}.svg", lambda key=key: f"<svg>{key}</svg>")
        os.utime(tmp_path / f"{key}.svg", (time.time() - minutes * 60,) * 2)
    assert len(os.listdir(tmp_path)) == 3  # within the bound: all kept

    charts._cached("d.svg", lambda: "<svg>d</svg>")

    # Past the bound, the oldest go until two thirds of it are left, as Django's file
    # cache culls: not a deletion at every drawing.
    assert sorted(os.listdir(tmp_path)) == ["c.svg", "d.svg"]
    assert charts._cached("d.svg", pytest.fail) == "<svg>d</svg>"  # kept: not drawn again
