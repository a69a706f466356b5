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
