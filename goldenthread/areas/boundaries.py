"""Maps read from boundary files: GeoJSON, TopoJSON and HexJSON, told apart by content.

Each file gives one map (a TopoJSON file one map a layer) of shapes or hexagons, each
found by the area's ONS code. Only areas already known are given a shape: a boundary
file covers the whole United Kingdom, and its names are the map maker's, so areas come
from the areas import and the codes not known are counted and reported, never created.

Geometry is kept as GeoJSON coordinates in longitude and latitude, rounded to five
decimal places (about a metre; a map is drawn a few hundred pixels wide), and a hexagon
as its column and row. Everything is read and checked before anything is written, and
written in one transaction; importing the same file twice changes nothing.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from goldenthread.areas.models import Area, Boundary
from goldenthread.areas.signals import reference_data_changed

ONS_CODE = re.compile(r"^[EWSNK]\d{8}$")
NAME_KEY = re.compile(r"(nm|name)$", re.IGNORECASE)
DECIMALS = 5  # of a degree: about a metre
POLYGONS = ("Polygon", "MultiPolygon")


class BoundaryError(ValueError):
    """A boundary file that cannot be read as a map, saying which file, where and why."""


@dataclass(frozen=True)
class Shape:
    """An area's shape as read from a file: a GeoJSON geometry, or a hexagon's q and r."""

    code: str
    name: str
    kind: str  # Boundary.Kind
    geometry: dict
    first_year: int | None = None
    last_year: int | None = None


@dataclass(frozen=True)
class Layer:
    """One map of a file: its name and its shapes."""

    map: str
    shapes: list[Shape]


@dataclass
class Imported:
    """What an import did to one map."""

    map: str
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    unknown: list[str] = field(default_factory=list)

    def headline(self) -> str:
        words = (
            f"{self.map}: {self.added} added, {self.changed} changed, "
            f"{self.unchanged} unchanged, {self.removed} removed"
        )
        if self.unknown:
            shown = ", ".join(self.unknown[:5]) + (", …" if len(self.unknown) > 5 else "")
            words += f"; {len(self.unknown)} codes not known as areas, left out ({shown})"
        return words + "."


def import_boundaries(
    path: Path, *, map_name: str | None = None, layer: str | None = None
) -> list[Imported]:
    """Read the file's maps and store each known area's shape on them, in one go."""
    layers = read_boundaries(path, map_name=map_name, layer=layer)
    codes = {shape.code for each in layers for shape in each.shapes}
    areas = dict(Area.objects.filter(code__in=codes).values_list("code", "pk"))
    with transaction.atomic():
        stored = [_store(each, areas) for each in layers]
        reference_data_changed.send(sender=Boundary)
        return stored


def read_boundaries(
    path: Path, *, map_name: str | None = None, layer: str | None = None
) -> list[Layer]:
    """The maps in a boundary file, recognised by what it holds rather than its name."""
    data = _json(path)
    base = map_name or _slug(path.stem)
    if isinstance(data, dict) and data.get("type") == "Topology":
        return _topology_layers(path, data, base, layer, named=map_name is not None)
    if layer is not None:
        raise BoundaryError(f"{path.name}: only a TopoJSON file has layers to pick from")
    if isinstance(data, dict) and data.get("type") in ("FeatureCollection", "Feature"):
        features = data["features"] if data["type"] == "FeatureCollection" else [data]
        return [Layer(base, _unique(path.name, _features(path.name, features)))]
    if isinstance(data, dict) and isinstance(data.get("hexes"), dict):
        return [Layer(base, _hexes(path.name, data))]
    raise BoundaryError(
        f"{path.name}: not a boundary file: expected GeoJSON (a FeatureCollection), "
        "TopoJSON (a Topology) or HexJSON (hexes)"
    )


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as error:
        raise BoundaryError(f"{path.name}: not JSON ({error})") from None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "map"


# GeoJSON ---------------------------------------------------------------------------


def _features(filename: str, features: list) -> list[Shape]:
    """Shapes from GeoJSON features, finding the code among their properties."""
    if not features:
        raise BoundaryError(f"{filename}: no features")
    properties = [f.get("properties") or {} for f in features]
    code_key, name_key = code_property(properties), name_property(properties)
    if code_key is None:
        raise BoundaryError(f"{filename}: no property holds ONS codes such as E06000034")
    return [
        _shape(filename, f"feature {n}", f.get("geometry"), p, code_key, name_key)
        for n, (f, p) in enumerate(zip(features, properties, strict=True), start=1)
    ]


def code_property(properties: list[dict]) -> str | None:
    """The property whose values look most like ONS codes (LAD23CD, areacd, id)."""
    counts: Counter[str] = Counter()
    for each in properties:
        counts.update(k for k, v in each.items() if isinstance(v, str) and ONS_CODE.match(v))
    if not counts:
        return None
    # Ties (a current and a former code) go to the property named as a code.
    return max(counts, key=lambda k: (counts[k], k.lower().endswith("cd")))


def name_property(properties: list[dict]) -> str | None:
    """The property that names the area: LAD23NM, areanm, name; not the Welsh name."""
    keys = {k for each in properties for k in each}
    named = sorted(k for k in keys if NAME_KEY.search(k))
    return named[0] if named else ("n" if "n" in keys else None)


def _shape(filename, where, geometry, properties, code_key, name_key) -> Shape:
    code = str(properties.get(code_key) or "").strip()
    if not code:
        raise BoundaryError(f"{filename}: {where} has no area code ({code_key} is empty)")
    where = f"{where} ({code})"
    if not isinstance(geometry, dict) or geometry.get("type") not in POLYGONS:
        kind = geometry.get("type") if isinstance(geometry, dict) else "no geometry"
        raise BoundaryError(f"{filename}: {where} is {kind}, not a polygon")
    return Shape(
        code=code,
        name=str(properties.get(name_key) or code) if name_key else code,
        kind=Boundary.Kind.SHAPE,
        geometry={"type": geometry["type"], "coordinates": _rounded(geometry["coordinates"])},
        first_year=_year(properties.get("start")),
        last_year=_year(properties.get("end")),
    )


def _rounded(coordinates: list) -> list:
    if coordinates and isinstance(coordinates[0], int | float):
        return [round(float(c), DECIMALS) for c in coordinates[:2]]
    return [_rounded(part) for part in coordinates]


def _year(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _unique(filename: str, shapes: list[Shape]) -> list[Shape]:
    """A map has one shape an area: a code given twice is a mistake in the file."""
    twice = [code for code, n in Counter(s.code for s in shapes).items() if n > 1]
    if twice:
        raise BoundaryError(f"{filename}: {', '.join(twice[:5])} given more than once")
    return shapes


# TopoJSON --------------------------------------------------------------------------


def _topology_layers(path, data, base, wanted, *, named) -> list[Layer]:
    objects = data.get("objects") or {}
    if wanted is not None and wanted not in objects:
        raise BoundaryError(
            f"{path.name}: no layer {wanted!r}; its layers are {', '.join(sorted(objects))}"
        )
    names = [wanted] if wanted is not None else list(objects)
    if not names:
        raise BoundaryError(f"{path.name}: a TopoJSON file with no layers")
    arcs = decode_arcs(data.get("arcs") or [], data.get("transform"))
    layers = []
    for name in names:
        features = [
            {"properties": g.get("properties"), "geometry": topology_geometry(g, arcs)}
            for g in objects[name].get("geometries") or []
        ]
        # One layer picked and named: the map takes the name alone.
        map_name = base if (wanted is not None and named) else f"{base}-{_slug(name)}"
        where = f"{path.name} layer {name}"
        layers.append(Layer(map_name, _unique(where, _features(where, features))))
    return layers


def decode_arcs(arcs: list, transform: dict | None) -> list[list[list[float]]]:
    """TopoJSON's arcs as longitude and latitude: quantized arcs are delta-encoded
    (each point is the step from the one before) and scaled by the transform."""
    if not transform:
        return [[[float(x), float(y)] for x, y, *_ in arc] for arc in arcs]
    (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
    decoded = []
    for arc in arcs:
        x = y = 0
        points = []
        for step in arc:
            x, y = x + step[0], y + step[1]
            points.append([x * kx + dx, y * ky + dy])
        decoded.append(points)
    return decoded


def topology_geometry(geometry: dict, arcs: list) -> dict | None:
    """A TopoJSON polygon or multipolygon as GeoJSON; None for any other type."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return {"type": kind, "coordinates": _polygon(geometry["arcs"], arcs)}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [_polygon(p, arcs) for p in geometry["arcs"]]}
    return {"type": kind} if kind else None


