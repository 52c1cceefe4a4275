"""Benchmark of the build: the extraction floor, the full build and one-document rebuilds, for N documents.

    make bench                                    # N = 100 and 1,000
    .venv/bin/python -m tests.benchmarks.bench_build --sizes 100,1000,5000

For each N a synthetic corpus (tests/benchmarks/corpus.py) is written to a
temporary folder, then every measurement runs in a fresh Python process, so
its peak RSS (getrusage ru_maxrss) is its own and nothing in memory carries
over from one measurement to the next:

  floor        read the raw files, then parse + every extractor (extract_document)
               in a plain loop: no orchestration, validation or publishing
  build        the build_all job in process (pipeline.run.run_build,
               cut_releases=False), minus its fixed start-up: in the same
               process the job first runs on an empty raw folder (paying
               one-time initialisation), then three more times; the median of
               those three is subtracted
  rebuild      after one document is changed (corpus.change_one_document): the
               same build again with the build state warm; 'end' appends a
               sentence, 'mid' inserts one halfway down (every later row moves)

Every process first imports the pipeline and extracts one seed document, so
import time and one-time initialisation count in no measurement. Then, as
`canada-relations build` does, it freezes the imported objects out of the
garbage collector's full collections. Targets are printed as PASS or FAIL with
the machine's core count; nothing is tuned to make them pass.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MARKER = "BENCH_RESULT "
DEFAULT_SIZES = "100,1000"

FLOOR_MB_PER_SECOND_PER_CORE = 5.0  # extraction throughput on the corpus at N = 1,000 (one core)
FLOOR_RATIO_TARGET = 1.2  # full build (after the job's fixed start-up) within this multiple of the floor
REBUILD_RATIO_TARGETS = {1000: 0.02, 5000: 0.01}  # one-document rebuild as a share of the full build
TARGET_N = 1000
REBUILDS = ("rebuild", "rebuild_mid")


# --- measurements, each run in its own process ---------------------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _warm_up() -> None:
    """Import what every measurement uses and extract one seed document, outside any timing."""
    from pipeline.documents.reading import read_raw_documents
    from pipeline.extract import extract_document

    for raw in read_raw_documents(PROJECT_ROOT / "raw")[:1]:
        extract_document(raw)
    gc.collect()
    gc.freeze()  # as `canada-relations build` does after its imports (pipeline/cli.py)


def _output_sizes(outputs_dir: Path) -> dict:
    import pyarrow.parquet as pq

    files = sorted((outputs_dir / "parquet").glob("*.parquet"))
    return {
        "rows": sum(pq.read_metadata(f).num_rows for f in files),
        "parquet_bytes": sum(f.stat().st_size for f in files),
        "duckdb_bytes": (outputs_dir / "canada_relations.duckdb").stat().st_size,
    }


def child_floor(raw_dir: Path, outputs_dir: Path, scratch: Path) -> dict:
    from pipeline.documents.reading import read_raw_documents
    from pipeline.extract import extract_document

    _warm_up()
    base = _peak_rss_mb()
    started = time.perf_counter()
    results = [extract_document(raw) for raw in read_raw_documents(raw_dir)]
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "documents": len(results), "rss_base_mb": base, "rss_peak_mb": _peak_rss_mb()}


def _run_job(raw_dir: Path, outputs_dir: Path):
    from pipeline.run import run_build

    run = run_build(raw_dir=raw_dir, outputs_dir=outputs_dir, cut_releases=False, log_level="CRITICAL")
    if not run.success:
        raise RuntimeError(f"build_all failed on {raw_dir}: {run.step_failures()}")
    return run


def _empty_runs(scratch: Path, repeats: int = 3) -> tuple[float, float]:
    """The job on an empty raw folder: the first run pays one-time initialisation; the median of the
    next `repeats` runs is the fixed cost of any run (the machine is noisy, one run is not enough)."""
    empty = scratch / "empty-raw"
    empty.mkdir(parents=True, exist_ok=True)
    seconds = []
    for attempt in range(1 + repeats):
        started = time.perf_counter()
        _run_job(empty, scratch / f"empty-outputs-{attempt}")
        seconds.append(time.perf_counter() - started)
    return seconds[0], statistics.median(seconds[1:])


def child_build(raw_dir: Path, outputs_dir: Path, scratch: Path) -> dict:
    started = time.perf_counter()
    import pipeline.definitions  # noqa: F401  (import Dagster and the code location before any timing)

    _warm_up()
    imports = time.perf_counter() - started
    first, fixed = _empty_runs(scratch)
    base = _peak_rss_mb()
    started = time.perf_counter()
    run = _run_job(raw_dir, outputs_dir)
    seconds = time.perf_counter() - started
    peak = _peak_rss_mb()
    return {
        "seconds": seconds,
        "import_seconds": imports,
        "first_run_seconds": first,
        "fixed_seconds": fixed,
        "stages": _step_durations(run),
        "parsed": run.parsed,
        "reused": run.reused,
        "rss_base_mb": base,
        "rss_peak_mb": peak,
        "table_memory_bytes": sum(table.nbytes for table in run.arrow_tables.values()),
        **_output_sizes(outputs_dir),
    }


def _step_durations(run) -> dict[str, float]:
    """Seconds per step from the run's STEP_SUCCESS events (mapped steps summed by op name)."""
    spent: dict[str, float] = {}
    for event in run.result.all_events:
        if event.event_type_value == "STEP_SUCCESS":
            name = event.step_key.split("[", 1)[0]
            spent[name] = spent.get(name, 0.0) + event.event_specific_data.duration_ms / 1000
    return spent


