"""Worker processes that read and parse one file at a time, each file within a time budget
and a memory ceiling (`tongbao import` and `tongbao parse`).

Workers are forked from the calling process after it has loaded the parser, so they share
its pages (jieba's dictionaries, spaCy) copy-on-write instead of loading their own. A file
that runs past its budget costs its worker: the worker is killed, a new one is forked in
its place, and the file comes back as failed with the reason; the other files go on.

- Time: a file may take `seconds_per_10k` seconds of CPU for every 10,000 characters of
  its text, and never less than three times that, counted from the moment its text is
  read; reading it may take as long for every 10,000 bytes of the file. CPU time, read
  from /proc, and not the wall clock: a machine busy with other work must not cost a file
  its place. A worker that waits ten times its budget on the wall clock without using it
  (a file on a hung network mount) is stopped too.
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

STALLED = 10       # times its budget a worker may wait on the wall clock without using it
AHEAD = 64         # files a worker may parse past the oldest result not yet written
RECYCLE_MB = 128   # a worker grown this much past its fork is replaced after its file


@dataclass(frozen=True)
class Budget:
    seconds_per_10k: float = 3.0
    memory_mb: int = 1024

    def seconds(self, chars):
        return self.seconds_per_10k * max(3.0, chars / 10_000)

    def over_memory(self):
        return f"over the memory ceiling of {self.memory_mb:,} MB per file (--memory-limit)"


def _address_space():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _cpu_seconds(pid):
    """User and system CPU time of a process so far (fields 14 and 15 of /proc/PID/stat)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _resident():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _serve(conn, task, budget):
    """A worker's loop: paths in; ('read', chars), then ('done', result) out, or ('last',
    result) when the worker leaves after this file: the file took its memory, or left it
    holding more than RECYCLE_MB (the allocator keeps what a long file freed), so that a
    fresh worker takes over."""
    limit = _address_space() + budget.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    resident = _resident()
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        try:
            result = task(path, lambda chars: conn.send(("read", chars)))
        except MemoryError:      # its heap is spent: report, and let a fresh worker go on
            conn.send(("last", ("failed", str(path), budget.over_memory())))
            return
        if _resident() - resident > RECYCLE_MB * 2**20:
            conn.send(("last", result))
            return
        conn.send(("done", result))


class _Job:
    """A file in a worker, in one of two phases: being read (its budget that of its bytes),
    then parsed (that of its characters)."""

    def __init__(self, index, path, pid, budget):
        self.index, self.path, self.pid, self.budget = index, str(path), pid, budget
        try:
            size = Path(path).stat().st_size
        except OSError:
            size = 0
        self.chars = None
        self._phase(size)

    def _phase(self, amount):
        self.allowed = self.budget.seconds(amount)
        self.since, self.cpu_since = time.monotonic(), _cpu_seconds(self.pid)
        self.check_at = self.since + self.allowed     # CPU time cannot run ahead of the clock
        self.amount = amount

    def read(self, chars):
        self.chars = chars
        self._phase(chars)

    def overrun(self):
        """Why the file must stop now (past its budget, or stalled), else None; when it may
        go on, the next look is set for when its budget could be used up at the soonest."""
        now = time.monotonic()
        used = _cpu_seconds(self.pid) - self.cpu_since
        what = (f"{self.amount:,} characters" if self.chars is not None else
                f"a file of {self.amount:,} bytes, while being read")
        if used >= self.allowed:
            return (f"over its time budget: {self.allowed:,.1f} s of CPU for {what} "
                    f"({self.budget.seconds_per_10k:g} s per 10,000, --time-budget)")
        if now - self.since >= STALLED * self.allowed:
            return (f"stalled: no result after {now - self.since:,.0f} s, {STALLED} times its time "
                    f"budget for {what}, having used {used:,.1f} s of CPU")
        self.check_at = now + min(self.allowed - used, self.since + STALLED * self.allowed - now)
        return None


class _Worker:
    def __init__(self, task, budget):
        self.conn, child = multiprocessing.Pipe()
        self.process = multiprocessing.get_context("fork").Process(
            target=_serve, args=(child, task, budget), daemon=True)
        self.process.start()
        child.close()
        self.budget, self.job = budget, None

    def give(self, index, path):
        self.conn.send(str(path))
        self.job = _Job(index, path, self.process.pid, self.budget)

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
        self.task, self.jobs, self.budget = task, max(0, jobs), budget
        self.workers = []

    def run(self, paths, idle=None):
        """Yield one result per path, in the order of the paths. `idle()` is called whenever
        the next result is not ready yet (at least once a second while waiting). With
        `jobs` 0 the files are parsed in this process, without a budget (for a profiler)."""
        if self.jobs == 0:
            yield from (self.task(path, lambda chars: None) for path in paths)
            return
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
        """Hand files to idle workers, at most AHEAD files past the oldest result not yet
        yielded: results wait in memory for their turn, and while one worker spends a minute
        on a long file the others go on."""
        while queue and queue[0][0] < next_out + AHEAD:
            for gone in [w for w in self.workers if w.job is None and not w.process.is_alive()]:
                self._retire(gone)          # died while idle (the kernel's OOM killer)
            worker = next((w for w in self.workers if w.job is None), None)
            if worker is None:
                if len(self.workers) >= self.jobs:
                    return
                worker = _Worker(self.task, self.budget)
                self.workers.append(worker)
            worker.give(*queue.popleft())

    def _collect(self, done):
        """Wait for a message, a worker's death or the next look at a budget; settle what came."""
        busy = [w for w in self.workers if w.job is not None]
        first = min(w.job.check_at for w in busy)
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
                    job.read(value)
                    continue
                if kind in ("done", "last"):
                    done[job.index], worker.job = value, None
                    if kind == "last":
                        self._retire(worker)
                    continue
            elif worker.process.sentinel not in ready:
                if time.monotonic() >= job.check_at and (reason := job.overrun()):
                    done[job.index] = ("failed", job.path, reason)
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
