"""Validate many inputs: find the candidate files, check each one (in worker processes), stream the results.

Nothing here prints or imports a UI library: worker processes run only `check_files`, which needs the
parser, the engine and the rules. One bad file never stops a batch: a read failure becomes an "unreadable"
result, any other exception (or a worker process that dies) a PF000 internal-error diagnostic.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from perfform.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext

    from perfform.config import Config
    from perfform.model import Filing

Status = Literal["ok", "invalid", "unreadable"]

CANDIDATE_SUFFIXES = frozenset({".docx", ".doc", ".xlsx", ".txt", ".text", ".dump", ".wps"})
"""Files with these suffixes are checked when found in a folder."""
SNIFFED_KINDS = frozenset({"docx", "xlsx", "ole2", "zip"})
"""Other files found in a folder are checked when their first bytes look like one of these."""
SKIPPED_DIRS = frozenset({".git", ".venv", "__pycache__"})
MAX_FILE_BYTES = 64 * 1024 * 1024
"""Files found in a folder above this size are skipped; a named file above it is reported unreadable."""
SNIFF_BYTES = 8
INTERNAL_ERROR = "PF000"


@dataclass(frozen=True, slots=True)
class FileResult:
    """One checked input. `filing` is kept only when the run asks for it (exports, the HTML report)."""

    path: str
    status: Status
    diagnostics: list[Diagnostic] = field(default_factory=list)
    filing: Filing | None = None
    sha256: str | None = None
    """Of the file's bytes; None only when they could not be read at all."""


# -- discovery --------------------------------------------------------------------------------------------


def discover(paths: Iterable[Path], max_bytes: int = MAX_FILE_BYTES) -> list[str]:
    """The files to check, sorted and without duplicates: named files always, folders walked recursively."""
    found: dict[str, str] = {}
    for path in paths:
        if path.is_dir():
            candidates: Iterable[str] = _walk(path, max_bytes)
        else:
            candidates = [str(path)]
        for name in candidates:
            found.setdefault(os.path.realpath(name), name)
    return sorted(found.values())


def _walk(folder: Path, max_bytes: int) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            full = os.path.join(root, name)
            if _is_candidate(full, name, max_bytes):
                yield full


