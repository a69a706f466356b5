import json

import pytest
from django.core.management import CommandError, call_command

from goldenthread.areas.boundaries import (
    BoundaryError,
    code_property,
    decode_arcs,
    import_boundaries,
    read_boundaries,
)
from goldenthread.areas.models import Boundary
from goldenthread.areas.tests.factories import AreaFactory
from goldenthread.testing.corpus import shared_file

ONS_TOPOJSON = "reference-data/ONSvisual__uk-topojson/output/topo.json"
LAD_GEOJSON = (
    "reference-data/JT-39__ofsted-ilacs-scrape-tool/import_data/geospatial/"
    "local_authority_districts_boundaries.json"
)
UTLA_HEXJSON = "reference-data/odileeds__hexmaps/maps/uk-upper-tier-local-authorities.hexjson"
SQUARE = [[[0.0, 51.0], [1.0, 51.0], [1.0, 52.0], [0.0, 52.0], [0.0, 51.0]]]


def feature(code, name="Somewhere", geometry=None, key="LAD23CD"):
    return {
        "type": "Feature",
        "properties": {key: code, key[:-2] + "NM": name, "OBJECTID": 1},
        "geometry": geometry or {"type": "Polygon", "coordinates": SQUARE},
    }


def write(path, data):
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


# The published files, read once for the module ---------------------------------------


@pytest.fixture(scope="module")
def utla_layer():
    path = shared_file(ONS_TOPOJSON)
    raw = json.loads(path.read_text())["objects"]["utla"]["geometries"]
    [layer] = read_boundaries(path, map_name="ons", layer="utla")
    return layer, raw


def test_the_ons_topojson_utla_layer_gives_a_shape_for_each_authority(utla_layer):
    layer, raw = utla_layer

    assert layer.map == "ons"
    assert [s.code for s in layer.shapes] == [g["properties"]["areacd"] for g in raw]
    thurrock = next(s for s in layer.shapes if s.code == "E06000034")
    assert thurrock.name == "Thurrock"
    points = [p for ring in thurrock.geometry["coordinates"][0] for p in ring]
    # Decoded to longitude and latitude: Thurrock lies on the Thames, east of London.
    assert all(0.1 < lon < 0.6 and 51.4 < lat < 51.6 for lon, lat in points)
    ended = {
        g["properties"]["areacd"]: g["properties"]["end"] for g in raw if "end" in g["properties"]
    }
    assert {s.code: s.last_year for s in layer.shapes if s.last_year} == ended


def test_a_layer_picked_from_the_ons_topojson_is_named_after_the_file_and_layer():
    path = shared_file(ONS_TOPOJSON)
    regions = json.loads(path.read_text())["objects"]["rgn"]["geometries"]

    [layer] = read_boundaries(path, layer="rgn")

    assert layer.map == "topo-rgn"
    assert {s.code: s.name for s in layer.shapes} == {
        g["properties"]["areacd"]: g["properties"]["areanm"] for g in regions
    }


def test_the_lad_geojson_finds_its_code_property_by_pattern():
    path = shared_file(LAD_GEOJSON)
    features = json.loads(path.read_text())["features"]

    [layer] = read_boundaries(path)

    assert layer.map == "local-authority-districts-boundaries"
    assert [s.code for s in layer.shapes] == [f["properties"]["LAD23CD"] for f in features]
    assert [s.name for s in layer.shapes] == [f["properties"]["LAD23NM"] for f in features]
    assert {s.geometry["type"] for s in layer.shapes} == {"Polygon", "MultiPolygon"}


def test_the_utla_hexjson_gives_a_hexagon_for_each_authority():
    path = shared_file(UTLA_HEXJSON)
    hexes = json.loads(path.read_text())["hexes"]

    [layer] = read_boundaries(path)

    assert {s.code: (s.geometry["q"], s.geometry["r"]) for s in layer.shapes} == {
        code: (cell["q"], cell["r"]) for code, cell in hexes.items()
    }
    assert {s.kind for s in layer.shapes} == {"hex"}


@pytest.mark.django_db
def test_importing_matches_known_areas_counts_the_rest_and_twice_changes_nothing():
    path = shared_file(UTLA_HEXJSON)
    total = len(json.loads(path.read_text())["hexes"])
    AreaFactory(code="E06000034", name="Thurrock")
    AreaFactory(code="E10000012", name="Essex")

    [first] = import_boundaries(path, map_name="utla-hexes")
    stored = list(Boundary.objects.values_list("area__code", "kind", "geometry"))
    [again] = import_boundaries(path, map_name="utla-hexes")

    assert (first.added, len(first.unknown)) == (2, total - 2)
    assert (again.added, again.changed, again.unchanged, again.removed) == (0, 0, 2, 0)
    assert list(Boundary.objects.values_list("area__code", "kind", "geometry")) == stored
    assert "left out" in first.headline()


# Small files of our own --------------------------------------------------------------


