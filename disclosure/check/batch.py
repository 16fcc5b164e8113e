"""Checking many filings: worker processes (Arelle is not thread-safe, so one session per filing in a
process of its own), a per-filing time limit, a memory limit per worker, crash isolation (a worker that
dies is replaced and the batch goes on), and a cache of verdicts by content hash and taxonomy version."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from disclosure import __version__
from disclosure.atomic import write_bytes
from disclosure.check.findings import FilingResult, finding
from disclosure.check.intake import ARCHIVE_SUFFIXES, REPORT_SUFFIXES, Limits, file_sha256
from disclosure.check.obligations import Obligations

DEFAULT_TIMEOUT_S = 120.0
DEFAULT_MEMORY_MB = 2048
GC_EVERY = 10
"""Filings between full garbage collections in a worker."""
RECYCLE_AFTER = 250
"""Filings a worker checks before it is replaced by a fresh one."""


@dataclass(frozen=True)
class Options:
    jobs: int = 2
    limits: Limits = field(default_factory=Limits)
    cache: Path | None = None
    timeout: float = DEFAULT_TIMEOUT_S
    """Seconds one filing may take before its worker is stopped."""
    memory_mb: int = DEFAULT_MEMORY_MB
    """Address-space limit of each worker (RLIMIT_AS); a filing that needs more is a finding."""
    lang: str = "zh-CN"
    obligations: Obligations | None = None
    """The regulator's list: (USCC, fiscal year) → obligation class; None lets each filing's flag decide."""


def discover(paths: Iterable[Path]) -> list[Path]:
    """The filings to check: files given directly, and report documents and archives in folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and not p.is_symlink()
                            and p.suffix.lower() in (*REPORT_SUFFIXES, *ARCHIVE_SUFFIXES))
        else:
            found.append(path)
    return found


def _package_bytes(validation_view: bool = False) -> bytes:
    from disclosure.taxonomy import package_bytes

    return package_bytes(validation_view=validation_view)


def cache_key(data_hash: str, package_hash: str, limits: Limits, obligations: Obligations | None = None) -> str:
    """The same content under the same taxonomy, checker version, limits and obligation list has the
    same verdict."""
    listed = sorted([u, y, c] for (u, y), c in obligations.items()) if obligations is not None else None
    parts = json.dumps([data_hash, package_hash, __version__, asdict(limits), listed], sort_keys=True)
    return hashlib.sha256(parts.encode()).hexdigest()


def run(paths: list[Path], options: Options,
        progress: Callable[[FilingResult], None] | None = None) -> list[FilingResult]:
    """Check every filing; results in the order of ``paths``."""
    package = _package_bytes()
    package_hash = hashlib.sha256(package).hexdigest()
    results: dict[int, FilingResult] = {}
    todo: list[tuple[int, Path, str]] = []
    for i, path in enumerate(paths):
        key = ""
        if options.cache is not None:
            try:
                key = cache_key(file_sha256(path), package_hash, options.limits, options.obligations)
            except OSError:
                key = ""
            hit = _cached(options.cache, key) if key else None
            if hit is not None:
                hit.path, hit.cached = str(path), True
                results[i] = hit
                if progress:
                    progress(hit)
                continue
        todo.append((i, path, key))
    with tempfile.TemporaryDirectory(prefix="disclosure-check-") as tmp:
        package_path = Path(tmp) / "cn-ghg.zip"
        package_path.write_bytes(_package_bytes(validation_view=True))  # stored, not deflated: read 500 times
        keys = {i: key for i, _, key in todo}
        for i, result in _pool(todo, package_path, options):
            result.path = str(paths[i])  # workers read the absolute path; report the one given
            results[i] = result
            key = keys[i]
            if options.cache is not None and key and not any(f.code in ("check.crash", "check.timeout")
                                                              for f in result.findings):
                _store(options.cache, key, result)
            if progress:
                progress(result)
    return [results[i] for i in range(len(paths))]


def _cached(folder: Path, key: str) -> FilingResult | None:
    path = folder / key[:2] / f"{key}.json"
    try:
        return FilingResult.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(folder: Path, key: str, result: FilingResult) -> None:
    target = folder / key[:2] / f"{key}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8"))


# --- the worker pool ---------------------------------------------------------------------------------

def _worker(conn: Connection, package: str, limits: Limits, lang: str, memory_mb: int,
            obligations: Obligations | None = None) -> None:
    """A worker process: check the filings it is sent, one at a time, until it receives None."""
    import resource
    import warnings

    warnings.simplefilter("ignore")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # Arelle's and libxml2's own chatter would interleave with the report
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from disclosure.check import workercache
    from disclosure.check.filing import check_file

    workercache.install()
    workdir = Path(tempfile.mkdtemp(prefix="disclosure-worker-"))
    start_collector()
    done = 0
    while True:
        task = conn.recv()
        if task is None:
            return
        index, path = task
        try:
            result = check_file(Path(path), Path(package), limits, lang, workdir, obligations)
        except MemoryError:
            result = FilingResult(path, findings=[finding("check.crash", detail="out of memory")])
        except Exception as err:  # noqa: BLE001 - a hostile filing must not stop the batch
            result = FilingResult(path, findings=[finding("check.crash", detail=f"{type(err).__name__}: {err}")])
        done += 1
        settle(done)
        # After running out of memory the heap is no good for the next filing; and any long-lived
        # process is renewed now and then, so one worker's memory cannot creep up over a season.
        retire = done >= RECYCLE_AFTER or any(f.code == "check.crash" for f in result.findings)
        conn.send((index, result.to_dict(), retire))
        if retire:
            return


