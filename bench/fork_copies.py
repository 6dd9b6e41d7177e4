"""How much of the gunicorn master's memory a worker copies, and what lies there.

The master loads and warms the application (``app.gunicorn_conf``), then forks:
a worker shares the master's pages until it writes to one, and CPython writes
to every object it touches (its reference count), so each page holding a
touched object becomes the worker's own copy. This script does what the master
does, forks one worker, runs requests in it through the Flask test client,
then compares the two processes' page tables (``/proc/<pid>/pagemap``, needs
root): which of the master's writable pages the worker now holds a copy of, and
which kinds of objects live on those pages.

    .venv/bin/python bench/fork_copies.py --instance ../bench-sites/wiki
    .venv/bin/python bench/fork_copies.py --instance ../bench-sites/wiki --views 2000 --saves 40
    .venv/bin/python bench/fork_copies.py --instance ../bench-sites/wiki --views 2000 --saves 40 \
        --warm-first

``--warm-first`` runs the same requests in the master before it forks, as the
most thorough warm-up could: whatever the worker still copies then is not
built or specialised on first use, only touched. For every copied page the
script also compares the worker's bytes with the master's: a page whose bytes
are all equal again was written with the values it held (a reference count
raised, then lowered).

The instance is a built wiki site (``bench/run.py --keep DIR``); ``--saves``
writes to its page ``Page 000001``."""
import argparse
import collections
import gc
import os
import random
import struct
import sys
import time
import types
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGE = 4096


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--instance", required=True, type=Path)
    parser.add_argument("--views", type=int, default=1, help="anonymous page views")
    parser.add_argument("--saves", type=int, default=0, help="API saves (they write)")
    parser.add_argument("--types", type=int, default=15, help="object kinds listed")
    parser.add_argument("--warm-first", action="store_true",
                        help="run the same requests in the master before the fork")
    return parser.parse_args(argv)


def writable_ranges(pid):
    """The process's heap and anonymous writable mappings (where Python's objects are)."""
    found = []
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        fields = line.split()
        name = fields[5] if len(fields) > 5 else "[anon]"
        if name in ("[anon]", "[heap]") and "w" in fields[1]:
            start, end = (int(x, 16) for x in fields[0].split("-"))
            found.append((start, end))
    return found


def frames(pid, ranges):
    """``{page address: physical frame}`` of the pages present in memory."""
    present = {}
    with open(f"/proc/{pid}/pagemap", "rb") as pagemap:
        for start, end in ranges:
            pagemap.seek(start // PAGE * 8)
            entries = pagemap.read((end - start) // PAGE * 8)
            for i, (entry,) in enumerate(struct.iter_unpack("Q", entries)):
                if entry >> 63:
                    present[start + i * PAGE] = entry & ((1 << 55) - 1)
    return present


def worker_load(app, instance, views, saves):
    """What the forked worker does: its own connections, then the requests."""
    from app.extensions import db
    with app.app_context():
        db.engine.dispose(close=False)
    run_requests(app, instance, views, saves)


def run_requests(app, instance, views, saves):
    """``views`` anonymous page views, then ``saves`` API saves of one page."""
    client = app.test_client()
    random.seed(1)
    for n in random.sample(range(1000), min(views, 1000)) + list(range(1000, views)):
        client.get(f"/wiki/Page_{n:06d}")
    token = (instance / "bench_api_token.txt").read_text().strip()
    headers = {"Authorization": f"Bearer {token}"}
    url = "/api/v1/pages/Page_000001"
    for n in range(saves):
        base = client.get(url, headers=headers).get_json()["rev"]
        client.put(url, headers=headers,
                   json={"body": f"Saved by fork_copies, edit {n}.", "base_rev": base})


def changed_words(pid, pages):
    """``{page: words (8 bytes) whose value differs}`` between ``pid``'s copy of each
    page and this process's own."""
    changed = {}
    with open(f"/proc/{pid}/mem", "rb") as theirs, open("/proc/self/mem", "rb") as ours:
        for page in pages:
            theirs.seek(page)
            ours.seek(page)
            pairs = zip(struct.iter_unpack("Q", theirs.read(PAGE)),
                        struct.iter_unpack("Q", ours.read(PAGE)))
            changed[page] = sum(1 for a, b in pairs if a != b)
    return changed


def objects_by_page():
    """``{page: Counter(type name)}`` of the objects the collector and the modules'
    functions reach (containers, what they refer to, code objects and constants)."""
    gc.unfreeze()
    seen, objects = set(), []

    def add(obj):
        if id(obj) not in seen:
            seen.add(id(obj))
            objects.append(obj)
    for obj in gc.get_objects():
        add(obj)
        for referent in gc.get_referents(obj):
            add(referent)
            if isinstance(referent, types.CodeType):
                for constant in referent.co_consts:
                    add(constant)
    pages = collections.defaultdict(collections.Counter)
    for obj in objects:
        start = id(obj)
        for page in range(start // PAGE * PAGE, start + sys.getsizeof(obj, 16), PAGE):
            pages[page][type(obj).__name__] += 1
    return pages


def main(argv=None):
    args = parse_args(argv)
    os.environ.update(INSTANCE_PATH=str(args.instance.resolve()), SEED_DEMO="0")
    sys.path.insert(0, str(REPO))
    from app import create_app
    from app.warmup import warm_up
    app = create_app()
    warm_up(app)  # as app.gunicorn_conf's when_ready does
    if args.warm_first:
        run_requests(app, args.instance, args.views, args.saves)
        from app.extensions import db
        with app.app_context():
            db.engine.dispose()
    gc.collect()
    gc.freeze()
    ready_r, ready_w = os.pipe()
    child = os.fork()
    if child == 0:
        worker_load(app, args.instance, args.views, args.saves)
        os.write(ready_w, b"x")
        time.sleep(3600)
        os._exit(0)
    os.read(ready_r, 1)
    ranges = writable_ranges(os.getpid())
    master, worker = frames(os.getpid(), ranges), frames(child, ranges)
    copied = [page for page, frame in master.items() if worker.get(page, frame) != frame]
    changed = changed_words(child, copied)
    own = frames(child, writable_ranges(child)).keys() - master.keys()
    os.kill(child, 9)
    print(f"master: {len(master) * PAGE / 2**20:.1f} MiB in writable pages; after "
          f"{args.views} views and {args.saves} saves the worker holds its own copy of "
          f"{len(copied) * PAGE / 2**20:.1f} MiB of them, and {len(own) * PAGE / 2**20:.1f} MiB "
          "of pages the master does not hold")
    spread = collections.Counter(min(count, 10) for count in changed.values())
    print("copied pages by the number of 8-byte words that now differ (10: ten or more): "
          + ", ".join(f"{count}: {spread[count]}" for count in sorted(spread)))
    pages = objects_by_page()
    holding, everywhere = collections.Counter(), collections.Counter()
    for page in master:
        everywhere.update(pages.get(page, {}).keys())
    for page in copied:
        holding.update(pages.get(page, {}).keys())
    print("objects of this kind lie on ... of the copied pages (of the master's pages):")
    for kind, count in holding.most_common(args.types):
        print(f"  {kind:28s} {count:6d} ({everywhere[kind]})")


if __name__ == "__main__":
    main()