def child_profile(raw_dir: Path, outputs_dir: Path, scratch: Path) -> dict:
    """cProfile of a full build and a one-change rebuild; the top functions go to the report.

    Profiling slows Python code down unevenly, so these figures show where the time goes, not how long a build takes.
    """
    import cProfile
    import io
    import pstats

    from tests.benchmarks.corpus import change_one_document

    _warm_up()
    _empty_runs(scratch, repeats=1)
    steps = [
        ("full build, build_all in process, cold state", lambda: _run_job(raw_dir, outputs_dir)),
        ("one document changed", lambda: change_one_document(raw_dir, "middle")),
        ("one-change rebuild, warm state", lambda: _run_job(raw_dir, outputs_dir)),
    ]
    out, seconds = io.StringIO(), {}
    for label, step in steps:
        if label == "one document changed":
            step()
            continue
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        step()
        profiler.disable()
        seconds[label] = time.perf_counter() - started
        out.write(f"\n===== {label}: {seconds[label]:.1f} s under cProfile =====\n")
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(20)
    return {"seconds": seconds, "profile": out.getvalue()}


CHILDREN = {"floor": child_floor, "build": child_build, "profile": child_profile}


def measure(kind: str, raw_dir: Path, outputs_dir: Path, scratch: Path) -> dict:
    """Run one measurement in a fresh interpreter; returns its figures plus the whole process's wall time."""
    scratch.mkdir(parents=True, exist_ok=True)
    pythonpath = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": pythonpath, "DAGSTER_DISABLE_TELEMETRY": "1"}
    env.pop("DAGSTER_HOME", None)
    command = [
        sys.executable, "-m", "tests.benchmarks.bench_build", "--child", kind,
        "--raw-dir", str(raw_dir), "--outputs-dir", str(outputs_dir), "--scratch", str(scratch),
    ]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARKER)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(
            f"{kind} measurement failed (exit {done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
        )
    figures = json.loads(lines[-1][len(MARKER) :])
    figures["process_seconds"] = wall
    return figures


# --- the benchmark ------------------------------------------------------------------------------------


