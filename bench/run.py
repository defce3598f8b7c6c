"""Benchmarks of issue 6 ("Fast at every scale"), as ratios to baselines measured in the same run.

    python bench/run.py                   # build bench/corpus/ if missing, run everything
    python bench/run.py --quick           # fewer repeats and forms, no 1,000-file folder (a smoke test)
    python bench/run.py --readme          # also write the table into bench/README.md and README.md

Every number is a median. In-process timings run perfform and its baselines side by side form by form, each
case in a timing process of its own and in a block of calls (alternating which goes first), so that load
from other processes hits both alike and no case pays for what another allocated and freed; subprocess
timings interleave their commands run by run. Results go to bench/results/latest.md and latest.json, and
the table is printed.

Sections:

- per form, in process, after warm-up: read + parse + validate (`parse_file` + `check_filing`) against
  the floor (zip read + `lxml.etree.fromstring` of word/document.xml; for a text dump, read + decode) and
  against python-docx (`Document()` + the text of every `row.cells`);
- whole folder: `perfform validate -j 1` and `-j 2` (json to /dev/null), forms per second and their ratio;
- cold start: `perfform --version` and `perfform validate <one form>` against `python -c pass`;
- peak memory (ru_maxrss of the subprocess, workers included) for one form, the corpus and 1,000 files;
- size scaling: a form with 10x the indicator rows against the base form.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (bench/ is not a package: this is bench/corpus.py)

RESULTS = HERE / "results"
README = HERE / "README.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
DOCUMENT = "word/document.xml"


# -- targets ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    key: str
    text: str
    limit: float
    higher_is_better: bool = False

    def met(self, value: float) -> bool:
        return value >= self.limit if self.higher_is_better else value <= self.limit


TARGETS = {
    t.key: t
    for t in (
        Target("docx_vs_floor", ".docx read+parse+validate ≤ 1.5 × floor", 1.5),
        Target("docx_vs_python_docx", "≥ 10 × faster than python-docx cells", 10, higher_is_better=True),
        Target("text_ms", "text dump ≤ 5 ms per form", 5.0),
        Target("version_vs_python", "`perfform --version` ≤ 3 × `python -c pass`", 3.0),
        Target("validate_one_ms", "validate one form cold ≤ 250 ms", 250.0),
        Target("j2_vs_j1", "`-j 2` ≥ 1.8 × `-j 1` (1,000 forms)", 1.8, higher_is_better=True),
        Target(
            "memory_flat",
            "peak memory flat in the number of files: 1,000 files ≤ 1.1 × the 600-file corpus",
            1.1,
        ),
        Target("scaling_x10", "10 × the indicator rows ≤ 12 × the cost", 12.0),
    )
}


# -- timing helpers ---------------------------------------------------------------------------------------


def clock(fn: Callable[[], object]) -> float:
    """CPU time of this thread running `fn` (user + system): other processes on the machine do not count."""
    start = time.thread_time()
    fn()
    return time.thread_time() - start


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


# -- in-process baselines and perfform ----------------------------------------------------------------------


def floor_docx(path: Path) -> object:
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(DOCUMENT)
    from lxml import etree

    return etree.fromstring(xml)


def floor_text(path: Path) -> object:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def python_docx_cells(path: Path) -> object:
    import docx

    document = docx.Document(str(path))
    texts = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return texts


def perfform_check(config: Any) -> Callable[[Path], object]:
    """Read, parse and validate one file as `perfform validate` does (`batch.check_file`)."""
    from perfform.batch import check_file

    def run(path: Path) -> object:
        return check_file(str(path), config)

    return run


def case_function(case: str) -> Callable[[Path], object]:
    if case == "perfform":
        from perfform.config import Config

        return perfform_check(Config())
    return {"floor-docx": floor_docx, "floor-text": floor_text, "python-docx": python_docx_cells}[case]


def worker_main(case: str) -> int:
    """`--worker CASE`: time CASE on each "repeats<TAB>path" line of stdin, one JSON list of seconds per line.

    Each request is a block: one untimed call, then the timed ones in a row.
    """
    pin_heap()
    run = case_function(case)
    from perfform import batch

    with batch.fewer_collections():
        for line in sys.stdin:
            repeats, _, name = line.rstrip("\n").partition("\t")
            call = functools.partial(run, Path(name))
            call()
            times = [clock(call) for _ in range(int(repeats))]
            print(json.dumps(times), flush=True)
    return 0


class Timers:
    """One timing process per case (`worker_main`), started on first use.

    Each case runs in a process of its own, as it would in a batch of its own: what one case allocates and
    frees never slows another (in one shared process the qingshan sample took 5.5 ms fresh and 6.1 ms
    after the python-docx timings, and the floor 3.8 and 6.1 ms).
    """

    def __init__(self) -> None:
        self.workers: dict[str, subprocess.Popen[str]] = {}

    def block(self, case: str, path: Path, repeats: int) -> list[float]:
        worker = self.workers.get(case)
        if worker is None:
            argv = [sys.executable, str(Path(__file__).resolve()), "--worker", case]
            if OTHER_SRC is not None:
                argv += ["--src", str(OTHER_SRC)]
            worker = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            self.workers[case] = worker
        assert worker.stdin is not None and worker.stdout is not None
        worker.stdin.write(f"{repeats}\t{path}\n")
        worker.stdin.flush()
        line = worker.stdout.readline()
        if not line:
            raise RuntimeError(f"the {case} timing process ended (exit {worker.wait()})")
        times: list[float] = json.loads(line)
        return times

    def side_by_side(self, cases: Sequence[str], path: Path, repeats: int, reverse: bool) -> dict[str, float]:
        """Median seconds of each case on `path`, one block each; `reverse` runs them in the other order."""
        order = list(cases)[::-1] if reverse else list(cases)
        return {case: median(self.block(case, path, repeats)) for case in order}

    def close(self) -> None:
        for worker in self.workers.values():
            if worker.stdin is not None:
                worker.stdin.close()
            worker.wait()
        self.workers.clear()


def neighbour_effect(paths: list[Path], repeats: int) -> dict[str, float]:
    """Median ms of a perfform call and of a floor call right after a call of either, in one process:
    why the cases are timed in blocks, each in a process of its own (`Timers`)."""
    from perfform.config import Config

    check = perfform_check(Config())
    times: dict[str, list[float]] = {}
    for path in paths:
        cases = {"perfform": lambda p=path: check(p), "floor": lambda p=path: floor_docx(p)}
        for _ in range(repeats):
            # Each pair runs its first case untimed, then times its second.
            for before, after in (("floor", "perfform"), ("perfform", "perfform"), ("perfform", "floor")):
                cases[before]()
                times.setdefault(f"{after} after {before}", []).append(clock(cases[after]))
            times.setdefault("floor after floor", []).append(clock(cases["floor"]))
    return {name: median(values) * 1000 for name, values in times.items()}


@dataclass
class PerForm:
    forms: int
    perfform_ms: float
    floor_ms: float
    ratio: float
    python_docx_ms: float | None = None
    python_docx_ratio: float | None = None
    python_docx_forms: int = 0
    python_docx_perfform_ms: float | None = None
    """perfform's median on the forms timed against python-docx."""
    neighbours: dict[str, float] | None = None
    """`neighbour_effect` on the python-docx sample."""
    blocks: int = 1
    """Pairs of blocks per form (the medians are over all pairs of all forms)."""