def _is_candidate(full: str, name: str, max_bytes: int) -> bool:
    if name.startswith((".", "~$")):  # hidden files, Office lock files
        return False
    try:
        if not os.path.isfile(full) or os.path.getsize(full) > max_bytes:
            return False
    except OSError:
        return False
    if os.path.splitext(name)[1].lower() in CANDIDATE_SUFFIXES:
        return True
    from perfform.readers import sniff

    try:
        with open(full, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return sniff(head) in SNIFFED_KINDS


# -- checking one file ------------------------------------------------------------------------------------


def check_file(
    path: str, config: Config, max_bytes: int = MAX_FILE_BYTES, *, keep_filing: bool = False
) -> FileResult:
    """Read, parse and check one file. Never raises (except KeyboardInterrupt and friends)."""
    try:
        return _check(path, config, max_bytes, keep_filing)
    except Exception as exc:  # one broken file must not stop the batch
        return FileResult(path, "unreadable", [internal_error(f"{type(exc).__name__}: {exc}")])


def _check(path: str, config: Config, max_bytes: int, keep_filing: bool) -> FileResult:
    import hashlib

    from perfform.engine import check_filing, input_diagnostic
    from perfform.errors import PerfformError
    from perfform.parser import parse_bytes

    if config.max_size is not None:
        max_bytes = config.max_size
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            message = f"file too large: {size} bytes (limit {max_bytes})"
            return FileResult(path, "unreadable", [input_diagnostic("PF001", message)])
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        message = f"cannot read file: {exc.strerror or exc}"
        return FileResult(path, "unreadable", [input_diagnostic("PF001", message)])
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        filing = parse_bytes(data, path, max_bytes=config.max_size, sha256=sha256)
    except PerfformError as exc:
        return FileResult(path, "unreadable", [input_diagnostic(exc.code, exc.message)], sha256=sha256)
    diagnostics = check_filing(filing, config)
    failed = any(d.severity is Severity.ERROR for d in diagnostics)
    kept = filing if keep_filing else None
    return FileResult(path, "invalid" if failed else "ok", diagnostics, kept, sha256)


def internal_error(detail: str) -> Diagnostic:
    return Diagnostic(
        code=INTERNAL_ERROR,
        name="internal-error",
        severity=Severity.ERROR,
        message=f"internal error while checking this file: {detail}",
        suggestion="please report this as a perfform bug, with the file if you can share it",
    )


def check_files(
    batch: Sequence[tuple[int, str]], config: Config, keep_filing: bool = False
) -> list[tuple[int, FileResult]]:
    """The task a worker process runs: one chunk of (index, path) pairs."""
    return [(index, check_file(path, config, keep_filing=keep_filing)) for index, path in batch]


# -- running a batch --------------------------------------------------------------------------------------


def run(
    paths: Sequence[str],
    config: Config,
    jobs: int | None = None,
    *,
    ordered: bool = True,
    keep_filing: bool = False,
) -> Iterator[FileResult]:
    """Check `paths` with `jobs` worker processes (default: one per CPU; 1 runs in this process).

    Results are yielded as they complete; with `ordered` they come in the order of `paths`. With
    `keep_filing` each result carries its parsed filing (for exports and the HTML report), which costs the
    transfer from the worker; validation alone does not ask for it.
    """
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    with fewer_collections():
        if workers <= 1:
            for path in paths:
                yield check_file(path, config, keep_filing=keep_filing)
            return
        gc.freeze()  # forked workers then leave the parent's objects alone (no copy-on-write by the GC)
        try:
            yield from _PoolRun(paths, config, workers, ordered, keep_filing).results()
        finally:
            gc.unfreeze()


GC_THRESHOLD = 10_000
"""Young-generation collections every 10,000 net allocations (Python's default is 700) while a batch runs:
reading a form allocates many small objects that live until the form is done, so the default collects
over and over for nothing (some 10 % of the time per form)."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with the young-generation threshold at `GC_THRESHOLD` (as `run` does)."""
    before = gc.get_threshold()
    gc.set_threshold(max(GC_THRESHOLD, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


@dataclass
class _Task:
    items: list[tuple[int, str]]
    suspect: bool = False
    """Was in flight when a worker died: runs alone, so that a second death names its file."""


_Inflight = dict["Future[list[tuple[int, FileResult]]]", _Task]


class _PoolRun:
    """Chunked submission with a bounded window of tasks in flight; survives a worker process dying."""

    def __init__(
        self, paths: Sequence[str], config: Config, workers: int, ordered: bool, keep_filing: bool
    ) -> None:
        self.config = config
        self.keep_filing = keep_filing
        self.workers = workers
        self.window = workers * 2
        self.queue = deque(_Task(chunk) for chunk in _chunks(list(enumerate(paths)), workers))
        self.ordered = ordered
        self.done: dict[int, FileResult] = {}
        self.next_index = 0

    def results(self) -> Iterator[FileResult]:
        # Imported here: a run in one process (one file, or -j 1) never pays for the pool machinery.
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        pool = self._new_pool()
        inflight: _Inflight = {}
        try:
            while self.queue or inflight:
                self._fill(pool, inflight)
                finished, _ = wait(inflight, return_when=FIRST_COMPLETED)
                broken = False
                for future in finished:
                    task = inflight.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        broken = True
                        yield from self._requeue(task)
                        continue
                    except Exception as exc:  # e.g. a result that cannot be sent back
                        detail = f"{type(exc).__name__}: {exc}"
                        results = [
                            (i, FileResult(p, "unreadable", [internal_error(detail)])) for i, p in task.items
                        ]
                    yield from self._emit(results)
                if broken:
                    for future, task in list(inflight.items()):
                        inflight.pop(future)
                        yield from self._requeue(task)
                    pool.shutdown(wait=True, cancel_futures=True)
                    pool = self._new_pool()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _fill(self, pool: ProcessPoolExecutor, inflight: _Inflight) -> None:
        while self.queue and len(inflight) < self.window:
            if any(t.suspect for t in inflight.values()):
                return
            if self.queue[0].suspect and inflight:
                return
            task = self.queue.popleft()
            inflight[pool.submit(check_files, task.items, self.config, self.keep_filing)] = task

    def _requeue(self, task: _Task) -> Iterator[FileResult]:
        if task.suspect:
            index, path = task.items[0]
            crash = internal_error("the worker process checking this file died")
            yield from self._emit([(index, FileResult(path, "unreadable", [crash]))])
            return
        self.queue.extendleft(_Task([item], suspect=True) for item in reversed(task.items))

    def _emit(self, results: list[tuple[int, FileResult]]) -> Iterator[FileResult]:
        if not self.ordered:
            yield from (result for _, result in results)
            return
        self.done.update(results)
        while self.next_index in self.done:
            yield self.done.pop(self.next_index)
            self.next_index += 1

    def _new_pool(self) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(max_workers=self.workers, mp_context=_context(), initializer=_worker_init)


MAX_CHUNK = 16


def _chunks(items: list[tuple[int, str]], workers: int) -> Iterator[list[tuple[int, str]]]:
    """Tasks of up to `MAX_CHUNK` files, shrinking towards the end (to one file), so that the workers
    finish together: the last tasks are small, and no worker waits long for another's last chunk."""
    start = 0
    while start < len(items):
        size = max(1, min(MAX_CHUNK, (len(items) - start) // (workers * 4)))
        yield items[start : start + size]
        start += size


def _worker_init() -> None:
    """Ctrl-C is the parent's to handle (it cancels the batch); workers would only print tracebacks.
    Workers collect garbage as seldom as the parent does during a batch (`GC_THRESHOLD`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(max(GC_THRESHOLD, gc.get_threshold()[0]), *gc.get_threshold()[1:])


def _context() -> BaseContext | None:
    """fork on Linux: workers start instantly and import nothing the parent has not already imported."""
    if sys.platform.startswith("linux"):
        import multiprocessing

        return multiprocessing.get_context("fork")
    return None
