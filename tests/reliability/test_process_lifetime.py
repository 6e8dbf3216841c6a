"""No process outlives a run, and no file holds a run hostage (issue 12, section 3).

SIGKILL of `check`/`fix` left its pool workers alive forever, blocked on a pipe; SIGTERM during a
hung file left a worker at 100% CPU; two Ctrl-C did not stop a hung run. The slow file here is a
real input, no hook: twenty statements of 2,500 chained additions, which CPython's parser accepts
and LibCST's takes a long while to read (seconds each, more than cubic in the depth).

Waits are bounded (a test fails rather than hangs) and nothing asserts how long anything took.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_helpers import PYPROJECT, USE, cli, no_traceback

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

SLOW = USE + ("x = (\n" + "Thing +\n" * 2500 + "Thing)\n") * 20
_WAIT = 120.0


def _project(root: Path, settings: str = "") -> Path:
    (root / "pkg").mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT.format(settings=settings), encoding="utf-8")
    (root / "pkg/__init__.py").write_text("")
    (root / "pkg/new.py").write_text("class Thing:\n    pass\n")
    (root / "pkg/old.py").write_text("from pkg.new import Thing\n")
    (root / "a.py").write_text(USE)
    (root / "slow.py").write_text(SLOW)
    return root


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name; None once the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()
    return None if fields[0] in ("Z", "X") else fields  # a zombie holds no memory and runs nothing


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields is not None and int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _until(condition, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + _WAIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting: {what}")


def _busy_workers(parent: subprocess.Popen[str]) -> list[int]:
    """The run's workers, once one of them has spent half a second of CPU (on the slow file)."""
    def busy() -> list[int]:
        assert parent.poll() is None, parent.communicate()
        workers = _children(parent.pid)
        cpu = [(int(f[11]) + int(f[12])) for f in map(_stat, workers) if f is not None]
        return workers if any(ticks >= os.sysconf("SC_CLK_TCK") // 2 for ticks in cpu) else []

    return _until(busy, "a worker busy on the slow file")


def _start(root: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen(
        [sys.executable, "-m", "ssot_lint", *args], cwd=root, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )


def _gone(pids: list[int]) -> None:
    _until(lambda: all(_stat(pid) is None for pid in pids), f"workers {pids} to exit")


@pytest.mark.slow
@pytest.mark.parametrize("command", [("check", "--no-cache"), ("fix",)])
def test_sigkill_of_the_run_leaves_no_worker_behind(tmp_path: Path, command: tuple[str, ...]) -> None:
    root = _project(tmp_path / "p")
    run = _start(root, *command, "--jobs", "2")
    workers = _busy_workers(run)
    run.kill()
    run.communicate()
    _gone(workers)  # before: blocked on a pipe (idle) or parsing (busy), forever


@pytest.mark.slow
@pytest.mark.parametrize("command, code", [(("check", "--no-cache"), 130), (("fix",), 2)])
def test_ctrl_c_stops_a_run_whose_worker_is_stuck(tmp_path: Path, command: tuple[str, ...], code: int) -> None:
    root = _project(tmp_path / "p")
    run = _start(root, *command, "--jobs", "2")
    workers = _busy_workers(run)
    os.killpg(run.pid, signal.SIGINT)  # what a terminal does: the whole process group
    _, err = run.communicate(timeout=_WAIT)  # before: it waited for the stuck worker, and again
    assert run.returncode == code, err
    assert "Traceback" not in err
    _gone(workers)
    assert (root / "slow.py").read_text() == SLOW


@pytest.mark.slow
def test_sigterm_stops_a_run_whose_worker_is_stuck(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    run = _start(root, "check", "--no-cache", "--jobs", "1")
    workers = _busy_workers(run)
    run.terminate()
    run.communicate(timeout=_WAIT)
    assert run.returncode == -signal.SIGTERM  # the signal's default: 143 in a shell
    _gone(workers)  # before: the worker kept parsing at 100% CPU


def _json(done: subprocess.CompletedProcess[str]) -> dict:  # type: ignore[type-arg]
    no_traceback(done)
    return json.loads(done.stdout)


@pytest.mark.parametrize("args", [("slow.py", "a.py"), ("--jobs", "1"), ("--jobs", "2")])
def test_a_file_over_the_time_budget_is_reported_and_the_run_goes_on(tmp_path: Path, args: tuple[str, ...]) -> None:
    root = _project(tmp_path / "p")
    done = cli(root, "check", "--output-format", "json", "--no-cache", "--file-timeout", "3", *args)
    document = _json(done)
    assert done.returncode == 2
    assert [(e["path"], e["message"]) for e in document["errors"]] == [
        ("slow.py", "took longer than 3 s; excluded from this run")
    ]
    assert [(f["path"], f["code"]) for f in document["findings"]] == [("a.py", "SSOT001")]


def test_fix_leaves_a_file_over_the_budget_from_the_config_unchanged(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", settings="file-timeout = 2.5")
    done = cli(root, "fix", "--output-format", "json")
    document = _json(done)
    assert done.returncode == 2
    assert [(e["path"], e["message"]) for e in document["errors"]] == [
        ("slow.py", "took longer than 2.5 s; left unchanged")
    ]
    assert (root / "a.py").read_text() == "from pkg.new import Thing\n"
    assert (root / "slow.py").read_text() == SLOW


@pytest.mark.parametrize("value", ["-1", '"1m"', "false"])
def test_a_bad_time_budget_in_the_config_is_a_config_error(tmp_path: Path, value: str) -> None:
    root = _project(tmp_path / "p", settings=f"file-timeout = {value}")
    done = cli(root, "check")
    assert done.returncode == 2
    assert "tool.ssot-lint.file-timeout: expected a number of seconds (0 for no limit)" in done.stderr


def test_jobs_beyond_the_machine_is_capped_and_says_so(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    (root / "slow.py").unlink()
    for i in range(3):
        (root / f"b{i}.py").write_text(USE)
    done = cli(root, "check", "--output-format", "json", "--no-cache", "--jobs", "5000")
    document = _json(done)
    assert done.returncode == 1
    assert len(document["findings"]) == 4
    cpus = len(os.sched_getaffinity(0))
    assert done.stderr == (
        f"ssot-lint: note: --jobs 5000 is more than the {cpus} CPUs this machine gives the run; "
        f"using at most {cpus} worker processes\n"
    )


@pytest.mark.slow
def test_a_worker_killed_from_outside_costs_only_its_file(tmp_path: Path) -> None:
    """What the OOM killer does to a worker: that file is SSOT000, the run ends normally."""
    root = _project(tmp_path / "p")
    run = _start(root, "check", "--no-cache", "--output-format", "json", "--jobs", "2")
    workers = _busy_workers(run)
    ticks = {pid: int(f[11]) + int(f[12]) for pid, f in ((pid, _stat(pid)) for pid in workers) if f is not None}
    os.kill(max(ticks, key=ticks.__getitem__), signal.SIGKILL)  # the one on the slow file
    out, err = run.communicate(timeout=_WAIT)
    assert run.returncode == 2, err
    document = json.loads(out)
    assert [(e["path"], e["message"]) for e in document["errors"]] == [
        ("slow.py", "the parser crashed on this file (its process died); excluded from this run")
    ]
    assert [(f["path"], f["code"]) for f in document["findings"]] == [("a.py", "SSOT001")]
