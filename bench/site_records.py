"""The "records" bench site: 10,000 records in one namespace with fields.

The namespace ``Registry`` is declared in the instance's ``config.py``
(``EXTRA_NAMESPACES``, ``RECORD_FIELDS``), so the served app has the schema.
Records are saved through ``wiki.services.save_page`` (the real path: front
matter parsed, HTML rendered, values copied into ``record_values``) in
transactions of ``BATCH`` records.

Scenarios: the filtered, sorted index (``/ns/Registry?country=SN&type=mutual
&members_min=1000&sort=-members``, over several countries), and its CSV export,
filtered and whole (10,000 rows streamed).
"""
import random
import time
from pathlib import Path

from probes import request, timed_gets
from scenarios import probe, scale, scenario, site

NAMESPACE = "Registry"
BATCH = 500
COUNTRIES = ["SN", "ML", "BF", "CI", "NE", "TG", "BJ", "GH", "NG", "CM",
             "KE", "UG", "TZ", "RW", "ET", "MA", "TN", "HT", "BO", "PE"]
TYPES = ["mutual", "cooperative", "insurer", "public"]
FIELDS = [
    {"name": "country", "type": "country", "required": True, "label": {"en": "Country"}},
    {"name": "type", "type": "choice", "label": {"en": "Type"}, "choices": TYPES},
    {"name": "members", "type": "number", "label": {"en": "Members"}},
    {"name": "founded", "type": "year", "label": {"en": "Founded"}},
    {"name": "risks", "type": "multi", "label": {"en": "Risks"},
     "choices": ["health", "life", "crop", "livestock"]},
    {"name": "website", "type": "url", "label": {"en": "Website"}},
]
CONFIG = (f"EXTRA_NAMESPACES = ({NAMESPACE!r},)\n"
          f"RECORD_FIELDS = {{{NAMESPACE!r}: {FIELDS!r}}}\n")


def records():
    return 300 if scale.small else 10_000


def body(rng, n):
    from wiki.records.frontmatter import join
    values = {"country": COUNTRIES[n % len(COUNTRIES)], "type": TYPES[(n // 7) % len(TYPES)],
              "members": rng.randint(10, 200_000), "founded": rng.randint(1950, 2024),
              "risks": sorted(rng.sample(["health", "life", "crop", "livestock"],
                                         rng.randint(1, 3))),
              "website": f"https://scheme-{n}.example.org/"}
    text = (f"Scheme {n} is a benchmark record. It links to [[{NAMESPACE}:Scheme {n + 1:05d}]]"
            f" and has a short description.\n")
    return join(values, text, order=[f["name"] for f in FIELDS])


@site("records")
def build(app):
    from app.accounts.services import create_user
    from app.extensions import db
    from app.spaces.services import commons
    from scenarios import BENCH_PASSWORD, BENCH_USER
    from wiki.services import save_page
    from wiki.titles import Title
    instance = Path(app.instance_path)
    with open(instance / "config.py", "a", encoding="utf-8") as fh:
        fh.write(CONFIG)
    app.config["EXTRA_NAMESPACES"] = (NAMESPACE,)
    app.config["RECORD_FIELDS"] = {NAMESPACE: FIELDS}
    user = create_user(BENCH_USER, f"{BENCH_USER}@example.org", BENCH_PASSWORD)
    db.session.commit()
    space = commons()
    rng = random.Random(7)
    started = time.monotonic()
    total = records()
    for n in range(total):
        save_page(space, Title(NAMESPACE, f"Scheme {n:05d}"), body(rng, n), user,
                  summary="bench", language="en")
        if n % BATCH == BATCH - 1:
            db.session.commit()
    db.session.commit()
    print(f"records: {total} records in {time.monotonic() - started:.0f} s", flush=True)


INDEX_QUERY = "type=mutual&members_min=1000&sort=-members"


@scenario("records-index", site="records",
          title="Records index: filtered, sorted, with facets (10,000 records)")
def index_paths(app):
    return [f"/ns/{NAMESPACE}?country={c}&{INDEX_QUERY}" for c in COUNTRIES]


@scenario("records-csv", site="records",
          title="Records CSV export, same filters (10,000 records)")
def csv_paths(app):
    return [f"/ns/{NAMESPACE}.csv?country={c}&{INDEX_QUERY}" for c in COUNTRIES]


@scenario("records-csv-all", site="records",
          title="Records CSV export, all 10,000 rows, sorted")
def csv_all_paths(app):
    return [f"/ns/{NAMESPACE}.csv?sort=-members"]


@probe("records")
def sequential(ctx):
    """One request at a time: what a reader waits for, without wrk's queueing."""
    base = f"{ctx.url}/ns/{NAMESPACE}"
    status, body, _ms = request(f"{base}.csv?sort=-members")
    rows = body.decode("utf-8").count("\n") - 1
    if status != 200 or rows != records():
        raise SystemExit(f"CSV export answered {status} with {rows} rows")
    return [
        timed_gets("index, filtered and sorted, with facets", f"{base}?country=SN&{INDEX_QUERY}",
                   20),
        timed_gets("index, unfiltered, sorted by a number", f"{base}?sort=-members", 20),
        timed_gets("index, page 100 of the unfiltered table", f"{base}?sort=-members&page=100",
                   20),
        {**timed_gets("CSV export, all records", f"{base}.csv?sort=-members", 5),
         "value": f"{rows} rows, {len(body) // 1024} KiB"},
    ]
