"""Derive data/geo/boundaries.geojson (country polygons for the offline pydeck maps).

Source: Natural Earth 1:110m Admin 0 countries ("naturalearth_lowres"), public domain
(https://www.naturalearthdata.com), as shipped in the PyPI package pyogrio under
pyogrio/tests/fixtures/naturalearth_lowres/. Last run with pyogrio 0.13.0 (bundled GDAL 3.12.4).

Run by hand from the repo root, in a throwaway venv so pyogrio stays out of requirements.txt:

    python -m venv /tmp/geo && /tmp/geo/bin/pip install pyogrio && /tmp/geo/bin/python -m etl.boundaries

The app never imports this module; it only reads the GeoJSON it writes.
"""

from __future__ import annotations

import json
import struct
from itertools import pairwise
from pathlib import Path

import numpy as np
import pyogrio
from pyogrio.raw import read

from etl.contract import CENTRAL_ASIA

PARTNERS = ("AFG", "CHN", "IRN", "RUS", "PAK", "AZE", "MNG", "IND")
FIXTURE = Path(pyogrio.__file__).parent / "tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp"
OUT = Path(__file__).resolve().parents[1] / "data/geo/boundaries.geojson"
DECIMALS = 3  # ~100 m: invisible at country scale, and keeps the file small.
# Natural Earth puts RUS's far-east tip beyond the antimeridian (-180..-170). Drawn there it is a
# detached sliver at the far-left edge of a Mercator map and stretches any fit-to-bounds, so parts
# lying wholly west of this longitude are dropped: for our 13 that is only east Chukotka and east
# Wrangel Island, far outside any Central Asia view.
MIN_LON = -20.0
# iso_a3 is '-99' for a few states in this fixture (France, Norway, Kosovo...); none of ours as of
# pyogrio 0.13.0. If a future fixture blanks one of ours, map its NE name to the code here.
ISO_BY_NAME: dict[str, str] = {}

Ring = list[list[float]]
Polygon = list[Ring]


def parse_wkb(wkb: bytes) -> list[Polygon]:
    """2D WKB Polygon or MultiPolygon -> list of polygons (rings of [lon, lat])."""
    order = "<" if wkb[0] == 1 else ">"
    kind, count = struct.unpack_from(f"{order}II", wkb, 1)
    if kind == 3:
        return [_read_polygon(wkb, 5, order)[0]]
    if kind != 6:
        raise ValueError(f"unexpected WKB geometry type {kind}")
    polygons, offset = [], 9
    for _ in range(count):  # each member carries its own byte-order + type header
        polygon, offset = _read_polygon(wkb, offset + 5, "<" if wkb[offset] == 1 else ">")
        polygons.append(polygon)
    return polygons


def _read_polygon(wkb: bytes, offset: int, order: str) -> tuple[Polygon, int]:
    (n_rings,) = struct.unpack_from(f"{order}I", wkb, offset)
    offset += 4
    rings = []
    for _ in range(n_rings):
        (n_points,) = struct.unpack_from(f"{order}I", wkb, offset)
        coords = np.frombuffer(wkb, f"{order}f8", n_points * 2, offset + 4).reshape(-1, 2)
        rings.append(coords.tolist())
        offset += 4 + 16 * n_points
    return rings, offset


def clean_ring(ring: Ring, exterior: bool) -> Ring | None:
    """Round, drop repeats that rounding creates, and wind per RFC 7946 (exterior counter-clockwise)."""
    out: Ring = []
    for lon, lat in ring:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not out or point != out[-1]:
            out.append(point)
    if len(out) < 4:  # an islet rounded away to nothing
        return None
    signed_area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(out))
    return out if (signed_area > 0) == exterior else out[::-1]


def to_geometry(polygons: list[Polygon]) -> dict:
    kept = []
    for polygon in polygons:
        if max(lon for lon, _ in polygon[0]) < MIN_LON:
            continue
        rings = [clean_ring(ring, exterior=i == 0) for i, ring in enumerate(polygon)]
        if rings[0] is not None:
            kept.append([ring for ring in rings if ring is not None])
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def build() -> dict:
    wanted = set(CENTRAL_ASIA) | set(PARTNERS)
    meta, _, geometries, fields = read(FIXTURE, columns=["name", "iso_a3"], force_2d=True)
    if meta["crs"] != "EPSG:4326":
        raise ValueError(f"expected WGS84, got {meta['crs']}")
    names, codes = fields
    features = []
    for name, code, wkb in zip(names, codes, geometries, strict=True):
        iso3 = ISO_BY_NAME.get(name, code) if code == "-99" else code
        if iso3 not in wanted:
            continue
        properties = {"iso3": iso3, "name_en": name, "is_central_asia": iso3 in CENTRAL_ASIA}
        features.append({"type": "Feature", "properties": properties, "geometry": to_geometry(parse_wkb(wkb))})
    missing = wanted - {f["properties"]["iso3"] for f in features}
    if missing or len(features) != len(wanted):
        raise ValueError(f"missing or duplicated countries: {sorted(missing)} ({len(features)} found)")
    features.sort(key=lambda f: (not f["properties"]["is_central_asia"], f["properties"]["iso3"]))
    return {"type": "FeatureCollection", "features": features}


def write(collection: dict, path: Path) -> None:
    # One feature per line: compact, yet a re-run shows up as a readable per-country git diff.
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")


def main() -> None:
    collection = build()
    write(collection, OUT)
    print(f"wrote {len(collection['features'])} features, {OUT.stat().st_size} bytes, pyogrio {pyogrio.__version__}")


if __name__ == "__main__":
    main()
