"""The seed corpus every app's tests share: the real annual report and plan document the
demo is made of, and the demo's hand-typed indicator figures (``demo/data/SOURCE.md``).

Named here as files, not imported from the demo, so that an app's tests depend on no
app above it (the layers in ``pyproject.toml``).
"""

from pathlib import Path

from django.conf import settings

DATA = Path(settings.BASE_DIR) / "demo" / "data"
ANNUAL_REPORT = DATA / "thurrock-cypp-annual-report-2014-15.txt"
PLAN_DOCUMENT = DATA / "thurrock-cypp-2013-16-plan.txt"
AREAS, INDICATORS, TARGETS = DATA / "areas.csv", DATA / "indicators.csv", DATA / "targets.csv"
DEFINITIONS = [AREAS, INDICATORS, TARGETS]
VALUES = DATA / "indicator-values.csv"

# Other people's published files (real Fingertips exports, DfE and ONS reference data),
# kept beside the repository in ``../shared`` and never copied into it. CI has them; a
# test that needs one is skipped, saying which, where they are absent.
SHARED = Path(settings.BASE_DIR).parent.parent / "shared"
FINGERTIPS = SHARED / "real-data" / "fingertips"
REFERENCE = SHARED / "reference-data"


def shared_file(relative: str) -> Path:
    """A file under ``../shared``, or the test is skipped saying what is missing."""
    import pytest  # only tests ask for shared files

    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"needs ../shared/{relative}, which is not beside this checkout")
    return path