def bench_size(n: int, workdir: Path, seed: int, log, repeat: int = 1) -> dict:
    """Every measurement at one size; with `repeat` > 1 each is taken that many times (interleaved), median kept."""
    from tests.benchmarks.corpus import change_one_document, corpus_bytes, generate_corpus

    folder = workdir / f"n{n}"
    raw_dir = folder / "raw"
    generate_corpus(raw_dir, n, seed=seed)
    figures = {"n": n, "raw_bytes": corpus_bytes(raw_dir), "repeat": repeat}
    log(f"N={n}: corpus {figures['raw_bytes'] / 1e6:.1f} MB")
    runs: dict[str, list[dict]] = {kind: [] for kind in ("floor", "build", *REBUILDS)}
    for attempt in range(repeat):
        for kind in ("floor", "build"):
            outputs = folder / f"{kind}-outputs-{attempt}"
            if attempt:  # the last full build's outputs stay for the rebuilds
                shutil.rmtree(folder / f"{kind}-outputs-{attempt - 1}", ignore_errors=True)
            runs[kind].append(measure(kind, raw_dir, outputs, folder / f"scratch-{kind}-{attempt}"))
            log(f"N={n}: {kind} {runs[kind][-1]['seconds']:.1f} s (run {attempt + 1}/{repeat})")
    for where, kind in (("end", "rebuild"), ("middle", "rebuild_mid")):
        for attempt in range(repeat):
            changed = change_one_document(
                raw_dir, where
            )  # a new edit each time: every rebuild has one changed document
            outputs = folder / f"build-outputs-{repeat - 1}"
            runs[kind].append(measure("build", raw_dir, outputs, folder / f"scratch-{kind}-{attempt}"))
            log(
                f"N={n}: rebuild after a sentence at the {where} of {changed.name}: "
                f"{net(runs[kind][-1]):.2f} s ({attempt + 1}/{repeat})"
            )
    for kind, measured in runs.items():
        key = net if kind != "floor" else (lambda f: f["seconds"])
        ordered = sorted(measured, key=key)
        figures[kind] = {**ordered[(len(ordered) - 1) // 2], "all_seconds": [round(key(f), 2) for f in measured]}
    shutil.rmtree(folder, ignore_errors=True)
    return figures


def net(figures: dict) -> float:
    """A build's seconds after its fixed start-up (the same job on an empty raw folder)."""
    return figures["seconds"] - figures["fixed_seconds"]


def _rate(amount: float, seconds: float, digits: int) -> str:
    """amount/seconds, or 'n/a' when a net time is within noise of zero (tiny corpora)."""
    return f"{amount / seconds:.{digits}f}" if seconds > 0.05 else "n/a"


def _print_header(print_, header: str) -> None:
    print_(header)
    print_("-" * len(header))


def report(results: list[dict], print_=print) -> bool:
    """Print the tables and the targets; returns True when every target passes."""
    print_(f"\nMachine: os.cpu_count() = {os.cpu_count()}; Python {sys.version.split()[0]}; in-process builds")
    print_(
        "Times are seconds inside a fresh process after imports and warm-up; "
        "'build' is build_all minus its fixed start-up.\n"
    )
    print_("Full build (no build state)")
    _print_header(
        print_,
        f"{'N':>6} {'MB':>6} | {'floor s':>8} {'build s':>8} {'fixed s':>8} | "
        f"{'floor MB/s':>10} {'build MB/s':>10} | {'build/floor':>11}",
    )
    for r in results:
        mb, floor, build = r["raw_bytes"] / 1e6, r["floor"]["seconds"], net(r["build"])
        print_(
            f"{r['n']:>6} {mb:>6.1f} | {floor:>8.2f} {build:>8.2f} {r['build']['fixed_seconds']:>8.2f} | "
            f"{mb / floor:>10.2f} {_rate(mb, build, 2):>10} | {build / floor:>11.2f}"
        )
    print_(
        "\nFixed costs, not in the figures above (seconds): imports + warm-up, the first run on an empty raw folder,"
    )
    print_("the median of three more empty runs (subtracted from the build's times), the whole process's wall time")
    _print_header(
        print_, f"{'N':>6} | {'import':>7} {'first empty':>11} {'empty':>6} {'process':>8} | {'floor process':>13}"
    )
    for r in results:
        b = r["build"]
        print_(
            f"{r['n']:>6} | {b['import_seconds']:>7.2f} {b['first_run_seconds']:>11.2f} {b['fixed_seconds']:>6.2f} "
            f"{b['process_seconds']:>8.1f} | {r['floor']['process_seconds']:>13.1f}"
        )
    print_(
        "\nOne-document change rebuild (build state warm); "
        "'end' = a sentence appended, 'mid' = one inserted halfway down"
    )
    _print_header(
        print_, f"{'N':>6} | {'end s':>6} {'mid s':>6} | {'end/full':>8} {'mid/full':>8} | {'parsed/reused':>13}"
    )
    for r in results:
        build, end, mid = net(r["build"]), net(r["rebuild"]), net(r["rebuild_mid"])
        counts = f"{r['rebuild']['parsed']}/{r['rebuild']['reused']}"
        print_(f"{r['n']:>6} | {end:>6.2f} {mid:>6.2f} | {end / build:>8.1%} {mid / build:>8.1%} | {counts:>13}")
    print_("\nMemory (MB; peak RSS of each process; 'grow' = peak minus the RSS after imports and warm-up) and outputs")
    header = (
        f"{'N':>6} | {'floor peak':>10} {'build peak':>10} {'grow':>6} | "
        f"{'rows':>9} {'parquet MB':>10} {'duckdb MB':>9} {'tables MB':>9}"
    )
    _print_header(print_, header)
    for r in results:
        b = r["build"]
        print_(
            f"{r['n']:>6} | {r['floor']['rss_peak_mb']:>10.0f} {b['rss_peak_mb']:>10.0f} "
            f"{b['rss_peak_mb'] - b['rss_base_mb']:>6.0f} | {b['rows']:>9} {b['parquet_bytes'] / 1e6:>10.2f} "
            f"{b['duckdb_bytes'] / 1e6:>9.2f} {b['table_memory_bytes'] / 1e6:>9.1f}"
        )
    if any(r["repeat"] > 1 for r in results):
        print_("\nEvery run's seconds (the median run is reported; builds after their fixed start-up)")
        for r in results:
            print_(
                f"  N={r['n']:<5} "
                + "; ".join(f"{kind} {r[kind]['all_seconds']}" for kind in ("floor", "build", *REBUILDS))
            )
    print_("\nWhere the time goes (seconds per Dagster step)")
    for r in results:
        for label, key in (("full build", "build"), ("rebuild end", "rebuild"), ("rebuild mid", "rebuild_mid")):
            ranked = sorted(r[key]["stages"].items(), key=lambda kv: -kv[1])
            stages = ", ".join(f"{name} {seconds:.2f}" for name, seconds in ranked if seconds >= 0.005)
            print_(f"  N={r['n']:<5} {label:<12} {r[key]['seconds']:7.2f} total: {stages}")
    return targets(results, print_)


def targets(results: list[dict], print_=print) -> bool:
    print_(f"\nTargets (os.cpu_count() = {os.cpu_count()})")
    verdicts = []

    def verdict(ok: bool, text: str) -> None:
        verdicts.append(ok)
        print_(f"  {'PASS' if ok else 'FAIL'}  {text}")

    at = next((r for r in results if r["n"] == TARGET_N), None)
    if at is None:
        print_(f"  (no N={TARGET_N} in this run: the floor and build targets are not evaluated)")
    else:
        floor, build = at["floor"]["seconds"], net(at["build"])
        rate = at["raw_bytes"] / 1e6 / floor
        verdict(
            rate >= FLOOR_MB_PER_SECOND_PER_CORE,
            f"extraction >= {FLOOR_MB_PER_SECOND_PER_CORE:g} MB/s on one core at N={TARGET_N}: {rate:.2f} MB/s",
        )
        verdict(
            build <= FLOOR_RATIO_TARGET * floor,
            f"full build <= {FLOOR_RATIO_TARGET:g}x the floor at N={TARGET_N}: "
            f"{build:.1f} s / {floor:.1f} s = {build / floor:.2f}x",
        )
    for r in results:
        share = REBUILD_RATIO_TARGETS.get(r["n"])
        if share is None:
            continue
        build = net(r["build"])
        for key, edit in (("rebuild", "sentence appended"), ("rebuild_mid", "sentence inserted mid-document")):
            seconds = net(r[key])
            verdict(
                seconds <= share * build,
                f"one-document rebuild ({edit}) <= {share:.0%} of the full build at N={r['n']}: "
                f"{seconds:.2f} s / {build:.1f} s = {seconds / build:.1%}",
            )
    return all(verdicts)


def profile_size(n: int, workdir: Path, seed: int, log) -> str:
    from tests.benchmarks.corpus import generate_corpus

    folder = workdir / f"profile-n{n}"
    generate_corpus(folder / "raw", n, seed=seed)
    log(f"N={n}: cProfile of a full build and a one-change rebuild ...")
    figures = measure("profile", folder / "raw", folder / "outputs", folder / "scratch")
    text = (folder / "scratch" / "profile.txt").read_text()
    shutil.rmtree(folder, ignore_errors=True)
    return f"cProfile at N={n} (process wall {figures['process_seconds']:.0f} s):\n{text}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default=DEFAULT_SIZES, help=f"comma-separated corpus sizes (default {DEFAULT_SIZES})"
    )
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="take every measurement this many times, keep the median (default 1)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile a full build and a one-change rebuild at the largest size"
    )
    parser.add_argument(
        "--profile-only", action="store_true", help="only the cProfile runs of --profile; no timings, no targets"
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--from-json", type=Path, help="print the report of a run saved with --json, measuring nothing")
    parser.add_argument(
        "--workdir", type=Path, help="where corpora and outputs go (default: a temporary folder, removed afterwards)"
    )
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--raw-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--outputs-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--scratch", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        figures = CHILDREN[args.child](args.raw_dir, args.outputs_dir, args.scratch)
        if "profile" in figures:
            (args.scratch / "profile.txt").write_text(figures.pop("profile"))
        print(MARKER + json.dumps(figures), flush=True)
        return 0
    if args.from_json:
        return 0 if report(json.loads(args.from_json.read_text())) else 1

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    def log(text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="canada-relations-bench-"))
    started = time.perf_counter()
    passed = True
    try:
        if not args.profile_only:
            results = [bench_size(n, workdir, args.seed, log, args.repeat) for n in sizes]
            if args.json:
                args.json.write_text(json.dumps(results, indent=2))
            passed = report(results)
        if args.profile or args.profile_only:
            print("\n" + profile_size(sizes[-1], workdir, args.seed, log))
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"\nBenchmark wall time: {time.perf_counter() - started:.0f} s")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
