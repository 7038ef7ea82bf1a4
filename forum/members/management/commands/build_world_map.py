"""Build the members map's base: the world's countries, simplified once, as SVG paths.

The countries come from Natural Earth (public domain) by way of npm's `world-atlas`
(TopoJSON, ISO 3166-1 numeric ids); `i18n-iso-countries` gives the alpha-2 code of each
numeric id, as `Member.iso_code` names a member. Both are development dependencies in
package.json: `npm ci` installs them in node_modules/. The result is committed
(forum/members/data/world.json, described in the README beside it), so the site needs
neither Node nor the packages: run this again only to change the map's drawing.

What it does, once: projects longitude and latitude with the Equal Earth projection,
leaves Antarctica out, simplifies each border once for both countries that share it
(Douglas-Peucker, so that neighbours still meet), rounds to whole units of a map 2,000
wide, drops islands too small to see (a country always keeps its largest piece) and
writes each country as one compact path of relative moves. A country too small to find
on the map (or absent from the 1:110m atlas, placed from the 1:50m one) gets a dot.
"""

import itertools
import json
import math
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
ATLAS = NODE_MODULES / "world-atlas" / "countries-110m.json"
FINE_ATLAS = NODE_MODULES / "world-atlas" / "countries-50m.json"
CODES = NODE_MODULES / "i18n-iso-countries" / "codes.json"
OUTPUT = Path(__file__).resolve().parents[2] / "data" / "world.json"

WIDTH = 2000  # map units from 180° W to 180° E at the equator
TOLERANCE = 0.7  # map units a simplified border may stray from the original
SMALLEST_ISLAND = 24.0  # square map units: smaller pieces are dropped
DOT_BELOW = 240.0  # square map units: a smaller country gets a dot as well
MARGIN = 8  # map units around the land
ANTARCTICA = "010"

# Equal Earth (Šavrič, Patterson and Jenny, 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    theta = math.asin(M * math.sin(math.radians(latitude)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = math.radians(longitude) * math.cos(theta)
    x /= M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, -y


SCALE = WIDTH / (2 * equal_earth(180, 0)[0])


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as projected points (map units, the origin at 0° 0°)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            px, py = equal_earth(x * sx + tx, y * sy + ty)
            points.append((px * SCALE, py * SCALE))
        arcs.append(points)
    return arcs


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, keeping both ends (where borders meet)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs(dy * (px - ax) - dx * (py - ay)) / length
            else:  # a closed arc: measure from its one end
                distance = math.hypot(px - ax, py - ay)
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def crosses(a, b) -> bool:
    """Whether a ring steps along the antimeridian from one edge of the map to the other
    (Fiji, Russia): no real border is a third of the world long."""
    return abs(a[0] - b[0]) > WIDTH / 3


def runs(points: list) -> list[list]:
    """The points in runs that do not cross the antimeridian."""
    pieces = [[points[0]]]
    for a, b in itertools.pairwise(points):
        if crosses(a, b):
            pieces.append([])
        pieces[-1].append(b)
    return pieces


def simplify_arc(points: list) -> list:
    return [point for run in runs(points) for point in simplify(run, TOLERANCE)]


def ring_points(ring: list[int], arcs: list) -> list[list[tuple[int, int]]]:
    """A ring's points, from its arcs (~i is arc i backwards), rounded, without repeats;
    a ring that runs along the antimeridian is cut there, one ring on each edge."""
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    cuts = [i + 1 for i, (a, b) in enumerate(itertools.pairwise(points)) if crosses(a, b)]
    if cuts:  # start after a crossing, so that each run is one whole ring
        points = points[cuts[0] :] + points[1 : cuts[0]]
    rings = []
    for run in runs(points):
        rounded = []
        for x, y in run:
            point = (round(x), round(y))
            if not rounded or rounded[-1] != point:
                rounded.append(point)
        if len(rounded) > 1 and rounded[0] == rounded[-1]:
            rounded.pop()
        rings.append(rounded)
    return rings


def closed(points):
    """A ring's edges, the last back to the first."""
    return itertools.pairwise([*points, points[0]])


def area(points) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in closed(points)) / 2)


def centroid(points) -> tuple[float, float]:
    signed = cx = cy = 0.0
    for (x0, y0), (x1, y1) in closed(points):
        cross = x0 * y1 - x1 * y0
        signed += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not signed:
        xs, ys = zip(*points, strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)
    return cx / (3 * signed), cy / (3 * signed)


def polygons_of(geometry: dict) -> list:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


def shape(geometry: dict, arcs: list) -> tuple[list, float, tuple]:
    """A country's pieces (each a list of rings of points) big enough to see, its area
    and the middle of its largest piece."""
    pieces = []
    for polygon in polygons_of(geometry):
        outers, *holes = [ring_points(ring, arcs) for ring in polygon]
        holes = [ring for rings in holes for ring in rings if len(ring) >= 3]
        for outer in (ring for ring in outers if len(ring) >= 3):
            # A hole belongs to an outer ring cut at the antimeridian only if uncut.
            pieces.append((area(outer), [outer, *(holes if len(outers) == 1 else [])]))
    if not pieces:
        return [], 0.0, None
    pieces.sort(key=lambda piece: -piece[0])
    largest = pieces[0]
    kept = [largest] + [piece for piece in pieces[1:] if piece[0] >= SMALLEST_ISLAND]
    return [rings for _, rings in kept], sum(size for size, _ in kept), centroid(largest[1][0])


