"""Throughput of Konbit against the yardstick, on this machine.

Serves Konbit (a prepared instance per site, see ``bench/scenarios.py``) and
the minimal Flask page ``ceiling_app.py`` the same way (gunicorn, same worker
count, same Python), loads each with wrk on loopback, takes the median of
several runs, and writes the figures with their ratio to the yardstick into
``bench/RESULTS.md`` (the latest figures of every scenario are kept in
``bench/RESULTS.json``, so a run of one scenario updates only its row).

    .venv/bin/python bench/run.py                     # every scenario, 3 runs of 15 s
    .venv/bin/python bench/run.py --scenario settings # one scenario
    .venv/bin/python bench/run.py --scenario wiki     # every scenario (and probe) of a site
    .venv/bin/python bench/run.py --smoke --output /tmp/r.md   # CI: does it work?
    .venv/bin/python bench/run.py --scenario wiki-view --keep ../sites --output /tmp/r.md
                                                      # trials: build once, serve again

Sites of the issues (``wiki``, ``workspaces``, ``feeds``) are bulk-built at
full scale (minutes); ``--small`` (implied by ``--smoke``) builds them tiny.
After the wrk runs, each selected site's probes (sequential latencies, saves,
memory) run against its server.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(REPO), str(BENCH)]

import scenarios  # noqa: E402
from probes import process_tree  # noqa: E402
from scenarios import BENCH_PASSWORD, PROBES, SCENARIOS, SITES  # noqa: E402
from site_setup import BENCH_USER_AGENT, build_site, login_cookie  # noqa: E402

LATENCY = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ceiling", default=None,
                        help="folder of ceiling_app.py and wrk_random_pages.lua "
                             "(default: ../shared/bench beside the repository)")
    parser.add_argument("--scenario", action="append",
                        choices=sorted(SCENARIOS) + sorted(set(SITES) - set(SCENARIOS)),
                        help="scenario to run, or a site name for all of its scenarios "
                             "(repeatable; default: all)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--duration", default="15s", help="wrk duration of one run")
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario (median)")
    parser.add_argument("--output", default=str(BENCH / "RESULTS.md"))
    parser.add_argument("--smoke", action="store_true",
                        help="one 1-second run each, tiny sites: checks that the bench works")
    parser.add_argument("--small", action="store_true",
                        help="build the bulk sites tiny (quick trial; figures not comparable)")
    parser.add_argument("--no-probes", action="store_true", help="skip the probes")
    parser.add_argument("--keep", metavar="DIR", type=Path,
                        help="build the sites in DIR and keep them; a later run with the same "
                             "DIR serves them again instead of rebuilding (the probes' saves "
                             "stay in them: for trials, not for the recorded figures)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.runs, args.duration, args.small = 1, "1s", True
    scenarios.scale.small = args.small
    default_ceiling = REPO.parent / "shared" / "bench"
    args.ceiling = Path(args.ceiling).resolve() if args.ceiling else default_ceiling
    for name in ("ceiling_app.py", "wrk_random_pages.lua"):
        if not (args.ceiling / name).exists():
            parser.error(f"{name} not found in {args.ceiling} (use --ceiling)")
    if not shutil.which("wrk"):
        parser.error("wrk is not installed (apt-get install wrk)")
    return args


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A gunicorn process on a free loopback port."""

    def __init__(self, name, app_spec, workers, log_dir, chdir=None, env=None, config=None):
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        gunicorn = Path(sys.executable).parent / "gunicorn"
        command = [str(gunicorn), "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}",
                   "--log-level", "warning"]
        if chdir:
            command += ["--chdir", str(chdir)]
        if config:
            command += ["-c", config]
        self.log = open(Path(log_dir) / f"{name}.log", "w")
        self.process = subprocess.Popen(command + [app_spec], cwd=REPO, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self, timeout=60):
        import urllib.request
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name}: gunicorn exited; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"{self.name}: no answer on {self.url} after {timeout} s")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def wrk(args, url, script, script_args):
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}",
               "--latency", "-s", str(script), url, "--", *map(str, script_args)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {f"p{q}": round(float(v) * UNIT_MS[u], 2) for q, v, u in LATENCY.findall(output)}
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       output)
    failures = (int(bad.group(1)) if bad else 0) + (sum(map(int, errors.groups())) if errors else 0)
    return {"rps": rps, **latency, "failures": failures}


def median_of(runs):
    return {key: round(statistics.median(run[key] for run in runs), 2)
            for key in ("rps", "p50", "p99")} | {"failures": sum(r["failures"] for r in runs)}


def machine():
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    import gunicorn
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "gunicorn": gunicorn.__version__, "wrk": (versions.split() or ["?", "?"])[1],
            "os": platform.platform(terse=True), "code": code_version()}


def code_version():
    """The commit measured, and whether the working tree differed from it."""
    def git(*args):
        result = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else ""
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return commit + (" with uncommitted changes" if dirty else "")