def start_collector() -> None:
    """The collector as a worker runs it. Arelle builds and drops hundreds of thousands of cyclic objects a
    filing: the collector runs rarely during a check and fully every GC_EVERY filings (measured: 12 %
    faster, ~190 MB a worker). What exists now (the package, imports) is frozen: never scanned again."""
    gc.freeze()
    gc.set_threshold(20_000, 50, 1_000)


FREEZE_BELOW_MB = 300
"""A worker's resident memory after its first filing up to which what is left is frozen (typically 125 MB)."""


def settle(done: int) -> None:
    """After the worker's ``done``-th filing. The first filing leaves behind what lives as long as the
    worker: the Arelle modules it imports on first use, the workercache memos, Arelle's singletons. They are
    frozen too, once the first filing's garbage is collected; else every later collection scans them again
    (measured: 0.47 → 0.37 s CPU a filing, same peak memory). Arelle's singletons also hold the last
    session's model, which is frozen with them: one model, kept for the worker's life. When that is large
    (the first filing was), nothing more is frozen and the collector frees it as before."""
    if done == 1:
        gc.collect()
        if _resident_mb() <= FREEZE_BELOW_MB:
            gc.freeze()
    elif done % GC_EVERY == 0:
        gc.collect()


def _resident_mb() -> float:
    """This process's resident memory now (Linux; elsewhere unknown, taken as too large)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return float("inf")
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@dataclass
class _Slot:
    process: Any
    conn: Connection
    task: tuple[int, Path] | None = None
    started: float = 0.0


def _pool(todo: list[tuple[int, Path, str]], package: Path, options: Options) -> Iterator[tuple[int, FilingResult]]:
    if not todo:
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["disclosure.check.filing", "disclosure.xbrl.arelle"])
    _safe_path()
    queue = [(i, p.absolute()) for i, p, _ in todo]
    queue.reverse()

    def start() -> _Slot:
        parent, child = context.Pipe()
        process = context.Process(target=_worker, args=(child, str(package), options.limits, options.lang,
                                                         options.memory_mb, options.obligations), daemon=True)
        process.start()
        child.close()
        return _Slot(process, parent)

    slots = [start() for _ in range(max(1, min(options.jobs, len(queue))))]

    def feed(slot: _Slot) -> None:
        if queue:
            slot.task = queue.pop()
            slot.started = time.monotonic()
            slot.conn.send((slot.task[0], str(slot.task[1])))
        else:
            slot.task = None

    for slot in slots:
        feed(slot)
    try:
        while any(s.task is not None for s in slots):
            waiting = {s.conn: s for s in slots if s.task is not None}
            waiting.update({s.process.sentinel: s for s in slots if s.task is not None})
            ready = wait(list(waiting), timeout=1.0)
            now = time.monotonic()
            for slot in [s for s in slots if s.task is not None]:
                assert slot.task is not None
                index, path = slot.task
                if slot.conn in ready:
                    try:
                        got_index, data, retire = slot.conn.recv()
                    except (EOFError, OSError, ValueError):
                        got_index, data, retire = index, None, True
                    if data is not None:
                        yield got_index, FilingResult.from_dict(data)
                        if retire:
                            slot.process.join(10)
                            replacement = start()
                            slot.process, slot.conn = replacement.process, replacement.conn
                        feed(slot)
                        continue
                if slot.conn in ready or slot.process.sentinel in ready or not slot.process.is_alive():
                    slot.process.join(5)
                    code = slot.process.exitcode
                    yield index, FilingResult(str(path), findings=[
                        finding("check.crash", detail=f"worker exit code {code}")])
                elif now - slot.started > options.timeout:
                    slot.process.kill()
                    yield index, FilingResult(str(path), findings=[
                        finding("check.timeout", seconds=int(options.timeout))])
                else:
                    continue
                slot.process.join(5)
                replacement = start()
                slot.process, slot.conn = replacement.process, replacement.conn
                feed(slot)
    finally:
        for slot in slots:
            with contextlib.suppress(OSError, ValueError):
                slot.conn.send(None)
        for slot in slots:
            slot.process.join(10)
            if slot.process.is_alive():
                slot.process.kill()


def _safe_path() -> None:
    """Start the fork server so that it imports the installed package. It is a new interpreter started
    with ``-c``, which puts the working directory first on sys.path: run from a folder holding a
    ``disclosure/`` directory (a source checkout beside a regular install), every worker would import that
    instead. PYTHONSAFEPATH (Python 3.11) keeps the working directory off its sys.path, and so off every
    worker's; it is set only while the server starts."""
    from multiprocessing import forkserver

    old = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        forkserver.ensure_running()
    finally:
        if old is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = old


def jobs_default() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