def path_data(pieces: list, dx: int, dy: int) -> str:
    """SVG path data: each ring an absolute move, then relative lines, closed."""
    out = []
    for rings in pieces:
        for ring in rings:
            (x, y), rest = ring[0], ring[1:]
            out.append(f"M{x - dx} {y - dy}l")
            numbers = []
            for nx, ny in rest:
                numbers += [nx - x, ny - y]
                x, y = nx, ny
            out.append(
                "".join(f"{n}" if i == 0 or n < 0 else f" {n}" for i, n in enumerate(numbers))
            )
            out.append("z")
    return "".join(out).replace("lz", "z")


SOURCE = (
    "Natural Earth 1:110m Admin 0 - Countries, public domain, from npm world-atlas {atlas} "
    "(ISC licence); ISO 3166-1 codes from npm i18n-iso-countries {codes} (MIT licence). "
    "Built by `python manage.py build_world_map`: see README.md."
)


def version_of(path: Path) -> str:
    """The version of the npm package that holds `path`."""
    return json.loads((path.parent / "package.json").read_text())["version"]


def build(atlas: dict, fine_atlas: dict, codes: list, source: str = "") -> dict:
    """The map's data: its size, each country's path (and dot) by ISO alpha-2 code, and
    the shapes that have no code (N. Cyprus, Somaliland, Kosovo) as one path."""
    alpha2 = {numeric: code for code, _alpha3, numeric, *_ in codes}
    arcs = [simplify_arc(arc) for arc in decode_arcs(atlas)]
    drawn, others, shown = {}, [], []
    for geometry in atlas["objects"]["countries"]["geometries"]:
        if geometry.get("id") == ANTARCTICA:
            continue
        pieces, size, middle = shape(geometry, arcs)
        if not pieces:
            continue
        shown += [point for rings in pieces for point in rings[0]]
        code = alpha2.get(geometry.get("id"))
        if code is None:  # N. Cyprus, Somaliland, Kosovo: no ISO 3166-1 code
            others.append(pieces)
        else:
            drawn[code] = (pieces, middle if size < DOT_BELOW else None)

    # Countries too small for the 1:110m atlas: a dot where the 1:50m one puts them.
    missing = {numeric for numeric, code in alpha2.items() if code not in drawn}
    fine_arcs = None
    dots = {}
    for geometry in fine_atlas["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        if numeric not in missing or numeric == ANTARCTICA:
            continue
        fine_arcs = fine_arcs or decode_arcs(fine_atlas)
        points = max(
            (
                [
                    p
                    for index in polygon[0]
                    for p in (fine_arcs[index] if index >= 0 else fine_arcs[~index])
                ]
                for polygon in polygons_of(geometry)
            ),
            key=len,
            default=None,
        )
        if points:
            dots[alpha2[numeric]] = centroid(points)

    xs, ys = zip(*shown, strict=True)
    left, top = math.floor(min(xs)) - MARGIN, math.floor(min(ys)) - MARGIN
    width, height = math.ceil(max(xs)) + MARGIN - left, math.ceil(max(ys)) + MARGIN - top
    countries = {}
    for code, (pieces, dot) in sorted(drawn.items()):
        countries[code] = {"d": path_data(pieces, left, top)}
        if dot:
            countries[code]["dot"] = [round(dot[0] - left), round(dot[1] - top)]
    for code, (x, y) in sorted(dots.items()):
        if 0 <= x - left <= width and 0 <= y - top <= height:
            countries[code] = {"dot": [round(x - left), round(y - top)]}
    return {
        "source": source,
        "width": width,
        "height": height,
        "countries": dict(sorted(countries.items())),
        "others": "".join(path_data(pieces, left, top) for pieces in others),
    }


def dump(world: dict) -> str:
    """JSON with one country a line, for readable diffs."""
    head = {key: value for key, value in world.items() if key != "countries"}
    lines = [f"  {json.dumps(key)}: {json.dumps(value)}," for key, value in head.items()]
    countries = [
        f"    {json.dumps(code)}: {json.dumps(shape)}" for code, shape in world["countries"].items()
    ]
    return "{\n" + "\n".join(lines) + '\n  "countries": {\n' + ",\n".join(countries) + "\n  }\n}\n"


class Command(BaseCommand):
    help = (
        "Build forum/members/data/world.json, the members map's countries, from npm's "
        "world-atlas (Natural Earth) and i18n-iso-countries (`npm ci` first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=OUTPUT, help="Where to write.")

    def handle(self, *args, output, **options):
        for path in (ATLAS, FINE_ATLAS, CODES):
            if not path.exists():
                raise CommandError(f"{path} is missing: run `npm ci` first.")
        world = build(
            json.loads(ATLAS.read_text()),
            json.loads(FINE_ATLAS.read_text()),
            json.loads(CODES.read_text()),
            source=SOURCE.format(atlas=version_of(ATLAS), codes=version_of(CODES)),
        )
        output.write_text(dump(world))
        if options["verbosity"] > 0:
            drawn = sum(1 for country in world["countries"].values() if "d" in country)
            self.stdout.write(
                f"{output}: {drawn} countries drawn, "
                f"{len(world['countries']) - drawn} as dots, {output.stat().st_size} bytes."
            )