def selected_scenarios(names):
    """Scenarios named, or all the scenarios of the sites named; in registration order."""
    names = set(names or SCENARIOS)
    return [s for s in SCENARIOS.values() if s.name in names or s.site in names]


def main(argv=None):
    args = parse_args(argv)
    selected = selected_scenarios(args.scenario)
    if args.keep:
        work = args.keep.resolve()
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="konbit-bench-"))
    servers = []
    try:
        print(f"working in {work}", flush=True)
        env_for = {}
        for site_name in sorted({s.site for s in selected}):
            instance = work / site_name
            built = instance / ".built"
            if built.exists():
                print(f"reusing site {site_name}", flush=True)
            else:
                print(f"preparing site {site_name}", flush=True)
                build_site(instance, SITES[site_name])
                if args.keep:
                    built.touch()
            env_for[site_name] = dict(os.environ, INSTANCE_PATH=str(instance), SEED_DEMO="0",
                                      BASE_URL="http://127.0.0.1")
        ceiling = Server("ceiling", "ceiling_app:app", args.workers, work, chdir=args.ceiling)
        servers.append(ceiling)
        konbit = {}
        for site_name, env in env_for.items():
            # Served as `make run` serves it (app/gunicorn_conf.py: preloaded, gc frozen).
            konbit[site_name] = Server(f"konbit-{site_name}", "app:create_app()", args.workers,
                                       work, env=env, config="python:app.gunicorn_conf")
            servers.append(konbit[site_name])

        plans = [("ceiling", ceiling.url, args.ceiling / "wrk_random_pages.lua",
                  [write_lines(work / "ceiling.paths", ["/"])])]
        for s in selected:
            server = konbit[s.site]
            if s.own_server:
                env = dict(env_for[s.site], CACHE_DIR=str(work / f"{s.name}-cache"),
                           **s.server_env)
                server = Server(f"konbit-{s.name}", "app:create_app()", args.workers, work,
                                env=env, config="python:app.gunicorn_conf")
                servers.append(server)
                if s.prepare:
                    began = time.monotonic()
                    s.prepare(server.url, env)
                    print(f"prepared {s.name} in {time.monotonic() - began:.0f} s", flush=True)
            paths = build_paths(work / s.site, s)
            paths_file = write_lines(work / f"{s.name}.paths", paths)
            headers = s.headers(server.url) if s.headers else {}
            if s.user:
                headers["Cookie"] = login_cookie(server.url, s.user, BENCH_PASSWORD)
                headers["User-Agent"] = BENCH_USER_AGENT
            if headers:
                headers_file = write_lines(work / f"{s.name}.headers",
                                           [f"{k}: {v}" for k, v in headers.items()])
                script, script_args = BENCH / "wrk_headers.lua", [paths_file, headers_file]
            else:
                script, script_args = args.ceiling / "wrk_random_pages.lua", [paths_file]
            check_paths(server.url, paths, headers, s.expect)
            plans.append((s.name, server.url, script, script_args))

        runs = {name: [] for name, *_ in plans}
        for number in range(1, args.runs + 1):
            for name, url, script, script_args in plans:
                result = wrk(args, url, script, script_args)
                runs[name].append(result)
                print(f"run {number}/{args.runs} {name}: {result['rps']:.0f} req/s "
                      f"p50 {result.get('p50')} ms p99 {result.get('p99')} ms", flush=True)
        medians = {name: median_of(results) for name, results in runs.items()}
        probed = {} if args.no_probes else run_probes(args, selected, konbit, work)
        record(args, selected, medians, probed)
    finally:
        for server in reversed(servers):
            server.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run_probes(args, selected, konbit, work):
    """Each selected site's probes, against its server, after the wrk load."""
    from types import SimpleNamespace
    results = {}
    for site_name in dict.fromkeys(s.site for s in selected):
        server = konbit[site_name]
        ctx = SimpleNamespace(url=server.url, instance=work / site_name, small=args.small,
                              pids=lambda server=server: process_tree(server.process.pid))
        rows = []
        for measure in PROBES.get(site_name, []):
            began = time.monotonic()
            rows += measure(ctx)
            print(f"probe {site_name}.{measure.__name__}: {time.monotonic() - began:.0f} s",
                  flush=True)
        if rows:
            for row in rows:
                print("  ", row, flush=True)
            results[site_name] = rows
    return results


def build_paths(instance, scen):
    from app import create_app
    from app.extensions import db
    app = create_app({"INSTANCE_PATH": str(instance)})
    with app.app_context():
        paths = list(scen.paths(app))
        db.engine.dispose()
    if not paths:
        raise SystemExit(f"scenario {scen.name} has no paths")
    return paths


def check_paths(base_url, paths, headers, expect=200):
    """Every path must answer ``expect`` (not a redirect to the login form, not an error)."""
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **kw):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    for path in paths[:20]:
        request = urllib.request.Request(base_url + path, headers=headers)
        try:
            status = opener.open(request, timeout=10).status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != expect:
            raise SystemExit(f"{path} answers {status}, not {expect}: "
                             "the bench would be meaningless")


