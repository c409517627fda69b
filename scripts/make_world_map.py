"""Build herald/web/world.json: country outlines for the web UI's map, from Natural Earth.

Natural Earth (public domain) 1:110m admin-0 countries, as shipped inside the geopandas 0.14
wheel (``geopandas/datasets/naturalearth_lowres``; later geopandas releases dropped it).
Run once by a maintainer; the output is committed, so nothing is fetched at run time:

    pip download --no-deps -d /tmp/ne geopandas==0.14.4
    unzip -o /tmp/ne/geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*' -d /tmp/ne
    python scripts/make_world_map.py /tmp/ne/geopandas/datasets/naturalearth_lowres

Output: {"source", "projection", "width", "height", "countries": [{"iso3", "name", "d"}]}
where ``d`` is an SVG path in an equirectangular projection: x = lon + 180, y = 90 - lat,
rounded to 0.1 degree (the 1:110m data is no finer than that).
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

POLYGON = 5


def read_dbf(path: Path) -> list[dict[str, str]]:
    """The attribute rows of a dBASE III file, every value as stripped text."""
    data = path.read_bytes()
    count, header_size, record_size = struct.unpack("<IHH", data[4:12])
    fields: list[tuple[str, int]] = []
    offset = 32
    while data[offset] != 0x0D:
        name = data[offset : offset + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[offset + 16]))
        offset += 32
    rows = []
    for n in range(count):
        start = header_size + n * record_size + 1  # skip the deletion flag
        row = {}
        for name, size in fields:
            row[name] = data[start : start + size].decode("utf-8", "replace").strip()
            start += size
        rows.append(row)
    return rows


def read_polygons(path: Path) -> list[list[list[tuple[float, float]]]]:
    """The rings of each polygon record of a .shp file, as (lon, lat) points."""
    data = path.read_bytes()
    offset = 100
    shapes = []
    while offset < len(data):
        _number, length = struct.unpack(">II", data[offset : offset + 8])
        body = data[offset + 8 : offset + 8 + 2 * length]
        offset += 8 + 2 * length
        (kind,) = struct.unpack("<i", body[:4])
        if kind != POLYGON:
            shapes.append([])
            continue
        parts_count, points_count = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{parts_count}i", body[44 : 44 + 4 * parts_count]))
        base = 44 + 4 * parts_count
        points = [
            struct.unpack("<dd", body[base + 16 * i : base + 16 * i + 16])
            for i in range(points_count)
        ]
        bounds = [*parts, points_count]
        shapes.append([points[bounds[i] : bounds[i + 1]] for i in range(parts_count)])
    return shapes


def ring_path(ring: list[tuple[float, float]]) -> str:
    """One ring as an SVG subpath, dropping points that round onto the previous one."""
    out: list[str] = []
    last = None
    for lon, lat in ring:
        point = (round(lon + 180, 1), round(90 - lat, 1))
        if point == last:
            continue
        out.append(f"{point[0]:g} {point[1]:g}")
        last = point
    return ("M" + "L".join(out) + "Z") if len(out) >= 3 else ""


def main(folder: str) -> None:
    base = Path(folder)
    rows = read_dbf(next(base.glob("*.dbf")))
    shapes = read_polygons(next(base.glob("*.shp")))
    countries = []
    for row, rings in zip(rows, shapes, strict=True):
        path = "".join(ring_path(ring) for ring in rings)
        if path:
            countries.append({"iso3": row["iso_a3"], "name": row["name"], "d": path})
    countries.sort(key=lambda country: country["name"])
    output = {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), "
        "via the geopandas 0.14.4 wheel",
        "projection": "equirectangular: x = lon + 180, y = 90 - lat",
        "width": 360,
        "height": 180,
        "countries": countries,
    }
    target = Path(__file__).resolve().parent.parent / "herald" / "web" / "world.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(output, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(countries)} countries -> {target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