def _polygon(rings: list[list[int]], arcs: list) -> list:
    return [_ring(ring, arcs) for ring in rings]


def _ring(indexes: list[int], arcs: list) -> list[list[float]]:
    """Arcs joined end to end; ~i is arc i reversed; each arc starts where the last ended."""
    points: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


# HexJSON ---------------------------------------------------------------------------


def _hexes(filename: str, data: dict) -> list[Shape]:
    hexes, layout = data["hexes"], str(data.get("layout") or "odd-r")
    if not hexes:
        raise BoundaryError(f"{filename}: no hexes")
    shapes = []
    for key, cell in hexes.items():
        if not isinstance(cell, dict) or not all(_is_int(cell.get(c)) for c in ("q", "r")):
            raise BoundaryError(f"{filename}: hex {key} has no whole-number q and r")
        # odileeds keys hexes by code; others give it as id.
        code = key if ONS_CODE.match(key) else str(cell.get("id") or key)
        geometry = {"q": int(cell["q"]), "r": int(cell["r"]), "layout": layout}
        name = str(cell.get("n") or cell.get("name") or code)
        shapes.append(Shape(code, name, Boundary.Kind.HEX, geometry))
    return shapes


def _is_int(value: Any) -> bool:
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


# Storing ---------------------------------------------------------------------------


def _store(layer: Layer, areas: dict[str, int]) -> Imported:
    """Make the stored map the file's: add, change, and remove shapes no longer in it."""
    done = Imported(layer.map)
    existing = {b.area_id: b for b in Boundary.objects.filter(map=layer.map)}
    fresh, changed, kept = [], [], set()
    for shape in layer.shapes:
        area_id = areas.get(shape.code)
        if area_id is None:
            done.unknown.append(shape.code)
            continue
        kept.add(area_id)
        wanted = Boundary(
            map=layer.map,
            kind=shape.kind,
            area_id=area_id,
            geometry=shape.geometry,
            first_year=shape.first_year,
            last_year=shape.last_year,
        )
        old = existing.get(area_id)
        if old is None:
            fresh.append(wanted)
        elif _fields(old) != _fields(wanted):
            wanted.pk = old.pk
            changed.append(wanted)
    Boundary.objects.bulk_create(fresh)
    Boundary.objects.bulk_update(changed, ["kind", "geometry", "first_year", "last_year"])
    gone = [pk for area_id, pk in ((a, b.pk) for a, b in existing.items()) if area_id not in kept]
    Boundary.objects.filter(pk__in=gone).delete()
    done.added, done.changed, done.removed = len(fresh), len(changed), len(gone)
    done.unchanged = len(kept) - done.added - done.changed
    return done


def _fields(boundary: Boundary) -> tuple:
    return (boundary.kind, boundary.geometry, boundary.first_year, boundary.last_year)