SAMPLE_BLOCKS = 8
"""Pairs of blocks per sample: one pair is at the mercy of a slow moment of the machine, eight in turn are not
(after 30 corpus forms, five runs gave the qingshan ratio of one tree as 1.37–1.51 × with one pair of blocks of
20 calls, and as 1.38–1.47 × with eight pairs of five)."""


def per_form(
    timers: Timers, paths: list[Path], floor: str, repeats: int, docx_sample: int, blocks: int = 1
) -> PerForm:
    perf, base, ratios = [], [], []
    for index, path in enumerate(paths):
        for block in range(blocks):
            reverse = (index + block) % 2 == 1
            t = timers.side_by_side(("perfform", floor), path, repeats, reverse)
            p_ms, f_ms = t["perfform"] * 1000, t[floor] * 1000
            perf.append(p_ms)
            base.append(f_ms)
            ratios.append(p_ms / f_ms)
    result = PerForm(len(paths), median(perf), median(base), median(ratios), blocks=blocks)
    if docx_sample:
        # python-docx cannot walk rows wrapped in content controls: it is timed on the forms without them.
        plain = [p for p in paths if not corpus.has_content_controls(p)]
        sample = plain[:: max(1, len(plain) // docx_sample)][:docx_sample]
        speedups, docx_ms, ours = [], [], []
        for index, path in enumerate(sample):
            # As many repeats as the floor gets: with two, the "median" was their mean.
            t = timers.side_by_side(("perfform", "python-docx"), path, repeats, reverse=index % 2 == 1)
            d_ms, p_ms = t["python-docx"] * 1000, t["perfform"] * 1000
            docx_ms.append(d_ms)
            ours.append(p_ms)
            speedups.append(d_ms / p_ms)
        result.python_docx_ms = median(docx_ms)
        result.python_docx_ratio = median(speedups)
        result.python_docx_forms = len(sample)
        result.python_docx_perfform_ms = median(ours)
        result.neighbours = neighbour_effect(sample, repeats)
    return result


# -- subprocesses -------------------------------------------------------------------------------------------


OTHER_SRC: Path | None = None
"""`--src`: the perfform source tree benchmarked instead of the installed one (e.g. an older checkout)."""


def perfform_cmd() -> list[str]:
    """How the commands start perfform: the installed `perfform` script, or `python -m perfform` for `--src`."""
    if OTHER_SRC is not None:
        return [sys.executable, "-m", "perfform"]
    return [perfform_exe()]


def perfform_exe() -> str:
    beside = Path(sys.executable).with_name("perfform")
    if beside.exists():
        return str(beside)
    found = shutil.which("perfform")
    if found is None:
        raise SystemExit("perfform is not installed in this environment (pip install -e .)")
    return found


@dataclass
class Proc:
    seconds: float
    maxrss_kb: int
    code: int
    cpu: float
    """User + system CPU seconds of the process (and of the workers it waited for)."""


def child_env() -> dict[str, str]:
    """The environment of the commands timed: as a user's shell has it, so with bytecode caching on (a
    PYTHONDONTWRITEBYTECODE from a sandbox would make every start compile perfform from source)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if OTHER_SRC is not None:
        env["PYTHONPATH"] = str(OTHER_SRC)
    return env


# A small process starts each timed command: the peak RSS the kernel reports for a child is at least the
# RSS of the process it was forked from, and this benchmark's own process is large. The launcher times the
# command from fork to exit, so its own start-up is not counted.
LAUNCHER = """
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
code = os.waitstatus_to_exitcode(status)
print(json.dumps([seconds, usage.ru_maxrss, code, usage.ru_utime + usage.ru_stime]))
"""


def spawn(argv: list[str]) -> Proc:
    """Run `argv` (output discarded): wall time, peak RSS (KiB) of its process tree, exit code, CPU time."""
    out = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=child_env(),
        check=True,
    )
    seconds, maxrss, code, cpu = json.loads(out.stdout)
    return Proc(seconds, maxrss, code, cpu)


def spawn_many(commands: dict[str, list[str]], runs: int, warmup: int = 2) -> dict[str, list[Proc]]:
    names = list(commands)
    out: dict[str, list[Proc]] = {name: [] for name in names}
    for round_ in range(warmup + runs):
        for name in names if round_ % 2 == 0 else names[::-1]:
            proc = spawn(commands[name])
            if round_ >= warmup:
                out[name].append(proc)
    return out


def validate_argv(target: Path, jobs: int, fmt: str = "json") -> list[str]:
    return [*perfform_cmd(), "validate", "-j", str(jobs), "-f", fmt, "--no-progress", str(target)]


def check_exit(procs: list[Proc], what: str) -> None:
    bad = [p.code for p in procs if p.code not in (0, 1)]
    if bad:
        raise SystemExit(f"{what} exited with {bad[0]} (expected 0 or 1)")


# -- the run --------------------------------------------------------------------------------------------------


@dataclass
class Results:
    meta: dict[str, Any] = field(default_factory=dict)
    numbers: dict[str, Any] = field(default_factory=dict)
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(measure, perfform, baseline, ratio / target)"""
    verdicts: dict[str, tuple[str, float, bool]] = field(default_factory=dict)
    """label → (target key, value, met); the label is the target key unless one target is checked twice."""

    def verdict(self, key: str, value: float, label: str | None = None) -> str:
        target = TARGETS[key]
        ok = target.met(value)
        self.verdicts[label or key] = (key, value, ok)
        return ("✅ " if ok else "❌ ") + target.text


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def mib(kb: float) -> str:
    return f"{kb / 1024:.0f} MiB"


SAMPLE_FORMS = {
    "wuchang-2020": ROOT / "samples" / "wuchang-2020" / "form.docx",
    "qingshan-2022": ROOT / "samples" / "qingshan-2022" / "form.docx",
}


def pin_heap() -> bool:
    """Keep freed memory in this process (glibc): no timed call pays page faults for the one before it.

    By default glibc gives freed memory back to the system, so a case that builds a large tree and frees
    it pays page faults the next time: the floor (one lxml parse of 0.2–0.8 MB) paid some 1,200 faults and
    3.8 ms of system time per call, perfform (which parses far less) none. How much the floor paid
    depended on what had run before in the process, and the floor ratio of the same 12 forms moved between
    1.17 and 1.64. With freed memory kept, neither pays faults and the floor is the parse alone, the strict
    baseline. Returns False where this is not glibc.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3
    return bool(mallopt(m_trim_threshold, 1 << 30) and mallopt(m_mmap_threshold, 64 << 20))


def section_per_form(
    res: Results, forms: corpus.Corpus, lean: list[Path], repeats: int, docx_sample: int
) -> None:
    timers = Timers()
    try:
        docx = per_form(timers, forms.docx, "floor-docx", repeats, docx_sample)
        text = per_form(timers, forms.text, "floor-text", repeats, 0)
        lean_docx = per_form(timers, lean, "floor-docx", repeats, 0)
        samples = {
            name: per_form(timers, [path], "floor-docx", repeats, 0, SAMPLE_BLOCKS)
            for name, path in SAMPLE_FORMS.items()
        }
    finally:
        timers.close()
    res.numbers["per_form"] = {
        "docx": docx.__dict__,
        "text": text.__dict__,
        "docx_lean": lean_docx.__dict__,
        "samples": {name: sample.__dict__ for name, sample in samples.items()},
    }
    res.rows.append(
        (
            f"per .docx form, read+parse+validate ({docx.forms} forms)",
            f"{docx.perfform_ms:.2f} ms",
            f"floor (zip + lxml) {docx.floor_ms:.2f} ms",
            f"{docx.ratio:.2f} × — " + res.verdict("docx_vs_floor", docx.ratio),
        )
    )
    for name, sample in samples.items():
        res.rows.append(
            (
                f"the {name} sample (.docx), read+parse+validate",
                f"{sample.perfform_ms:.2f} ms",
                f"floor (zip + lxml) {sample.floor_ms:.2f} ms",
                f"{sample.ratio:.2f} × — "
                + res.verdict("docx_vs_floor", sample.ratio, f"docx_vs_floor {name}"),
            )
        )
    if lean_docx.forms:
        res.rows.append(
            (
                f"per lean .docx form, as perfform renders it ({lean_docx.forms} forms)",
                f"{lean_docx.perfform_ms:.2f} ms",
                f"floor (zip + lxml) {lean_docx.floor_ms:.2f} ms",
                f"{lean_docx.ratio:.2f} × — (no word-processor formatting: half the XML per cell)",
            )
        )
    if docx.python_docx_ratio is not None and docx.python_docx_perfform_ms is not None:
        res.rows.append(
            (
                f"per .docx form vs python-docx ({docx.python_docx_forms} forms without content controls)",
                f"{docx.python_docx_perfform_ms:.2f} ms",
                f"python-docx cells {docx.python_docx_ms:.1f} ms",
                f"{docx.python_docx_ratio:.1f} × faster — "
                + res.verdict("docx_vs_python_docx", docx.python_docx_ratio),
            )
        )
    res.rows.append(
        (
            f"per text dump, read+parse+validate ({text.forms} dumps)",
            f"{text.perfform_ms:.2f} ms",
            f"read + decode {text.floor_ms:.3f} ms",
            f"{text.ratio:.0f} × — " + res.verdict("text_ms", text.perfform_ms),
        )
    )


def section_cold(res: Results, one_form: Path, runs: int) -> None:
    procs = spawn_many(
        {
            "python": [sys.executable, "-c", "pass"],
            "version": [*perfform_cmd(), "--version"],
            "validate": [*validate_argv(one_form, 1)],
        },
        runs,
    )
    check_exit(procs["validate"], "perfform validate")
    t = {name: median([p.seconds for p in ps]) for name, ps in procs.items()}
    res.numbers["cold"] = {name: {"median_s": v, "runs": len(procs[name])} for name, v in t.items()}
    ratio = t["version"] / t["python"]
    res.rows.append(
        (
            f"cold `perfform --version` ({runs} runs)",
            ms(t["version"]),
            f"`python -c pass` {ms(t['python'])}",
            f"{ratio:.2f} × — " + res.verdict("version_vs_python", ratio),
        )
    )
    res.rows.append(
        (
            f"cold `perfform validate` one .docx ({runs} runs)",
            ms(t["validate"]),
            f"`python -c pass` {ms(t['python'])}",
            f"{t['validate'] / t['python']:.1f} × — " + res.verdict("validate_one_ms", t["validate"] * 1000),
        )
    )
    rss = median([p.maxrss_kb for p in procs["validate"]])
    res.numbers["memory"] = {"one_form_kb": rss, "python_kb": median([p.maxrss_kb for p in procs["python"]])}


def section_folder(res: Results, folder: Path, files: int, runs: int, label: str, key: str) -> None:
    procs = spawn_many({"j1": validate_argv(folder, 1), "j2": validate_argv(folder, 2)}, runs, warmup=1)
    for ps in procs.values():
        check_exit(ps, "perfform validate")
    rate = {name: files / median([p.seconds for p in ps]) for name, ps in procs.items()}
    rss = {name: float(median([p.maxrss_kb for p in ps])) for name, ps in procs.items()}
    ratio = rate["j2"] / rate["j1"]
    res.numbers[key] = {
        "files": files,
        "rate_j1": rate["j1"],
        "rate_j2": rate["j2"],
        "ratio": ratio,
        "maxrss_kb_j1": rss["j1"],
        "maxrss_kb_j2": rss["j2"],
        "cpu_s_j1": median([p.cpu for p in procs["j1"]]),
        "cpu_s_j2": median([p.cpu for p in procs["j2"]]),
    }
    verdict = res.verdict("j2_vs_j1", ratio) if key == "folder_1000" else "(target is on 1,000 forms)"
    res.rows.append(
        (
            f"folder, {label} ({files} files), `-j 2`",
            f"{rate['j2']:.0f} forms/s",
            f"`-j 1` {rate['j1']:.0f} forms/s",
            f"{ratio:.2f} × — {verdict}",
        )
    )


def section_memory(res: Results, x1000: Path | None, runs: int) -> None:
    one = res.numbers["memory"]["one_form_kb"]
    corpus_rss = res.numbers["folder"]["maxrss_kb_j1"]
    if x1000 is None:
        res.rows.append(
            ("peak RSS, corpus `-j 1`", mib(corpus_rss), f"one form {mib(one)}", "(no 1,000-file run)")
        )
        return
    folder = res.numbers["folder_1000"]
    streamed = spawn_many({"github": validate_argv(x1000, 1, "github")}, max(1, runs - 1), warmup=0)
    check_exit(streamed["github"], "perfform validate")
    streamed_kb = float(median([p.maxrss_kb for p in streamed["github"]]))
    res.numbers["memory"].update(
        {
            "corpus_kb": corpus_rss,
            "x1000_json_j1_kb": folder["maxrss_kb_j1"],
            "x1000_json_j2_kb": folder["maxrss_kb_j2"],
            "x1000_github_j1_kb": streamed_kb,
        }
    )
    ratio = folder["maxrss_kb_j1"] / corpus_rss
    res.rows.append(
        (
            "peak RSS, 1,000 files, json, `-j 1` / `-j 2`",
            f"{mib(folder['maxrss_kb_j1'])} / {mib(folder['maxrss_kb_j2'])}",
            f"one form {mib(one)}; corpus ({res.meta['corpus_files']} files) {mib(corpus_rss)}",
            f"{ratio:.2f} × — " + res.verdict("memory_flat", ratio),
        )
    )
    res.rows.append(
        (
            "peak RSS, 1,000 files, github (streamed) `-j 1`",
            mib(streamed_kb),
            f"one form {mib(one)}",
            f"{streamed_kb / one:.2f} × one form (every reporter streams)",
        )
    )


def section_scaling(res: Results, root: Path, repeats: int) -> None:
    res.numbers["scaling"] = {}
    timers = Timers()
    try:
        for suffix, floor, key in ((".docx", "floor-docx", "scaling_x10"), (".txt", "floor-text", None)):
            base, big = corpus.scaling_pair(root, suffix)
            small = timers.side_by_side(("perfform", floor), base, repeats * 2, reverse=False)
            large = timers.side_by_side(("perfform", floor), big, repeats * 2, reverse=True)
            t = {
                "base": small["perfform"],
                "x10": large["perfform"],
                "floor_base": small[floor],
                "floor_x10": large[floor],
            }
            _scaling_row(res, suffix, key, t, base, big)
    finally:
        timers.close()


def _scaling_row(
    res: Results, suffix: str, key: str | None, t: dict[str, float], base: Path, big: Path
) -> None:
    ratio = t["x10"] / t["base"]
    rows, rows_x10 = corpus.indicator_rows(base), corpus.indicator_rows(big)
    res.numbers["scaling"][suffix] = {name: v * 1000 for name, v in t.items()} | {
        "ratio": ratio,
        "floor_ratio": t["floor_x10"] / t["floor_base"],
        "rows": rows,
        "rows_x10": rows_x10,
    }
    verdict = res.verdict(key, ratio) if key else "(linear)"
    res.rows.append(
        (
            f"size, {suffix}: {rows_x10} vs {rows} indicator rows",
            ms(t["x10"]),
            f"base form {ms(t['base'])} (floor ratio {t['floor_x10'] / t['floor_base']:.1f} ×)",
            f"{ratio:.1f} × — {verdict}",
        )
    )


# -- output ---------------------------------------------------------------------------------------------------


def table(res: Results) -> str:
    lines = [
        "| Measure | perfform | Baseline (same run) | Ratio — target |",
        "|---|---|---|---|",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in res.rows),
    ]
    meta = res.meta
    lines.append("")
    lines.append(
        f"Measured {meta['date']} on {meta['cpus']} CPUs, Python {meta['python']}, commit {meta['commit']}; "
        f"load average {meta['load_before']} before, {meta['load_after']} after. Medians; ratios are "
        "between runs side by side with their baseline in the same run."
    )
    return "\n".join(lines) + "\n"


def write_readme(text: str) -> None:
    """The table between the markers of bench/README.md and of the project README."""
    for readme in (README, HERE.parent / "README.md"):
        current = readme.read_text(encoding="utf-8") if readme.exists() else ""
        if BEGIN not in current:
            continue
        head, _, rest = current.partition(BEGIN)
        _, _, tail = rest.partition(END)
        readme.write_text(f"{head}{BEGIN}\n{text}{END}{tail}", encoding="utf-8")


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "src"], cwd=ROOT, capture_output=True, text=True
        )
        return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus", type=Path, default=corpus.DEFAULT_DIR, help="corpus folder (built if missing)"
    )
    parser.add_argument(
        "--count", type=int, default=corpus.DEFAULT_COUNT, help="forms when building the corpus"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=corpus.DEFAULT_SEED,
        help="generator seed when building the corpus (another seed and --corpus give forms never tuned on)",
    )
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats per form (after one warm-up)")
    parser.add_argument("--cold-runs", type=int, default=21, help="runs of each cold-start command")
    parser.add_argument("--folder-runs", type=int, default=3, help="runs of each whole-folder command")
    parser.add_argument("--docx-sample", type=int, default=12, help="forms timed against python-docx")
    parser.add_argument("--no-1000", action="store_true", help="skip the 1,000-file folder")
    parser.add_argument("--quick", action="store_true", help="a smoke test: few forms, few repeats")
    parser.add_argument(
        "--readme", action="store_true", help="write the table into bench/README.md and README.md"
    )
    parser.add_argument("--src", type=Path, help="benchmark this perfform source tree (its src/ folder)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for latest.md and latest.json")
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # a timing process (`Timers`)
    args = parser.parse_args(argv)
    if args.src is not None:
        global OTHER_SRC
        OTHER_SRC = args.src.resolve()
        sys.path.insert(0, str(OTHER_SRC))
    if args.worker is not None:
        return worker_main(args.worker)
    if args.quick:
        args.repeats, args.cold_runs, args.folder_runs, args.docx_sample, args.no_1000 = 2, 5, 1, 3, True

    forms = corpus.ensure(args.corpus, args.count, args.seed)
    sample_docx, sample_text = forms.docx, forms.text
    lean = corpus.lean_forms(args.corpus)
    if args.quick:
        sample_docx, sample_text, lean = sample_docx[:20], sample_text[:20], lean[:5]
    res = Results()
    pinned = pin_heap()
    res.meta = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "commit": git_commit() if args.src is None else f"tree {args.src}",
        "load_before": load(),
        "corpus": str(args.corpus),
        "corpus_files": len(forms.all),
        "repeats": args.repeats,
        "heap_pinned": pinned,
    }
    gc.collect()
    x1000 = None if args.no_1000 else corpus.thousand(args.corpus, forms)
    per_form_forms = corpus.Corpus(sample_docx, sample_text, forms.root)
    steps: list[tuple[str, Callable[[], object]]] = [
        ("per form", lambda: section_per_form(res, per_form_forms, lean, args.repeats, args.docx_sample)),
        ("cold start", lambda: section_cold(res, forms.docx[1], args.cold_runs)),
        ("scaling", lambda: section_scaling(res, args.corpus, args.repeats)),
        (
            "folder",
            lambda: section_folder(
                res, forms.forms_dir, len(forms.all), args.folder_runs, "corpus", "folder"
            ),
        ),
    ]
    if x1000 is not None:
        steps.append(
            (
                "1,000 files",
                lambda: section_folder(res, x1000, 1000, args.folder_runs, "1,000 copies", "folder_1000"),
            )
        )
    steps.append(("memory", lambda: section_memory(res, x1000, args.folder_runs)))
    from perfform import batch

    # The garbage collector set as `perfform validate` sets it (older trees had no such setting).
    with getattr(batch, "fewer_collections", contextlib.nullcontext)():
        for name, step in steps:
            print(f"… {name}", file=sys.stderr, flush=True)
            step()
    res.meta["load_after"] = load()
    text = table(res)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.md").write_text(text, encoding="utf-8")
    payload = {
        "meta": res.meta,
        "numbers": res.numbers,
        "targets": {
            label: {"text": TARGETS[key].text, "limit": TARGETS[key].limit, "value": value, "met": ok}
            for label, (key, value, ok) in res.verdicts.items()
        },
    }
    (args.out / "latest.json").write_text(
        json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    if args.readme:
        write_readme(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
