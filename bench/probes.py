"""Helpers of the probes: sequential timed requests and server memory."""
import json
import math
import statistics
import time
import urllib.error
import urllib.request
from pathlib import Path


def request(url, method="GET", headers=None, payload=None):
    """(status, body bytes, milliseconds) of one request; errors are answers too."""
    data = json.dumps(payload).encode() if payload is not None else None
    headers = dict(headers or {})
    if data is not None:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=120) as response:
            body, status = response.read(), response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return status, body, (time.perf_counter() - began) * 1000


def percentile(samples, q):
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(len(ordered) * q / 100) - 1)]


def summary(what, samples, **extra):
    return {"what": what, "n": len(samples), "p50": round(statistics.median(samples), 1),
            "p95": round(percentile(samples, 95), 1), **extra}


def timed_gets(what, url, count, expect=200, headers=None):
    """``count`` sequential GETs of ``url`` (one warm-up first); a wrong status stops the bench."""
    request(url, headers=headers)
    samples = []
    for _ in range(count):
        status, _body, ms = request(url, headers=headers)
        if status != expect:
            raise SystemExit(f"{url} answered {status}, not {expect}")
        samples.append(ms)
    return summary(what, samples)


def _rollup_kib(pid):
    """``{field: KiB}`` of ``/proc/<pid>/smaps_rollup`` (Pss, Private_Dirty...)."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if rest.strip().endswith("kB"):
            fields[name] = int(rest.split()[0])
    return fields


def server_memory(pids):
    """``(total, breakdown)`` from one reading of each process: the PSS of all summed
    (MiB, shared pages counted once), and each process's PSS and private memory, the
    master first (what a worker holds of its own, pages of the master's it wrote to
    included, against what all share)."""
    rollups = [_rollup_kib(pid) for pid in pids]
    total = round(sum(fields["Pss"] for fields in rollups) / 1024, 1)
    parts = []
    for fields in rollups:
        private = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
        parts.append(f"{fields['Pss'] / 1024:.1f} PSS / {private / 1024:.1f} private")
    return total, "; ".join(parts) + " (MiB)"


def process_tree(pid):
    """``pid`` and its children (a gunicorn master and its workers)."""
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += (task / "children").read_text().split()
    return [pid, *map(int, children)]