def test_a_file_is_recognised_by_what_it_holds_not_its_name(tmp_path):
    geojson = write(
        tmp_path / "areas.txt", {"type": "FeatureCollection", "features": [feature("E06000034")]}
    )
    hexjson = write(
        tmp_path / "hexes.json",
        {"layout": "odd-r", "hexes": {"E06000034": {"q": 3, "r": 4, "n": "Thurrock"}}},
    )

    [shapes] = read_boundaries(geojson)
    [hexes] = read_boundaries(hexjson)

    assert (shapes.shapes[0].kind, shapes.shapes[0].geometry["type"]) == ("shape", "Polygon")
    assert (hexes.shapes[0].kind, hexes.shapes[0].name) == ("hex", "Thurrock")


def test_the_code_is_the_property_that_holds_ons_codes():
    properties = [
        {"OBJECTID": "1", "GlobalID": "{FF5A}", "ctyua19cd": "E06000034"},
        {"OBJECTID": "2", "GlobalID": "{FF5B}", "ctyua19cd": "E10000012"},
    ]

    assert code_property(properties) == "ctyua19cd"
    assert code_property([{"OBJECTID": "1"}]) is None


def test_topojson_arcs_are_delta_decoded_and_scaled():
    # Steps from (0, 0): to (1, 0), (1, 1), (0, 1), back to (0, 0); a half and a quarter.
    arcs = [[[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1]]]
    transform = {"scale": [0.5, 0.25], "translate": [-1, 50]}

    assert decode_arcs(arcs, transform) == [
        [[-1, 50], [-0.5, 50], [-0.5, 50.25], [-1, 50.25], [-1, 50]]
    ]


def test_a_small_topojson_is_read_by_layer_with_reversed_arcs(tmp_path):
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 50]},
        "arcs": [[[0, 0], [1, 0], [0, 1]], [[1, 1], [-1, 0], [0, -1]]],
        "objects": {
            "utla": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"areacd": "E06000034", "areanm": "Thurrock", "end": 2020}},
            ]},
            "rgn": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[~1, ~0]], "properties": {"areacd": "E12000006", "areanm": "East"}},
            ]},
        },
    }  # fmt: skip
    path = write(tmp_path / "small.json", topology)

    utla, rgn = read_boundaries(path)

    assert (utla.map, rgn.map) == ("small-utla", "small-rgn")
    assert utla.shapes[0].geometry["coordinates"] == [[[0, 50], [1, 50], [1, 51], [0, 51], [0, 50]]]
    assert rgn.shapes[0].geometry["coordinates"] == [[[0, 50], [0, 51], [1, 51], [1, 50], [0, 50]]]
    assert utla.shapes[0].last_year == 2020


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("this is not json", "bad.json: not JSON"),
        ({"type": "FeatureCollection", "features": []}, "bad.json: no features"),
        (
            {"type": "FeatureCollection", "features": [feature("E06000034"), feature("")]},
            "bad.json: feature 2 has no area code (LAD23CD is empty)",
        ),
        (
            {"type": "FeatureCollection", "features": [feature("E06000034", geometry={"type": "Point", "coordinates": [0, 51]})]},
            "bad.json: feature 1 (E06000034) is Point, not a polygon",
        ),
        (
            {"type": "FeatureCollection", "features": [feature("E06000034"), feature("E06000034")]},
            "bad.json: E06000034 given more than once",
        ),
        ({"hexes": {"E06000034": {"q": 1}}}, "bad.json: hex E06000034 has no whole-number q and r"),
        ({"type": "Topology", "arcs": [], "objects": {}}, "bad.json: a TopoJSON file with no layers"),
        ([1, 2, 3], "bad.json: not a boundary file"),
    ],
)  # fmt: skip
def test_bad_input_says_which_file_where_and_why(tmp_path, content, said):
    with pytest.raises(BoundaryError) as refused:
        read_boundaries(write(tmp_path / "bad.json", content))

    assert str(refused.value).startswith(said)


@pytest.mark.django_db
def test_the_command_imports_in_one_go_or_not_at_all(tmp_path):
    AreaFactory(code="E06000034", name="Thurrock")
    good = write(
        tmp_path / "good.json",
        {"type": "FeatureCollection", "features": [feature("E06000034"), feature("W06000001")]},
    )
    bad = write(
        tmp_path / "bad.json", {"hexes": {"E06000034": {"q": 1, "r": 2}, "E10000012": {"q": "x"}}}
    )

    with pytest.raises(CommandError, match="Nothing was imported. bad.json: hex E10000012"):
        call_command("import_boundaries", str(bad))
    assert not Boundary.objects.exists()

    out = _run("import_boundaries", str(good), "--map", "lad")
    assert "lad: 1 added, 0 changed, 0 unchanged, 0 removed; 1 codes not known" in out
    assert list(Boundary.objects.values_list("map", "area__code", "kind")) == [
        ("lad", "E06000034", "shape")
    ]


@pytest.mark.django_db
def test_a_shape_no_longer_in_the_file_is_removed_from_its_map(tmp_path):
    AreaFactory(code="E06000034")
    AreaFactory(code="E06000033")
    both = {"type": "FeatureCollection", "features": [feature("E06000034"), feature("E06000033")]}
    import_boundaries(write(tmp_path / "lad.json", both))

    both["features"].pop()
    [done] = import_boundaries(write(tmp_path / "lad.json", both))

    assert (done.unchanged, done.removed) == (1, 1)
    assert list(Boundary.objects.values_list("area__code", flat=True)) == ["E06000034"]


def _run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()
