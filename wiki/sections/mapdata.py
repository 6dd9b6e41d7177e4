"""The world map of ``/ns/Country``: country shapes, regions, and colour classes.

The shapes come from ``data/world-map.json`` (Natural Earth 1:110m, public
domain, rounded by ``build_map.py``), read once per process. Colours are five
quantile classes (``q1`` to ``q5``) of the chosen indicator over the profiles
that have it; the stylesheet gives each class its fill (no inline style: CSP)."""
import json
from functools import lru_cache
from pathlib import Path

from flask_babel import format_decimal

MAP_FILE = Path(__file__).resolve().parent / "data" / "world-map.json"
CLASSES = 5


@lru_cache(maxsize=1)
def world_map():
    with open(MAP_FILE, encoding="utf-8") as fh:
        return json.load(fh)


def region_of(iso2):
    """The M49 region (Africa, Americas, Asia, Europe, Oceania) of a country, or ''."""
    return world_map()["regions"].get((iso2 or "").upper(), "")


def breaks(values):
    """The upper bounds of the first four classes: the 20th, 40th, 60th and
    80th percentiles of ``values`` (nearest rank), so each class holds about a
    fifth of the countries."""
    ordered = sorted(values)
    if not ordered:
        return []
    found = []
    for step in range(1, CLASSES):
        index = max(0, -(-step * len(ordered) // CLASSES) - 1)
        found.append(ordered[index])
    return found


def class_of(value, bounds):
    """``1`` to ``5``: the first class whose upper bound is at least ``value``."""
    for index, bound in enumerate(bounds, start=1):
        if value <= bound:
            return index
    return len(bounds) + 1


def legend(values, bounds):
    """``[(class number, low, high)]`` for the classes that hold a value."""
    ordered = sorted(values)
    if not ordered:
        return []
    rows = []
    for number in range(1, len(bounds) + 2):
        members = [v for v in ordered if class_of(v, bounds) == number]
        if members:
            rows.append((number, members[0], members[-1]))
    return rows


def shown(value):
    """A number for the legend in the reader's locale: whole above 1000."""
    if value is None:
        return ""
    if abs(value) >= 1000:
        return format_decimal(round(value), format="#,##0")
    return format_decimal(round(value, 2), format="#,##0.##")
