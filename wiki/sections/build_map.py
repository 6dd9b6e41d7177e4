"""Build ``data/world-map.json`` from the Natural Earth 1:110m world map SVG.

Run by hand when the source map changes (it is not used at run time)::

    python -m wiki.sections.build_map ../shared/data/countries/world-map-110m.svg

The source (``world-map-110m.svg``) was rendered from Natural Earth 1:110m
admin-0 countries (public domain; "Made with Natural Earth") with the Natural
Earth I projection. To keep ``/ns/Country`` light, coordinates are rounded to
whole units of the 1000 x 520 view box, points that round onto the previous one
are dropped, rings that collapse are dropped, and Antarctica is left out. The
M49 region of every country (``countries.csv``, datasets/country-codes,
ODC-PDDL) is kept beside the paths."""
import csv
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "world-map.json"
PATH = re.compile(r'<path id="([^"]+)"(?: class="[^"]*")?[^>]*?data-name="([^"]*)" d="([^"]+)"')
TOKEN = re.compile(r"[MlLmzZ]|-?\d+(?:\.\d+)?")
LEFT_OUT = {"AQ"}
#: Coordinates are multiplied by this before rounding (1 = whole units).
SCALE = 1


def rings(d):
    """Absolute rings ``[[(x, y), ...], ...]`` of a path made of M, l and z."""
    tokens = TOKEN.findall(d)
    found, ring, x, y, i, command = [], [], 0.0, 0.0, 0, None
    while i < len(tokens):
        token = tokens[i]
        if token in "MLmlzZ":
            command = token
            i += 1
            if token in "zZ":
                if ring:
                    found.append(ring)
                ring = []
            continue
        a, b = float(tokens[i]), float(tokens[i + 1])
        i += 2
        if command == "M":
            if ring:
                found.append(ring)
            x, y, ring = a, b, [(a, b)]
            command = "l"
        elif command == "m":
            x, y = x + a, y + b
            ring = [(x, y)]
            command = "l"
        elif command == "L":
            x, y = a, b
            ring.append((x, y))
        else:
            x, y = x + a, y + b
            ring.append((x, y))
    if ring:
        found.append(ring)
    return found


def compact(d):
    """The path again, rounded, relative, without repeated points."""
    parts = []
    for ring in rings(d):
        points = []
        for x, y in ring:
            point = (round(x * SCALE), round(y * SCALE))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 1 and points[-1] == points[0]:
            points.pop()
        if len(set(points)) < 3:
            continue
        steps = []
        for before, point in zip(points, points[1:]):
            step = (point[0] - before[0], point[1] - before[1])
            # Two steps along the same line are one: l0 1l0 1 -> l0 2.
            if steps and steps[-1][0] * step[1] == steps[-1][1] * step[0] and \
                    steps[-1][0] * step[0] >= 0 and steps[-1][1] * step[1] >= 0:
                steps[-1] = (steps[-1][0] + step[0], steps[-1][1] + step[1])
            else:
                steps.append(step)
        text = f"M{points[0][0]} {points[0][1]}"
        text += "".join(f"l{dx} {dy}".replace(" -", "-") for dx, dy in steps)
        parts.append(text + "z")
    return "".join(parts)


def build(source):
    text = Path(source).read_text(encoding="utf-8")
    view_box = re.search(r'viewBox="([^"]+)"', text).group(1).split()
    paths = []
    for code, name, d in PATH.findall(text):
        if code in LEFT_OUT:
            continue
        path = compact(d)
        if path:
            paths.append({"id": code, "name": name, "d": path})
    width, height = (round(float(v) * SCALE) for v in view_box[2:])
    # The region of every ISO country (M49, from countries.csv beside the map),
    # to prefill the profile form and to group profiles without one.
    with open(Path(source).parent / "countries.csv", encoding="utf-8", newline="") as fh:
        regions = {row["iso2"]: row["region"] for row in csv.DictReader(fh) if row["region"]}
    return {"viewBox": f"0 0 {width} {height}", "regions": regions,
            "source": "Natural Earth 1:110m admin-0 countries (public domain), "
                      "Natural Earth I projection",
            "paths": paths}


if __name__ == "__main__":  # pragma: no cover - a build tool
    data = build(sys.argv[1] if len(sys.argv) > 1 else
                 "../shared/data/countries/world-map-110m.svg")
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{len(data['paths'])} paths, {OUT.stat().st_size} bytes -> {OUT}")
