"""Templates keep to the layers the Python code keeps to (import-linter's contract in
pyproject.toml): a page includes, extends or loads tags only from its own app and those
below it. What an app above adds to a page goes through the page's slots
(``web.parts``) and the navigation (``web.navigation``). Links to another app's pages by
URL name are not dependencies, and are allowed."""

import re
import tomllib
from pathlib import Path

from django.conf import settings
from django.template import engines
from django.template.loader import get_template

PACKAGE = Path(settings.BASE_DIR)
USES = re.compile(r"{%\s*(?:(?:include|extends)\s+\"([^\"]+)\"|load\s+([\w\s]+?))\s*%}")


def layer_of() -> dict[str, int]:
    """Each app's layer, counted from the top, as the import-linter contract lists them."""
    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return {
        app.strip().removeprefix("goldenthread."): depth
        for depth, layer in enumerate(contract["layers"])
        for app in layer.split("|")
    }


def app_of(path: str) -> str | None:
    parts = Path(path).resolve().relative_to(PACKAGE.resolve()).parts
    return parts[0] if len(parts) > 1 else None


def test_templates_use_only_their_own_layer_and_those_below():
    layers = layer_of()
    # Each tag library's module: "goldenthread.strategy.templatetags.strategy".
    libraries = engines["django"].engine.libraries
    wrong = []
    for template in PACKAGE.glob("*/templates/**/*.html"):
        app = app_of(str(template))
        for name, loads in USES.findall(template.read_text()):
            if loads:
                modules = [libraries.get(lib, "") for lib in loads.split()]
                used = [m.split(".")[1] for m in modules if m.startswith("goldenthread.")]
            else:
                used = [app_of(get_template(name).origin.name)]
            above = [other for other in used if other in layers and layers[other] < layers[app]]
            wrong += [f"{template.relative_to(PACKAGE)} uses {other}" for other in above]
    assert wrong == []
