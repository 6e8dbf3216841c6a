#!/usr/bin/env python3
"""Benchmark ssot-lint against its peers (Ruff's banned-api, LibCST's rename codemod).

    python bench/run.py [--real | --quick] [--corpus DIR] [--files N] [--runs K] [--only NAME[,NAME]]
                        [--markdown FILE]

Builds (or reuses, when ``DIR/.corpus-stamp`` matches) a corpus: real code with ``--real``
(``bench/real_corpus.py``: pinned PyPI sdists and their migration contract), otherwise a generated
one (``bench/make_corpus.py``). Times
whole commands (wall clock, median of K runs) and prints a Markdown table
``| measure | ssot-lint | peer | ratio | target | met |``. Scenarios (``--only`` names):
``cold``, ``warm``, ``diff-base``, ``fix``, ``growth``, ``memory``. See ``bench/README.md``.
Progress goes to stderr; the table to stdout (and to ``--markdown FILE``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import real_corpus  # noqa: E402

MAKE_CORPUS = HERE / "make_corpus.py"
STAMP = ".corpus-stamp"
SCENARIOS = ["cold", "warm", "diff-base", "fix", "growth", "memory"]
REAL_SCENARIOS = ["cold", "warm", "diff-base", "fix", "memory"]
MB_PER_FILE = 0.02  # 10,000 files ~ 200 MB
OLD_NAME = "app.websocket_core.manager.WebSocketManager"
NEW_NAME = "app.websocket_core.websocket_manager.UnifiedWebSocketManager"
HEADER = "| measure | ssot-lint | peer | ratio | target | met |"
SEPARATOR = "|---|---|---|---|---|---|"


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------------
# Tools
# ----------------------------------------------------------------------------------------------
def find_tool(name: str) -> Optional[str]:
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    return shutil.which(name)


@dataclass
class Tools:
    ssot: str
    ruff: Optional[str]
    git: Optional[str]
    check_help: str = ""
    fix_help: str = ""

    @classmethod
    def detect(cls) -> "Tools":
        ssot = find_tool("ssot-lint")
        if ssot is None:
            raise SystemExit("ssot-lint not found (install the project: pip install -e '.[bench]')")
        compile_bytecode(ssot)
        tools = cls(ssot=ssot, ruff=find_tool("ruff"), git=shutil.which("git"))
        tools.check_help = help_text([ssot, "check", "--help"])
        tools.fix_help = help_text([ssot, "fix", "--help"])
        return tools

    def check_has(self, option: str) -> bool:
        return option_in(self.check_help, option)

    def fix_has(self, option: str) -> bool:
        return option_in(self.fix_help, option)


def compile_bytecode(ssot: str) -> None:
    """Byte-compile the installed package, as installing a wheel does. An editable install run
    with PYTHONDONTWRITEBYTECODE=1 never caches bytecode, and every timed run would then pay
    ~50 ms compiling ssot-lint's own modules: a cost of the checkout, not of the tool."""
    python = Path(ssot).parent / "python"
    if not python.exists():
        return
    script = "import compileall, os, ssot_lint; compileall.compile_dir(os.path.dirname(ssot_lint.__file__), quiet=1)"
    subprocess.run([str(python), "-c", script], capture_output=True, timeout=300)
    log(f"byte-compiled the ssot_lint package of {python}")


def help_text(cmd: List[str]) -> str:
    try:
        return subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ""


def option_in(text: str, option: str) -> bool:
    for token in text.replace(",", " ").replace("=", " ").split():
        if token == option:
            return True
    return False


