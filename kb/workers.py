"""Worker processes that read and parse one file at a time, each file within a time budget
and a memory ceiling (`tongbao import` and `tongbao parse`).

Workers are forked from the calling process after it has loaded the parser, so they share
its pages (jieba's dictionaries, spaCy) copy-on-write instead of loading their own. A file
that runs past its budget costs its worker: the worker is killed, a new one is forked in
its place, and the file comes back as failed with the reason; the other files go on.

- Time: a file may take `seconds_per_10k` seconds for every 10,000 characters of its text,
  and never less than three times that, counted from the moment its text is read. Reading
  it may take as long for every 10,000 bytes of the file.
- Memory: a worker's address space may grow `memory_mb` past what it had when forked
  (RLIMIT_AS). The kernel refuses the allocation that would cross it, at once, whatever
  library makes it: Python raises MemoryError, the worker reports the file and exits, and a
  fresh worker takes over. Watching RSS from outside would miss a spike between two looks,
  and would count pages shared with the parent that the worker only touched.
"""
import gc
import multiprocessing
import os
import resource
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path


@dataclass(frozen=True)
class Budget:
    seconds_per_10k: float = 3.0
    memory_mb: int = 1024

    def seconds(self, chars):
        return self.seconds_per_10k * max(3.0, chars / 10_000)

    def over_time(self, chars):
        return (f"over its time budget: {self.seconds(chars):,.1f} s for {chars:,} characters "
                f"({self.seconds_per_10k:g} s per 10,000 characters, --time-budget)")

    def over_memory(self):
        return f"over the memory ceiling of {self.memory_mb:,} MB per file (--memory-limit)"


def _address_space():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _serve(conn, task, budget):
    """A worker's loop: paths in; ('read', chars), then ('done', result) out, or ('last',
    result) when the file took its memory and the worker leaves."""
    limit = _address_space() + budget.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        try:
            conn.send(("done", task(path, lambda chars: conn.send(("read", chars)))))
        except MemoryError:      # its heap is spent: report, and let a fresh worker go on
            conn.send(("last", ("failed", str(path), budget.over_memory())))
            return


@dataclass
class _Job:
    index: int
    path: str
    started: float
    size: int                    # bytes of the file
    read: float = None           # when its text was read
    chars: int = None            # and how many characters it has

    def deadline(self, budget):
        """Reading may take the budget of the file's bytes; parsing that of its characters."""
        if self.read is None:
            return self.started + budget.seconds(self.size)
        return self.read + budget.seconds(self.chars)

    def over_time(self, budget):
        if self.read is None:
            return (f"over its time budget while being read: {budget.seconds(self.size):,.1f} s for "
                    f"{self.size:,} bytes ({budget.seconds_per_10k:g} s per 10,000, --time-budget)")
        return budget.over_time(self.chars)


class _Worker:
    def __init__(self, task, budget):
        self.conn, child = multiprocessing.Pipe()
        self.process = multiprocessing.get_context("fork").Process(
            target=_serve, args=(child, task, budget), daemon=True)
        self.process.start()
        child.close()
        self.job = None

    def give(self, index, path):
        self.conn.send(str(path))
        try:
            size = Path(path).stat().st_size
        except OSError:
            size = 0
        self.job = _Job(index, str(path), time.monotonic(), size)

    def stop(self, kill=False):
        if kill and self.process.is_alive():
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join()
        self.conn.close()


class Workers:
    """`jobs` forked workers running `task(path, on_read)` on files, each file within the
    budget. `task` returns a result tuple ('prepared'|'failed', path, …), calling
    `on_read(chars)` as soon as it knows how long the file's text is, and lets MemoryError
    through."""

    def __init__(self, task, jobs, budget=Budget()):
        self.task, self.jobs, self.budget = task, max(1, jobs), budget
        self.workers = []

    def run(self, paths, idle=None):
        """Yield one result per path, in the order of the paths. `idle()` is called whenever
        the next result is not ready yet (at least once a second while waiting)."""
        gc.freeze()     # keep the collector from writing to the parent's objects and unsharing them
        queue = deque(enumerate(paths))
        done, next_out, total = {}, 0, len(queue)
        try:
            while next_out < total:
                self._dispatch(queue, next_out)
                if next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                    continue
                if idle:
                    idle()
                self._collect(done)
        finally:
            for worker in self.workers:
                worker.stop(kill=worker.job is not None)
            self.workers = []

    def _dispatch(self, queue, next_out):
        """Hand files to idle workers, at most a few per worker ahead of the oldest result
        not yet yielded (results wait in memory until their turn)."""
        while queue and queue[0][0] < next_out + 4 * self.jobs:
            worker = next((w for w in self.workers if w.job is None), None)
            if worker is None:
                if len(self.workers) >= self.jobs:
                    return
                worker = _Worker(self.task, self.budget)
                self.workers.append(worker)
            worker.give(*queue.popleft())

    def _collect(self, done):
        """Wait for a message, a worker's death or the first deadline; settle what came."""
        busy = [w for w in self.workers if w.job is not None]
        first = min(w.job.deadline(self.budget) for w in busy)
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                     timeout=min(max(first - time.monotonic(), 0), 1.0))
        for worker in busy:
            job = worker.job
            if worker.conn in ready:
                try:
                    kind, value = worker.conn.recv()
                except (EOFError, OSError):
                    kind, value = "died", None
                if kind == "read":
                    job.read, job.chars = time.monotonic(), value
                    continue
                if kind in ("done", "last"):
                    done[job.index], worker.job = value, None
                    if kind == "last":
                        self._retire(worker)
                    continue
            elif worker.process.sentinel not in ready:
                if time.monotonic() >= job.deadline(self.budget):
                    done[job.index] = ("failed", job.path, job.over_time(self.budget))
                    self._retire(worker, kill=True)
                continue
            # it died without a word: killed from outside, or a library crashed
            code = worker.process.exitcode
            how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            done[job.index] = ("failed", job.path, f"the worker parsing it died ({how})")
            self._retire(worker, kill=True)

    def _retire(self, worker, kill=False):
        """Stop a worker; `_dispatch` forks a new one when there is work for it."""
        worker.stop(kill=kill)
        self.workers.remove(worker)
