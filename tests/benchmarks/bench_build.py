"""Benchmark of the build (issue 7): full build, one-document rebuild and the floor, for N documents.

    make bench                                    # N = 100 and 1,000
    .venv/bin/python -m tests.benchmarks.bench_build --sizes 100,1000,5000

For each N a synthetic corpus (tests/benchmarks/corpus.py) is written to a
temporary folder, then every measurement runs in a fresh Python process, so
its peak RSS (getrusage ru_maxrss) is its own and no cache in memory carries
over from one measurement to the next:

  floor        read the raw files, then parse_document + every extractor
               (extract_document) in a plain loop: no orchestration,
               validation, combining or publishing
  plain        pipeline.build.run_build(release=False): extract (cold
               build state), extract, validate, assemble, publish Parquet + DuckDB
  dagster      the build_all job, in process, cut_releases=False, minus its
               fixed start-up: in the same process the job first runs on an
               empty raw folder (paying one-time initialisation), then three
               more times; the median of those three is subtracted
  rebuild      after one document is changed (corpus.change_one_document):
               the same build again with the build state warm

Every process first imports the pipeline and extracts one seed document, so
import time and one-time initialisation (pycountry, regex compilation) count
in no measurement; the floor is therefore the lowest honest figure. Then, as
`canada-relations build` does, it freezes the imported objects out of the
garbage collector's full collections.

The targets are printed as PASS/FAIL; nothing is tuned to make them pass.
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

# Targets from issue 7.
FLOOR_RATIO_TARGET = 2.0  # full build (after Dagster's fixed start-up) within 2x the floor at N = 1,000
REBUILD_RATIO_TARGET = 0.05  # one-document change rebuilds in at most 5% of the full build at N = 1,000
TARGET_N = 1000
# The one-document edits measured: a sentence appended (only the sources row changes) and one inserted
# halfway down (every later row of the document moves, so every table it has rows in changes).
REBUILDS = ("plain_rebuild", "dagster_rebuild", "plain_rebuild_mid", "dagster_rebuild_mid")


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


class _StageTimer:
    """Wraps the stage functions pipeline.build.run_build calls, to time each stage of the measured build."""

    # save_state runs in a thread while publish runs: their times overlap.
    STAGES = ("read_raw_documents", "load_state", "extract_fragment", "assemble", "save_state", "publish", "cut_release")

    def __init__(self):
        import pipeline.build as build

        self.seconds = {name: 0.0 for name in self.STAGES}
        for name in self.STAGES:
            setattr(build, name, self._timed(name, getattr(build, name)))

    def _timed(self, name, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - started

        return timed

    def reset(self):
        self.seconds = dict.fromkeys(self.seconds, 0.0)


def _empty_runs(build, scratch: Path, repeats: int = 3) -> tuple[float, float]:
    """The build on an empty raw folder: the first run pays one-time initialisation; the median of the
    next `repeats` runs is the fixed cost of any run (the machine is noisy, one run is not enough)."""
    empty = scratch / "empty-raw"
    empty.mkdir(parents=True, exist_ok=True)
    seconds = []
    for attempt in range(1 + repeats):
        started = time.perf_counter()
        build(empty, scratch / f"empty-outputs-{attempt}")
        seconds.append(time.perf_counter() - started)
    return seconds[0], statistics.median(seconds[1:])


def child_plain(raw_dir: Path, outputs_dir: Path, scratch: Path) -> dict:
    started = time.perf_counter()
    from pipeline.build import run_build

    _warm_up()
    imports = time.perf_counter() - started
    stages = _StageTimer()
    first, fixed = _empty_runs(lambda raw, out: run_build(raw, out, release=False), scratch)
    stages.reset()
    base = _peak_rss_mb()
    started = time.perf_counter()
    result = run_build(raw_dir, outputs_dir, release=False, use_cache=True)
    seconds = time.perf_counter() - started
    peak = _peak_rss_mb()
    table_bytes = sum(table.nbytes for table in result.arrow.values())  # the tables as the build holds them: Arrow
    return {
        "seconds": seconds,
        "import_seconds": imports,
        "first_run_seconds": first,
        "fixed_seconds": fixed,
        "stages": stages.seconds,
        "parsed": result.parsed,
        "reused": result.reused,
        "rss_base_mb": base,
        "rss_peak_mb": peak,
        "table_memory_bytes": table_bytes,
        **_output_sizes(outputs_dir),
    }


def _run_job(raw_dir: Path, outputs_dir: Path):
    import dagster as dg

    from pipeline.assets.resources import PipelineSettings
    from pipeline.definitions import defs

    instance = dg.DagsterInstance.ephemeral()
    result = defs.resolve_job_def("build_all").execute_in_process(
        run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
        instance=instance,
        resources={"settings": PipelineSettings(raw_dir=str(raw_dir), outputs_dir=str(outputs_dir), cut_releases=False)},
        raise_on_error=False,
    )
    if not result.success:
        failures = [e.event_specific_data.error.message.strip() for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
        raise RuntimeError(f"build_all failed on {raw_dir}: {failures}")
    return instance, result


def _step_seconds(instance, run_id: str) -> dict[str, float]:
    """Seconds per Dagster step (STEP_START to STEP_SUCCESS), mapped steps summed by op name."""
    started, spent = {}, {}
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None or event.step_key is None:
            continue
        if event.event_type_value == "STEP_START":
            started[event.step_key] = entry.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE") and event.step_key in started:
            name = event.step_key.split("[", 1)[0]
            spent[name] = spent.get(name, 0.0) + entry.timestamp - started[event.step_key]
    return spent


def child_dagster(raw_dir: Path, outputs_dir: Path, scratch: Path) -> dict:
    started = time.perf_counter()
    import pipeline.definitions  # noqa: F401  (import Dagster and the code location before any timing)

    _warm_up()
    imports = time.perf_counter() - started
    first, fixed = _empty_runs(_run_job, scratch)
    base = _peak_rss_mb()
    started = time.perf_counter()
    instance, result = _run_job(raw_dir, outputs_dir)
    seconds = time.perf_counter() - started
    meta = {}
    for event in instance.all_logs(result.run_id):
        dagster_event = event.dagster_event
        if dagster_event is not None and dagster_event.event_type_value == "STEP_OUTPUT" and dagster_event.step_key.startswith("document_tables.patch_state"):
            meta = {k: v.value for k, v in (dagster_event.event_specific_data.metadata or {}).items() if k in ("parsed", "reused")}
    return {
        "seconds": seconds,
        "import_seconds": imports,
        "first_run_seconds": first,
        "fixed_seconds": fixed,
        "stages": _step_seconds(instance, result.run_id),
        "parsed": meta.get("parsed"),
        "reused": meta.get("reused"),
        "rss_base_mb": base,
        "rss_peak_mb": _peak_rss_mb(),
        **_output_sizes(outputs_dir),
    }


def child_profile(raw_dir: Path, outputs_dir: Path, scratch: Path) -> dict:
    """cProfile of the four builds (plain and Dagster, full and one-change rebuild); prints the top functions to stderr.

    Profiling slows Python code down unevenly, so these figures show where the time goes, not how long a build takes.
    """
    import cProfile
    import io
    import pstats

    from pipeline.build import run_build
    from tests.benchmarks.corpus import change_one_document

    _warm_up()
    _empty_runs(_run_job, scratch, repeats=1)
    _empty_runs(lambda raw, out: run_build(raw, out, release=False), scratch / "plain", repeats=1)
    plain_out, dagster_out = outputs_dir / "plain", outputs_dir / "dagster"
    steps = [
        ("plain full build, run_build(release=False), cold cache", lambda: run_build(raw_dir, plain_out, release=False)),
        ("Dagster full build, build_all in process, cold cache", lambda: _run_job(raw_dir, dagster_out)),
        ("one document changed", lambda: change_one_document(raw_dir)),
        ("plain one-change rebuild, warm cache", lambda: run_build(raw_dir, plain_out, release=False)),
        ("Dagster one-change rebuild, warm cache", lambda: _run_job(raw_dir, dagster_out)),
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


CHILDREN = {"floor": child_floor, "plain": child_plain, "dagster": child_dagster, "profile": child_profile}


def measure(kind: str, raw_dir: Path, outputs_dir: Path, scratch: Path) -> dict:
    """Run one measurement in a fresh interpreter; returns its figures plus the whole process's wall time."""
    scratch.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])), "DAGSTER_DISABLE_TELEMETRY": "1"}
    env.pop("DAGSTER_HOME", None)
    command = [sys.executable, "-m", "tests.benchmarks.bench_build", "--child", kind, "--raw-dir", str(raw_dir), "--outputs-dir", str(outputs_dir), "--scratch", str(scratch)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARKER)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{kind} measurement failed (exit {done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}")
    figures = json.loads(lines[-1][len(MARKER) :])
    figures["process_seconds"] = wall
    return figures


# --- the benchmark ------------------------------------------------------------------------------------


def bench_size(n: int, workdir: Path, seed: int, log, repeat: int = 1) -> dict:
    """Every measurement at one size; with `repeat` > 1 each is taken that many times (interleaved) and the median run kept."""
    from tests.benchmarks.corpus import change_one_document, corpus_bytes, generate_corpus

    folder = workdir / f"n{n}"
    raw_dir = folder / "raw"
    generate_corpus(raw_dir, n, seed=seed)
    figures = {"n": n, "raw_bytes": corpus_bytes(raw_dir), "repeat": repeat}
    log(f"N={n}: corpus {figures['raw_bytes'] / 1e6:.1f} MB")
    runs: dict[str, list[dict]] = {kind: [] for kind in ("floor", "plain", "dagster", *REBUILDS)}
    for attempt in range(repeat):
        for kind in ("floor", "plain", "dagster"):
            outputs = folder / f"{kind}-outputs-{attempt}"
            if attempt:
                shutil.rmtree(folder / f"{kind}-outputs-{attempt - 1}", ignore_errors=True)  # the last full build's outputs stay for the rebuilds
            runs[kind].append(measure(kind.split("_")[0], raw_dir, outputs, folder / f"scratch-{kind}-{attempt}"))
            log(f"N={n}: {kind} full build {runs[kind][-1]['seconds']:.1f} s (run {attempt + 1}/{repeat})")
    for where, suffix in (("end", "_rebuild"), ("middle", "_rebuild_mid")):
        for attempt in range(repeat):
            changed = change_one_document(raw_dir, where)  # a new edit each time, so every rebuild has exactly one changed document
            for kind in ("plain", "dagster"):
                runs[kind + suffix].append(measure(kind, raw_dir, folder / f"{kind}-outputs-{repeat - 1}", folder / f"scratch-{kind}{suffix}-{attempt}"))
                log(f"N={n}: {kind} rebuild after a sentence added at the {where} of {changed.name}: {runs[kind + suffix][-1]['seconds']:.1f} s (run {attempt + 1}/{repeat})")
    for kind, measured in runs.items():
        key = net if kind.startswith("dagster") else (lambda f: f["seconds"])
        ordered = sorted(measured, key=key)
        figures[kind] = {**ordered[(len(ordered) - 1) // 2], "all_seconds": [round(key(f), 2) for f in measured]}
    shutil.rmtree(folder, ignore_errors=True)
    return figures


def net(figures: dict) -> float:
    """A Dagster run's seconds after its fixed start-up (the same job on an empty raw folder)."""
    return figures["seconds"] - figures["fixed_seconds"]


def _rate(amount: float, seconds: float, digits: int) -> str:
    """amount/seconds, or 'n/a' when a net time is within noise of zero (tiny corpora)."""
    return f"{amount / seconds:.{digits}f}" if seconds > 0.05 else "n/a"


def _print_header(print_, header: str) -> None:
    print_(header)
    print_("-" * len(header))


def report(results: list[dict], print_=print) -> bool:
    """Print the tables and the targets; returns True when every target passes."""
    print_(f"\nMachine: os.cpu_count() = {os.cpu_count()}; Python {sys.version.split()[0]}; in-process builds (one core used by the build)")
    print_("Times are seconds inside a fresh process after imports and warm-up; 'dagster' is build_all in process minus its fixed start-up.\n")
    header = f"{'N':>6} {'MB':>6} | {'floor s':>8} {'plain s':>8} {'dagster s':>9} {'dg fixed':>8} | {'floor doc/s':>11} {'plain doc/s':>11} {'dg doc/s':>9} | {'floor MB/s':>10} {'plain MB/s':>10} {'dg MB/s':>8}"
    print_("Full build (no build state)")
    _print_header(print_, header)
    for r in results:
        mb = r["raw_bytes"] / 1e6
        f, p, d = r["floor"]["seconds"], r["plain"]["seconds"], net(r["dagster"])
        print_(f"{r['n']:>6} {mb:>6.1f} | {f:>8.2f} {p:>8.2f} {d:>9.2f} {r['dagster']['fixed_seconds']:>8.2f} | {r['n'] / f:>11.1f} {r['n'] / p:>11.1f} {_rate(r['n'], d, 1):>9} | {mb / f:>10.2f} {mb / p:>10.2f} {_rate(mb, d, 2):>8}")

    print_("\nFixed costs, not in the figures above (seconds): imports + warm-up, the first run on an empty raw folder (one-time")
    print_("initialisation), the median of three more empty runs (the fixed cost of every run; subtracted from Dagster's times),\nand the whole process's wall time")
    header = f"{'N':>6} | {'plain import':>12} {'first empty':>11} {'empty':>6} {'process':>8} | {'dg import':>9} {'first empty':>11} {'empty':>6} {'process':>8} | {'floor process':>13}"
    _print_header(print_, header)
    for r in results:
        p, d = r["plain"], r["dagster"]
        print_(
            f"{r['n']:>6} | {p['import_seconds']:>12.2f} {p['first_run_seconds']:>11.2f} {p['fixed_seconds']:>6.2f} {p['process_seconds']:>8.1f} | "
            f"{d['import_seconds']:>9.2f} {d['first_run_seconds']:>11.2f} {d['fixed_seconds']:>6.2f} {d['process_seconds']:>8.1f} | {r['floor']['process_seconds']:>13.1f}"
        )

    print_("\nOne-document change rebuild (build state warm) and ratios; 'end' = a sentence appended to one document,")
    print_("'mid' = one inserted halfway down it (every later row moves to another line)")
    header = f"{'N':>6} | {'plain/floor':>11} {'dg/floor':>8} | {'plain end s':>11} {'dg end s':>8} {'plain mid s':>11} {'dg mid s':>8} | {'plain end/full':>14} {'dg end/full':>11} {'plain mid/full':>14} {'dg mid/full':>11} | {'parsed/reused':>13}"
    _print_header(print_, header)
    for r in results:
        f, p, d = r["floor"]["seconds"], r["plain"]["seconds"], net(r["dagster"])
        pe, de, pm, dm = r["plain_rebuild"]["seconds"], net(r["dagster_rebuild"]), r["plain_rebuild_mid"]["seconds"], net(r["dagster_rebuild_mid"])
        pr = r["plain_rebuild"]
        print_(
            f"{r['n']:>6} | {p / f:>11.2f} {d / f:>8.2f} | {pe:>11.2f} {de:>8.2f} {pm:>11.2f} {dm:>8.2f} | "
            f"{pe / p:>14.1%} {de / d:>11.1%} {pm / p:>14.1%} {dm / d:>11.1%} | {str(pr['parsed']) + '/' + str(pr['reused']):>13}"
        )

    print_("\nMemory (MB; peak RSS of each measurement's process; 'grow' = peak minus the RSS after imports and warm-up) and outputs")
    print_("('tables MB (mem)' = the published tables' in-memory size (Arrow nbytes); 'grow/tables' = RSS growth per MB of tables)")
    header = f"{'N':>6} | {'floor peak':>10} {'plain peak':>10} {'plain grow':>10} {'dg peak':>8} {'dg grow':>8} | {'rows':>9} {'parquet MB':>10} {'duckdb MB':>9} {'tables MB (mem)':>15} | {'grow/tables plain':>17} {'dagster':>7}"
    _print_header(print_, header)
    for r in results:
        p, d = r["plain"], r["dagster"]
        print_(
            f"{r['n']:>6} | {r['floor']['rss_peak_mb']:>10.0f} {p['rss_peak_mb']:>10.0f} {p['rss_peak_mb'] - p['rss_base_mb']:>10.0f} {d['rss_peak_mb']:>8.0f} {d['rss_peak_mb'] - d['rss_base_mb']:>8.0f} | "
            f"{p['rows']:>9} {p['parquet_bytes'] / 1e6:>10.2f} {p['duckdb_bytes'] / 1e6:>9.2f} {p['table_memory_bytes'] / 1e6:>15.1f} | "
            f"{(p['rss_peak_mb'] - p['rss_base_mb']) * 1e6 / p['table_memory_bytes']:>17.2f} {(d['rss_peak_mb'] - d['rss_base_mb']) * 1e6 / p['table_memory_bytes']:>7.2f}"
        )

    if any(r["repeat"] > 1 for r in results):
        print_("\nEvery run's seconds (the median run is the one reported; Dagster after its fixed start-up)")
        for r in results:
            print_(f"  N={r['n']:<5} " + "; ".join(f"{kind} {r[kind]['all_seconds']}" for kind in ("floor", "plain", "dagster", *REBUILDS)))

    print_("\nWhere the time goes (seconds)")
    for r in results:
        for label, key in (("plain full", "plain"), ("plain rebuild", "plain_rebuild"), ("plain mid-edit", "plain_rebuild_mid"), ("dagster full", "dagster"), ("dagster rebuild", "dagster_rebuild"), ("dagster mid-edit", "dagster_rebuild_mid")):
            stages = ", ".join(f"{name} {seconds:.2f}" for name, seconds in sorted(r[key]["stages"].items(), key=lambda kv: -kv[1]) if seconds >= 0.005)
            print_(f"  N={r['n']:<5} {label:<16} {r[key]['seconds']:7.2f} total: {stages}")

    return targets(results, print_)


def targets(results: list[dict], print_=print) -> bool:
    print_("\nTargets (issue 7)")
    verdicts = []

    def verdict(ok: bool, text: str) -> None:
        verdicts.append(ok)
        print_(f"  {'PASS' if ok else 'FAIL'}  {text}")

    at = next((r for r in results if r["n"] == TARGET_N), None)
    if at is None:
        print_(f"  (no N={TARGET_N} in this run: the time targets are not evaluated)")
    else:
        floor = at["floor"]["seconds"]
        plain, dagster = at["plain"]["seconds"], net(at["dagster"])
        verdict(dagster <= FLOOR_RATIO_TARGET * floor, f"full build within {FLOOR_RATIO_TARGET:g}x the floor at N={TARGET_N}, Dagster after its fixed start-up: {dagster:.1f} s / {floor:.1f} s = {dagster / floor:.2f}x")
        verdict(plain <= FLOOR_RATIO_TARGET * floor, f"full build within {FLOOR_RATIO_TARGET:g}x the floor at N={TARGET_N}, plain run_build: {plain:.1f} s / {floor:.1f} s = {plain / floor:.2f}x")
        for suffix, edit in (("_rebuild", "sentence appended"), ("_rebuild_mid", "sentence inserted mid-document")):
            d_rb, p_rb = net(at["dagster" + suffix]), at["plain" + suffix]["seconds"]
            verdict(d_rb <= REBUILD_RATIO_TARGET * dagster, f"one-document rebuild ({edit}) <= {REBUILD_RATIO_TARGET:.0%} of the full build at N={TARGET_N}, Dagster after start-up: {d_rb:.2f} s / {dagster:.1f} s = {d_rb / dagster:.1%}")
            verdict(p_rb <= REBUILD_RATIO_TARGET * plain, f"one-document rebuild ({edit}) <= {REBUILD_RATIO_TARGET:.0%} of the full build at N={TARGET_N}, plain run_build: {p_rb:.2f} s / {plain:.1f} s = {p_rb / plain:.1%}")
    if len(results) >= 2:
        # Output size is the published tables' in-memory size (Arrow nbytes, as the build holds them), the same unit as RSS;
        # rows and Parquet bytes are printed beside it. Every step between consecutive sizes must pass.
        for small, large in zip(results, results[1:]):
            tables_growth = large["plain"]["table_memory_bytes"] / small["plain"]["table_memory_bytes"]
            rows_growth = large["plain"]["rows"] / small["plain"]["rows"]
            bytes_growth = large["plain"]["parquet_bytes"] / small["plain"]["parquet_bytes"]
            for label, key in (("Dagster", "dagster"), ("plain run_build", "plain")):
                grow_small = small[key]["rss_peak_mb"] - small[key]["rss_base_mb"]
                grow_large = large[key]["rss_peak_mb"] - large[key]["rss_base_mb"]
                mem_growth = grow_large / max(grow_small, 1.0)
                verdict(
                    mem_growth <= tables_growth,
                    f"peak memory grows no faster than the output tables, {label}, N={small['n']} -> {large['n']}: RSS growth {grow_small:.0f} -> {grow_large:.0f} MB (x{mem_growth:.2f}) "
                    f"vs tables in memory x{tables_growth:.2f} (rows x{rows_growth:.2f}, Parquet bytes x{bytes_growth:.2f})",
                )
    else:
        print_("  (one size only: the memory target needs two)")
    return all(verdicts)


def profile_size(n: int, workdir: Path, seed: int, log) -> str:
    from tests.benchmarks.corpus import generate_corpus

    folder = workdir / f"profile-n{n}"
    generate_corpus(folder / "raw", n, seed=seed)
    log(f"N={n}: cProfile of the full builds and one-change rebuilds (about 1.5x their normal time) ...")
    figures = measure("profile", folder / "raw", folder / "outputs", folder / "scratch")
    text = (folder / "scratch" / "profile.txt").read_text()
    shutil.rmtree(folder, ignore_errors=True)
    return f"cProfile at N={n} (process wall {figures['process_seconds']:.0f} s):\n{text}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"comma-separated corpus sizes (default {DEFAULT_SIZES}; --sizes 100,1000,5000 is the full run of issue 7, about 20 minutes on 2 cores)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--repeat", type=int, default=1, help="take every measurement this many times and keep the median run (default 1; the machine is noisy)")
    parser.add_argument("--profile", action="store_true", help="also cProfile the full builds and one-change rebuilds (plain and Dagster) at the largest size and print the top functions")
    parser.add_argument("--profile-only", action="store_true", help="only the cProfile runs of --profile, at the largest size; no timings, no targets")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--from-json", type=Path, help="print the report of a run saved with --json, measuring nothing")
    parser.add_argument("--workdir", type=Path, help="where corpora and outputs go (default: a temporary folder, removed afterwards)")
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
    log = lambda text: print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)  # noqa: E731
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
