"""Worker processes that never outlive the run, never outnumber the work or the machine, and never
let one file hold the run hostage.

- A worker dies with its parent: on Linux the kernel kills it (PR_SET_PDEATHSIG); everywhere a
  thread in the worker exits it once its parent is gone, and a worker waiting for work exits when
  the pipe from its parent closes. SIGKILL of `check` or `fix` leaves no process behind.
- Workers start when there is work for them: never more than the chunks of work, nor than `jobs`.
- Each file has a time budget: a worker past it is killed and the file reported (`too_slow`); a
  worker that dies (LibCST's native parser can overflow its stack) costs only the file it was on
  (`crashed`). The rest of their work goes to other workers.
- An interrupt (Ctrl-C, or SIGTERM turned into one) kills the workers at once, whatever they do.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")

__all__ = ["machine_jobs", "supervise"]

_PR_SET_PDEATHSIG = 1
#: how often a worker looks for its parent where the kernel cannot watch for it.
_WATCH_EVERY = 0.5
#: how long a worker that was told to stop may take before it is killed.
_GRACE = 5.0
#: signals held while a worker forks (see `_signals_held`).
_HELD = {signal.SIGTERM, signal.SIGINT}


def machine_jobs() -> int:
    """The CPUs this process may run on: more CPU-bound workers only cost memory."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _context() -> Any:
    """Fork where it is safe and cheap (Linux): a worker starts in milliseconds, modules loaded."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above: nobody waits for us
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="ssot-lint-parent-watch").start()


def _watch(parent: int) -> None:
    while True:
        time.sleep(_WATCH_EVERY)
        if os.getppid() != parent:
            os._exit(1)


def _serve(
    conn: Connection, parent: int, inherited: Sequence[Connection],
    initializer: Callable[..., None], initargs: tuple[Any, ...], work: Callable[[Path], Any],
) -> None:
    """A worker: files in, one result per file out, until the pipe closes or says stop."""
    # Handlers come from the parent (fork): SIGTERM must end a worker quietly, and Ctrl-C (sent
    # to the whole process group) is the parent's to handle, which then kills the workers.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # forked while the parent held them
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
    _die_with_parent(parent)
    for other in inherited:  # the parent's pipe ends, copied by fork
        other.close()
    initializer(*initargs)
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        for index, path in batch:
            conn.send((index, work(path)))


@dataclass(slots=True)
class _Worker:
    process: Any
    conn: Connection
    #: indices of the files sent and not answered yet, in the order the worker takes them.
    batch: deque[int] = field(default_factory=deque)
    #: when the file it is on started (monotonic), as far as the parent can tell: never earlier.
    since: float = 0.0




@contextmanager
def _signals_held() -> Iterator[None]:
    """SIGTERM and Ctrl-C wait while a worker forks: a handler raising inside the fork is lost,
    and a worker must not take the parent's Ctrl-C before it ignores it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


@dataclass
class _Pool(Generic[T]):
    paths: Sequence[Path]
    initializer: Callable[..., None]
    initargs: tuple[Any, ...]
    work: Callable[[Path], T]
    most: int
    workers: list[_Worker] = field(default_factory=list)

    def start(self) -> _Worker:
        context = _context()
        ours, theirs = context.Pipe()
        # fork copies every pipe end the parent holds, this worker's own included: a worker
        # closes them all, or closing our end would not tell it (nor another worker) to stop
        inherited = [ours, *(w.conn for w in self.workers)] if context.get_start_method() == "fork" else []
        process = context.Process(
            target=_serve, args=(theirs, os.getpid(), inherited, self.initializer, self.initargs, self.work),
            daemon=True, name="ssot-lint-worker",
        )
        with _signals_held():
            process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self.workers.append(worker)
        return worker

    def dispatch(self, pending: deque[list[int]]) -> None:
        """Give each idle worker a chunk; start workers while chunks wait and `most` allows."""
        for worker in [w for w in self.workers if not w.batch]:
            if pending:
                self.send(worker, pending.popleft())
        while pending and len(self.workers) < self.most:
            self.send(self.start(), pending.popleft())

    def send(self, worker: _Worker, chunk: list[int]) -> None:
        worker.batch.extend(chunk)
        worker.since = time.monotonic()
        try:
            worker.conn.send([(i, self.paths[i]) for i in chunk])
        except OSError:  # it died while idle: its pipe reads as closed, and that is a crash
            pass

    def drop(self, worker: _Worker, pending: deque[list[int]]) -> int:
        """Kill `worker`; its unanswered files after the current one wait for another worker."""
        _kill([worker])
        self.workers.remove(worker)
        current = worker.batch.popleft()
        if worker.batch:
            pending.appendleft(list(worker.batch))
        return current


def _kill(workers: Sequence[_Worker]) -> None:
    for worker in workers:
        if worker.process.is_alive():
            worker.process.kill()
    for worker in workers:
        worker.process.join()
        worker.conn.close()


def _stop(workers: Sequence[_Worker]) -> None:
    """Idle workers exit when their pipe closes; one that does not is killed."""
    for worker in workers:
        worker.conn.close()
    deadline = time.monotonic() + _GRACE
    for worker in workers:
        worker.process.join(max(0.0, deadline - time.monotonic()))
    _kill([w for w in workers if w.process.is_alive()])


def supervise(
    paths: Sequence[Path],
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
    work: Callable[[Path], T],
    jobs: int,
    budget: float | None,
    crashed: Callable[[int], T],
    too_slow: Callable[[int], T],
) -> Iterator[T]:
    """`work` over `paths` in at most `jobs` worker processes; results in path order.

    `crashed(i)` stands for the result of a file whose worker died on it, `too_slow(i)` for one
    still running after `budget` seconds (None: no budget).
    """
    chunk = max(1, min(64, len(paths) // (max(1, jobs) * 8)))
    pending = deque(list(range(i, min(i + chunk, len(paths)))) for i in range(0, len(paths), chunk))
    pool = _Pool(paths, initializer, initargs, work, max(1, min(jobs, len(pending))))
    results: dict[int, T] = {}
    emitted = 0
    finished = False
    try:
        while emitted < len(paths):
            pool.dispatch(pending)
            busy = [w for w in pool.workers if w.batch]
            timeout = None if budget is None else max(0.0, min(w.since for w in busy) + budget - time.monotonic())
            for conn in wait([w.conn for w in busy], timeout):
                worker = next(w for w in busy if w.conn is conn)
                try:
                    index, result = conn.recv()
                except (EOFError, OSError):  # the worker died on its current file
                    current = pool.drop(worker, pending)
                    results[current] = crashed(current)
                    continue
                worker.batch.remove(index)
                worker.since = time.monotonic()
                results[index] = result
            if budget is not None:
                now = time.monotonic()
                for worker in [w for w in busy if w in pool.workers and w.batch and now - w.since > budget]:
                    current = pool.drop(worker, pending)
                    results[current] = too_slow(current)
            while emitted in results:
                yield results.pop(emitted)
                emitted += 1
        finished = True
    finally:
        # an interrupt or an abandoned run kills at once: a worker may be stuck in a hung file
        (_stop if finished else _kill)(pool.workers)