def write_lines(path, lines):
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(args, selected, medians, probed):
    """Update the JSON store and regenerate the Markdown report from it."""
    output = Path(args.output)
    store_path = output.with_suffix(".json")
    store = json.loads(store_path.read_text()) if store_path.exists() else {"scenarios": {}}
    ceiling = medians["ceiling"]
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    command = ".venv/bin/python bench/run.py " + " ".join(
        a for a in (argv_for_record(args)) if a)
    for s in selected:
        m = medians[s.name]
        store["scenarios"][s.name] = {
            "title": s.title, "site": s.site, "signed_in": bool(s.user), **m,
            "ceiling_rps": ceiling["rps"], "ratio": round(m["rps"] / ceiling["rps"], 4),
            "measured_at": today, "command": command.strip(),
            "load": f"wrk -t{args.threads} -c{args.connections} -d{args.duration}, "
                    f"median of {args.runs}", "workers": args.workers}
    for site_name, rows in probed.items():
        store.setdefault("probes", {})[site_name] = {
            "rows": rows, "measured_at": today, "command": command.strip(),
            "scale": "small" if args.small else "full"}
    store["machine"] = machine()
    notes = ""
    if output.exists() and NOTES_MARK in output.read_text(encoding="utf-8"):
        notes = output.read_text(encoding="utf-8").split(NOTES_MARK, 1)[1]
    store_path.write_text(json.dumps(store, indent=2, sort_keys=True) + "\n")
    output.write_text(render(store) + "\n" + NOTES_MARK + notes, encoding="utf-8")
    print(f"wrote {output}")


def argv_for_record(args):
    parts = []
    for name in args.scenario or []:
        parts.append(f"--scenario {name}")
    if args.smoke:
        parts.append("--smoke")
    else:
        if args.small:
            parts.append("--small")
        if args.duration != "15s":
            parts.append(f"--duration {args.duration}")
        if args.runs != 3:
            parts.append(f"--runs {args.runs}")
    if args.workers != 2:
        parts.append(f"--workers {args.workers}")
    return parts


NOTES_MARK = ("<!-- Hand-written notes below this line are kept when the tables "
              "are regenerated. -->\n")


def render(store):
    m = store["machine"]
    lines = [
        "# Benchmarks",
        "",
        "Throughput of Konbit pages against the yardstick: `ceiling_app.py`, a minimal Flask",
        "app answering a fixed 2 KB page (from `../shared/bench`). Both are served the same way",
        "(gunicorn, sync workers, the same Python) and loaded the same way in the same run by",
        "wrk on loopback, on the same cores; the ratio is Konbit's requests per second divided",
        "by the yardstick's in that run. Each figure is the median of the runs. wrk sends no",
        "`Accept-Encoding`, so responses are not compressed. Other work on the machine during a",
        "run lowers both figures; compare ratios, and rerun before drawing conclusions.",
        "",
        "Reproduce: `make bench` (or `.venv/bin/python bench/run.py [--scenario NAME]`).",
        "Scenarios are defined in `bench/scenarios.py`; raw figures are in `bench/RESULTS.json`.",
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, `nproc` = {m['nproc']}",
        f"- {m['os']}, Python {m['python']}, gunicorn {m['gunicorn']}, wrk {m['wrk']}",
        f"- code: commit {m.get('code', 'unknown')} (of the latest run)",
        "",
        "## Results",
        "",
        "| scenario | req/s | p50 ms | p99 ms | yardstick req/s | ratio | errors | measured "
        "| load |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for name, r in sorted(store["scenarios"].items()):
        lines.append(
            f"| {r['title']} (`{name}`) | {r['rps']:.0f} | {r['p50']} | {r['p99']} | "
            f"{r['ceiling_rps']:.0f} | {r['ratio']:.3f} | {r['failures']} | {r['measured_at']} | "
            f"{r['load']}, {r['workers']} workers |")
    for site_name, probe in sorted(store.get("probes", {}).items()):
        lines += ["", f"### Probes of the `{site_name}` site ({probe['scale']} scale, "
                  f"{probe['measured_at']})", "",
                  "Sequential requests, one at a time, on the same server after the wrk load.", "",
                  "| what | requests | p50 ms | p95 ms | value |", "|---|---:|---:|---:|---|"]
        for row in probe["rows"]:
            lines.append(f"| {row['what']} | {row.get('n', '')} | {row.get('p50', '')} | "
                         f"{row.get('p95', '')} | {row.get('value', '')} |")
    commands = sorted({r["command"] for r in store["scenarios"].values()}
                      | {p["command"] for p in store.get("probes", {}).values()})
    lines += ["", "Commands that produced these rows:", ""]
    lines += [f"    {c}" for c in commands]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