def version_of(cmd: List[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.TimeoutExpired, IndexError):
        return "?"


# ----------------------------------------------------------------------------------------------
# Timing
# ----------------------------------------------------------------------------------------------
class CommandError(RuntimeError):
    def __init__(self, cmd: Sequence[str], code: int, stderr: str) -> None:
        super().__init__(f"exit {code}: {' '.join(map(str, cmd))}")
        self.cmd = list(cmd)
        self.code = code
        self.stderr = stderr


ERRORS: List[CommandError] = []
LAST_STDERR = [""]


def run_once(cmd: Sequence[str], cwd: Optional[Path] = None, ok: Tuple[int, ...] = (0, 1)) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(
        list(map(str, cmd)),
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    elapsed = time.perf_counter() - t0
    LAST_STDERR[0] = proc.stderr.decode("utf-8", "replace")
    if proc.returncode not in ok:
        err = CommandError(cmd, proc.returncode, proc.stderr.decode("utf-8", "replace"))
        raise err
    return elapsed


def timed(
    cmd: Sequence[str],
    runs: int,
    cwd: Optional[Path] = None,
    warmup: int = 1,
    ok: Tuple[int, ...] = (0, 1),
    before_each: Optional[Callable[[], None]] = None,
) -> float:
    """Median wall time over ``runs`` runs after ``warmup`` untimed runs."""
    for _ in range(warmup):
        if before_each:
            before_each()
        run_once(cmd, cwd, ok)
    times = []
    for _ in range(runs):
        if before_each:
            before_each()
        times.append(run_once(cmd, cwd, ok))
    log(
        f"  {Path(str(cmd[0])).name} {' '.join(map(str, cmd[1:3]))}...: "
        + ", ".join(f"{t:.2f}" for t in times)
        + f" -> median {statistics.median(times):.3f} s"
    )
    return statistics.median(times)


def interleaved(
    cmd_a: Sequence[str],
    cmd_b: Sequence[str],
    runs: int,
    cwd_a: Optional[Path] = None,
    cwd_b: Optional[Path] = None,
    ok: Tuple[int, ...] = (0, 1),
) -> Tuple[float, float]:
    """Medians of A and B timed alternately (A B A B ...) after one warm-up each: drift hits both alike."""
    run_once(cmd_a, cwd_a, ok)
    run_once(cmd_b, cwd_b, ok)
    a_times, b_times = [], []
    for _ in range(runs):
        a_times.append(run_once(cmd_a, cwd_a, ok))
        b_times.append(run_once(cmd_b, cwd_b, ok))
    log(
        "  A: "
        + ", ".join(f"{t:.2f}" for t in a_times)
        + " | B: "
        + ", ".join(f"{t:.2f}" for t in b_times)
    )
    return statistics.median(a_times), statistics.median(b_times)


def proc_tree_rss(root: int) -> int:
    """Sum of the RSS (bytes) of ``root`` and all its descendants, from /proc."""
    children: Dict[int, List[int]] = {}
    rss: Dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
            fields = stat[stat.rindex(b")") + 2 :].split()
            ppid = int(fields[1])
            rss[int(entry)] = int(fields[21]) * page
            children.setdefault(ppid, []).append(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def peak_memory(
    cmd: Sequence[str], cwd: Optional[Path] = None, ok: Tuple[int, ...] = (0, 1)
) -> Tuple[float, Optional[float]]:
    """(max RSS of any single process in the tree, sampled peak of the tree's summed RSS), in MB."""
    proc = subprocess.Popen(
        list(map(str, cmd)), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = [0]
    done = threading.Event()
    can_sample = os.path.isdir("/proc")

    def sample() -> None:
        while not done.is_set():
            try:
                peak[0] = max(peak[0], proc_tree_rss(proc.pid))
            except OSError:
                pass
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    if can_sample:
        sampler.start()
    stderr_chunks: List[bytes] = []
    reader = threading.Thread(target=lambda: stderr_chunks.append(proc.stderr.read()), daemon=True)
    reader.start()
    # wait4's rusage covers the child and every descendant it waited for: max RSS, not a sum
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    reader.join()
    if can_sample:
        sampler.join()
    if proc.returncode not in ok:
        raise CommandError(cmd, proc.returncode, b"".join(stderr_chunks).decode("utf-8", "replace"))
    maxrss_mb = usage.ru_maxrss / 1024  # KiB on Linux
    return maxrss_mb, (peak[0] / 1e6 if can_sample and peak[0] else None)


# ----------------------------------------------------------------------------------------------
# Corpus
# ----------------------------------------------------------------------------------------------
def ensure_corpus(path: Path, files: int, seed: int, target_mb: float, extra: int = 0) -> Dict:
    want = {"files": files, "seed": seed, "target_mb": target_mb, "filler_only_extra": extra}
    stamp_path = path / STAMP
    if stamp_path.exists():
        try:
            stamp = json.loads(stamp_path.read_text())
            sys.path.insert(0, str(HERE))
            try:
                import make_corpus  # noqa: PLC0415
            finally:
                sys.path.pop(0)
            if (
                all(stamp.get(k) == v for k, v in want.items())
                and stamp.get("generator_version") == make_corpus.GENERATOR_VERSION
            ):
                log(
                    f"reusing corpus {path} ({stamp['stats']['files']} files, {stamp['stats']['mb']} MB)"
                )
                return stamp["stats"]
        except (ValueError, KeyError):
            pass
    log(
        f"generating corpus {path}: {files} files, ~{target_mb} MB"
        + (f", +{extra} filler-only" if extra else "")
    )
    cmd = [
        sys.executable,
        str(MAKE_CORPUS),
        str(path),
        "--files",
        str(files),
        "--seed",
        str(seed),
        "--target-mb",
        str(target_mb),
        "--json",
    ]
    if extra:
        cmd += ["--filler-only-extra", str(extra)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"make_corpus failed:\n{out.stderr}")
    stats = json.loads(out.stdout.strip().splitlines()[-1])
    log(
        f"  generated in {stats['seconds']} s: {stats['files']} files, {stats['mb']} MB, {stats['planted_files']} planted"
    )
    return stats


def py_files(root: Path) -> List[Path]:
    skip = {".git", ".ssot_lint_cache", ".ruff_cache"}
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in skip)
        for name in sorted(filenames):
            if name.endswith(".py"):
                out.append(Path(dirpath) / name)
    return out


def clear_caches(root: Path) -> None:
    for name in (".ssot_lint_cache", ".ruff_cache"):
        shutil.rmtree(root / name, ignore_errors=True)


# ----------------------------------------------------------------------------------------------
# Rows
# ----------------------------------------------------------------------------------------------
@dataclass
class Row:
    measure: str
    ssot: str = "n/a"
    peer: str = "—"
    ratio: str = "—"
    target: str = ""
    met: str = "no"
    notes: List[str] = field(default_factory=list)

    def markdown(self) -> str:
        cells = [self.measure, self.ssot, self.peer, self.ratio, self.target, self.met]
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def secs(t: float) -> str:
    return f"{t:.2f} s" if t >= 0.1 else f"{t * 1000:.0f} ms"


def yes(ok: bool) -> str:
    return "yes" if ok else "no"


def error_cell(err: CommandError) -> str:
    ERRORS.append(err)
    log(f"  ERROR {err}\n{err.stderr[-3000:]}")
    return f"error (exit {err.code})"


class Bench:
    def __init__(self, args: argparse.Namespace, tools: Tools, corpus: Path, stats: Dict) -> None:
        self.args = args
        self.tools = tools
        self.corpus = corpus
        self.stats = stats
        self.runs = args.runs
        self.cold_ssot: Optional[float] = None
        self.cold_ruff: Optional[float] = None

    # commands
    def ssot_cold(self, root: Path) -> Optional[List[str]]:
        flags = ["--no-cache"]
        if not self.tools.check_has("--no-cache"):
            if not self.args.cold_without_no_cache:
                return None
            flags = []
        return [
            self.tools.ssot,
            "check",
            *flags,
            "--output-format",
            "json",
            "-o",
            os.devnull,
            str(root),
        ]

    def ruff_cold(self) -> Optional[List[str]]:
        if not self.tools.ruff:
            return None
        return [
            self.tools.ruff,
            "check",
            "--select",
            "TID251",
            "--no-cache",
            "--exit-zero",
            "-q",
            ".",
        ]

    # scenarios
    def cold(self) -> Row:
        row = Row("cold check (no cache), whole corpus", target="<= 3.0x ruff")
        log("cold check")
        cmd = self.ssot_cold(self.corpus)
        if cmd is None:
            row.ssot = "n/a (no --no-cache option)"
        else:
            try:
                self.cold_ssot = timed(cmd, self.runs)
                row.ssot = secs(self.cold_ssot)
            except CommandError as err:
                row.ssot = error_cell(err)
        rcmd = self.ruff_cold()
        if rcmd is None:
            row.peer = "n/a (ruff not found)"
        else:
            try:
                self.cold_ruff = timed(rcmd, self.runs, cwd=self.corpus, ok=(0,))
                row.peer = f"ruff {secs(self.cold_ruff)}"
            except CommandError as err:
                row.peer = error_cell(err)
        if self.cold_ssot is not None and self.cold_ruff:
            ratio = self.cold_ssot / self.cold_ruff
            row.ratio, row.met = f"{ratio:.2f}x", yes(ratio <= 3.0)
        return row

    def warm(self) -> Row:
        limit = 1.2 if self.args.real else 2.0
        row = Row("warm check (cache primed, nothing changed)", target=f"<= {limit}x ruff")
        log("warm check")
        clear_caches(self.corpus)
        ssot_t = ruff_t = None
        # the same output as the cold row (JSON to /dev/null; ruff runs with -q): this row
        # measures the cache, not the terminal rendering of thousands of findings
        cmd = [self.tools.ssot, "check", "--output-format", "json", "-o", os.devnull, str(self.corpus)]
        try:
            ssot_t = timed(cmd, self.runs, warmup=1)  # the warm-up run primes the cache
            row.ssot = secs(ssot_t)
            if not self.tools.check_has("--no-cache"):
                row.ssot += " (no cache implemented?)"
        except CommandError as err:
            row.ssot = error_cell(err)
        if self.tools.ruff:
            rcmd = [self.tools.ruff, "check", "--select", "TID251", "-q", "--exit-zero", "."]
            try:
                ruff_t = timed(rcmd, self.runs, cwd=self.corpus, warmup=1, ok=(0,))
                row.peer = f"ruff {secs(ruff_t)}"
            except CommandError as err:
                row.peer = error_cell(err)
        else:
            row.peer = "n/a (ruff not found)"
        if ssot_t is not None and ruff_t:
            ratio = ssot_t / ruff_t
            row.ratio, row.met = f"{ratio:.2f}x", yes(ratio <= limit)
        return row

    def git(self, *argv: str) -> subprocess.CompletedProcess:
        # GIT_DIR/GIT_WORK_TREE pin every command to the corpus' own repository, never an enclosing one
        env = {
            **os.environ,
            "GIT_DIR": str(self.corpus / ".git"),
            "GIT_WORK_TREE": str(self.corpus),
            "GIT_CEILING_DIRECTORIES": str(self.corpus.parent),
            "GIT_AUTHOR_NAME": "bench",
            "GIT_AUTHOR_EMAIL": "bench@example.invalid",
            "GIT_COMMITTER_NAME": "bench",
            "GIT_COMMITTER_EMAIL": "bench@example.invalid",
        }
        return subprocess.run(
            [str(self.tools.git), "-c", "commit.gpgsign=false", *argv],
            cwd=self.corpus,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )

    def diff_base(self) -> Row:
        row = Row("check --diff-base HEAD, 20 files changed", target="<= 1.0 s")
        log("diff-base")
        if not self.tools.check_has("--diff-base"):
            row.ssot = "n/a (not implemented)"
            return row
        if not self.tools.git:
            row.ssot = "n/a (git not found)"
            return row
        stamp = json.loads((self.corpus / STAMP).read_text())
        git_dir = self.corpus / ".git"
        marker = git_dir / "bench-stamp"
        if not (marker.is_file() and marker.read_text() == json.dumps(stamp)):
            shutil.rmtree(git_dir, ignore_errors=True)
            log("  git init + commit of the corpus (once)")
            self.git("init", "-q")
            (self.corpus / ".git" / "info").mkdir(parents=True, exist_ok=True)
            (self.corpus / ".git" / "info" / "exclude").write_text(
                ".ssot_lint_cache/\n.ruff_cache/\n.libcst.codemod.yaml\n"
            )
            self.git("add", "-A")
            self.git("commit", "-q", "-m", "corpus")
            (self.corpus / ".git" / "bench-stamp").write_text(json.dumps(stamp))
        chosen, edit = self.diff_edits()
        rels = [p.relative_to(self.corpus).as_posix() for p in chosen]
        try:
            for p in chosen:
                with open(p, "a", encoding="utf-8") as fh:
                    fh.write(edit)
            cmd = [
                self.tools.ssot,
                "check",
                "--diff-base",
                "HEAD",
                "--output-format",
                "json",
                "-o",
                os.devnull,
                str(self.corpus),
            ]
            # in the corpus: --diff-base diffs the repository of the current folder, as git does
            t = timed(cmd, self.runs, cwd=self.corpus, warmup=1)
            row.ssot = secs(t)
            row.met = yes(t <= 1.0)
        except CommandError as err:
            row.ssot = error_cell(err)
        finally:
            self.git("checkout", "-q", "--", *rels)
        return row

    def diff_edits(self) -> Tuple[List[Path], str]:
        """20 files spread over the corpus, and the deprecated import appended to each."""
        if self.args.real:
            candidates = [p for p in py_files(self.corpus) if p.name != "__init__.py"]
            edit = real_corpus.DIFF_EDIT
        else:
            manifest = json.loads((self.corpus / ".corpus-manifest.json").read_text())
            contract = set(manifest["planted"]) | set(manifest["canonical_only"])
            candidates = [
                p
                for p in py_files(self.corpus / "app")
                if p.relative_to(self.corpus).as_posix() not in contract
                and "websocket_core" not in p.parts
                and p.name != "__init__.py"
            ]
            edit = "\n\nfrom app.websocket_core.manager import WebSocketManager as BenchProbe  # bench edit\n"
        step = max(1, len(candidates) // 20)
        return candidates[::step][:20], edit

    def fix_vs_cold(self) -> Row:
        """Real code: `fix --diff` of the whole corpus against the cold check, paired."""
        row = Row("fix --diff, whole corpus (vs the cold check)", target="<= 4.0x cold check")
        log("fix (vs cold check)")
        cold = self.ssot_cold(self.corpus)
        if cold is None or not self.tools.fix_has("--diff"):
            row.ssot = "n/a (no --no-cache or fix --diff)"
            return row
        fix = [self.tools.ssot, "fix", "--diff", str(self.corpus)]
        try:
            fix_t, cold_t = interleaved(fix, cold, self.runs)
        except CommandError as err:
            row.ssot = error_cell(err)
            return row
        row.ssot, row.peer = secs(fix_t), f"cold check {secs(cold_t)}"
        row.ratio, row.met = f"{fix_t / cold_t:.2f}x", yes(fix_t / cold_t <= 4.0)
        return row

    def fix(self) -> Row:
        if self.args.real:
            return self.fix_vs_cold()
        row = Row("fix --diff, whole corpus", target=">= 50x faster than LibCST")
        log("fix")
        ssot_t = None
        if not self.tools.fix_has("--diff"):
            row.ssot = "n/a (no --diff option)"
        else:
            try:
                ssot_t = timed(
                    [self.tools.ssot, "fix", "--diff", str(self.corpus)], self.runs, warmup=1
                )
                row.ssot = secs(ssot_t)
            except CommandError as err:
                row.ssot = error_cell(err)
        try:
            import libcst  # noqa: F401, PLC0415
        except ImportError:
            row.peer = "n/a (libcst not installed)"
            return row
        files = py_files(self.corpus)
        total_bytes = sum(p.stat().st_size for p in files)
        fraction = self.args.libcst_sample
        if fraction >= 1.0:
            sample = files
        else:
            rng = random.Random(20240601)
            sample = sorted(rng.sample(files, max(1, round(len(files) * fraction))))
            # the contract's own package is always part of the sample (the codemod resolves against it)
            core = [p for p in files if "websocket_core" in p.parts]
            sample = sorted(set(sample) | set(core))
        sample_bytes = sum(p.stat().st_size for p in sample)
        copy = Path(tempfile.mkdtemp(prefix=self.corpus.name + "-libcst-", dir=self.corpus.parent))
        try:
            for p in sample:
                dest = copy / p.relative_to(self.corpus)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(p, dest)
            shutil.copyfile(self.corpus / "pyproject.toml", copy / "pyproject.toml")
            subprocess.run(
                [sys.executable, "-m", "libcst.tool", "initialize", "."],
                cwd=copy,
                check=True,
                capture_output=True,
            )
            jobs = str(os.cpu_count() or 1)
            # the command must come first: libcst.tool takes the first non-dash word after `codemod` as it
            cmd = [
                sys.executable,
                "-m",
                "libcst.tool",
                "codemod",
                "rename.RenameCommand",
                "-j",
                jobs,
                "--no-format",
                "--hide-progress",
                "--old_name",
                OLD_NAME,
                "--new_name",
                NEW_NAME,
                ".",
            ]
            log(
                f"  LibCST RenameCommand on {len(sample)} files ({sample_bytes / 1e6:.1f} MB), one run: slow"
            )
            # one run: it rewrites the copy, and it is minutes long on the sample
            libcst_t = run_once(cmd, cwd=copy, ok=(0,))
            summary = [
                ln.strip()
                for ln in LAST_STDERR[0].splitlines()
                if ln.strip().startswith(("Finished", "- "))
            ]
            log(f"  LibCST: {libcst_t:.1f} s; " + " ".join(summary))
            if not any(ln.startswith("Finished codemodding") for ln in summary):
                raise CommandError(
                    cmd, 0, "LibCST did not report 'Finished codemodding':\n" + LAST_STDERR[0]
                )
        except CommandError as err:
            row.peer = error_cell(err)
            return row
        finally:
            shutil.rmtree(copy, ignore_errors=True)
        if sample is files:
            row.peer = f"LibCST {secs(libcst_t)}"
            est = libcst_t
        else:
            est = libcst_t * total_bytes / sample_bytes
            row.peer = (
                f"LibCST {secs(est)} extrapolated ({secs(libcst_t)} on a {fraction:.0%} sample, "
                f"{sample_bytes / 1e6:.1f} of {total_bytes / 1e6:.1f} MB)"
            )
        if ssot_t:
            ratio = est / ssot_t
            row.ratio, row.met = f"{ratio:.1f}x", yes(ratio >= 50)
        return row

    def growth(self) -> Row:
        row = Row("cost growth: + as many filler-only files", target="<= 1.15x")
        log("cost growth")
        grown = self.corpus.parent / (self.corpus.name + "-grown")
        files = self.args.files
        gstats = ensure_corpus(grown, files, self.args.seed, self.args.target_mb, extra=files)
        cmd_base = self.ssot_cold(self.corpus)
        if cmd_base is None:
            row.ssot = "n/a (no --no-cache option)"
        else:
            try:
                base, big = interleaved(cmd_base, self.ssot_cold(grown), self.runs)
                ratio = big / base
                row.ssot = f"{secs(base)} -> {secs(big)}"
                row.ratio, row.met = f"{ratio:.2f}x", yes(ratio <= 1.15)
            except CommandError as err:
                row.ssot = error_cell(err)
        rcmd = self.ruff_cold()
        if rcmd:
            try:
                rbase, rbig = interleaved(
                    rcmd, rcmd, self.runs, cwd_a=self.corpus, cwd_b=grown, ok=(0,)
                )
                row.peer = f"ruff {secs(rbase)} -> {secs(rbig)} ({rbig / rbase:.2f}x)"
            except CommandError as err:
                row.peer = error_cell(err)
        row.measure += f" ({self.stats['files']} -> {gstats['files']} files)"
        return row

    def memory(self) -> Row:
        row = Row("peak memory, cold check", target="<= 300 MB")
        log("peak memory")
        cmd = self.ssot_cold(self.corpus)
        if cmd is None:
            row.ssot = "n/a (no --no-cache option)"
        else:
            try:
                single, tree = peak_memory(cmd)
                row.ssot = f"{single:.0f} MB max process" + (
                    f", {tree:.0f} MB tree sum" if tree else ""
                )
                row.met = yes((tree or single) <= 300)
                log(f"  ssot-lint: {row.ssot}")
            except CommandError as err:
                row.ssot = error_cell(err)
        rcmd = self.ruff_cold()
        if rcmd:
            try:
                single, tree = peak_memory(rcmd, cwd=self.corpus, ok=(0,))
                row.peer = f"ruff {single:.0f} MB"
            except CommandError as err:
                row.peer = error_cell(err)
        return row


def render(rows: List[Row], preamble: List[str]) -> str:
    lines = preamble + ["", HEADER, SEPARATOR] + [r.markdown() for r in rows]
    return "\n".join(lines) + "\n"


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--real",
        action="store_true",
        help="the real-code corpus (bench/real_corpus.py; downloads pinned sdists into "
        "$SSOT_LINT_REAL_CACHE or bench/.real-cache once)",
    )
    p.add_argument(
        "--cache", type=Path, help="download cache of --real (default: $SSOT_LINT_REAL_CACHE)"
    )
    p.add_argument("--quick", action="store_true", help="small corpus (400 files, ~8 MB), 3 runs")
    p.add_argument(
        "--corpus", type=Path, help="corpus directory (built there unless its stamp matches)"
    )
    p.add_argument("--files", type=int, help="corpus size in files (default: 10000; --quick: 400)")
    p.add_argument(
        "--target-mb", type=float, help=f"corpus size in MB (default: {MB_PER_FILE} MB per file)"
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--runs", type=int, help="timed runs per command (default 5; --quick: 3)")
    p.add_argument("--only", help="comma-separated subset of: " + ",".join(SCENARIOS))
    p.add_argument(
        "--libcst-sample",
        type=float,
        help="fraction of the files LibCST runs on, extrapolated by bytes (default 0.1; --quick: 1.0)",
    )
    p.add_argument(
        "--cold-without-no-cache",
        action="store_true",
        help="if ssot-lint has no --no-cache option (no cache yet), time cold runs without it "
        "instead of reporting n/a",
    )
    p.add_argument(
        "--markdown", type=Path, help="also write the table (with its preamble) to this file"
    )
    args = p.parse_args(argv)
    args.files = args.files or (400 if args.quick else 10_000)
    args.target_mb = args.target_mb or round(args.files * MB_PER_FILE, 3)
    args.runs = args.runs or (3 if args.quick else 5)
    if args.libcst_sample is None:
        args.libcst_sample = 1.0 if args.quick else 0.1
    if args.real and args.quick:
        p.error("--real and --quick exclude each other")
    default = ".corpus-real" if args.real else ".corpus-quick" if args.quick else ".corpus"
    args.corpus = (args.corpus or HERE / default).resolve()
    known = REAL_SCENARIOS if args.real else SCENARIOS
    names = [n.strip() for n in (args.only or ",".join(known)).split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        p.error(f"unknown scenario(s) {unknown}; choose from {known}")
    args.names = names
    return args


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    load = os.getloadavg()[0]
    tools = Tools.detect()
    if args.real:
        log(f"real-code corpus {args.corpus}")
        cache = (args.cache or real_corpus.default_cache()).resolve()
        stats = real_corpus.build(args.corpus, cache)
    else:
        stats = ensure_corpus(args.corpus, args.files, args.seed, args.target_mb)
    bench = Bench(args, tools, args.corpus, stats)
    rows: List[Row] = []
    for name in SCENARIOS:
        if name in args.names:
            rows.append(getattr(bench, name.replace("-", "_"))())
    try:
        from importlib.metadata import version  # noqa: PLC0415

        libcst_version = version("libcst")
    except Exception:  # noqa: BLE001
        libcst_version = "n/a"
    preamble = [
        f"- date: {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        f"- tools: {version_of([tools.ssot, '--version'])}; "
        + (version_of([tools.ruff, "--version"]) if tools.ruff else "ruff n/a")
        + f"; libcst {libcst_version}",
        (
            f"- corpus: real code ({', '.join(d.archive for d in real_corpus.DISTS)}), "
            f"{stats['files']} files, {stats['mb']} MB; medians of {args.runs} runs"
            if args.real
            else f"- corpus: {stats['files']} files, {stats['mb']} MB, {stats['planted_files']} "
            f"files breaking the contract (seed {args.seed}); medians of {args.runs} runs"
        ),
        f"- load average (1 min): {load:.2f} before the run, {os.getloadavg()[0]:.2f} after it",
    ]
    text = render(rows, preamble)
    sys.stdout.write(text)
    sys.stdout.flush()
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    if ERRORS:
        log(f"{len(ERRORS)} command(s) failed:")
        for err in ERRORS:
            log(f"  {err}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
