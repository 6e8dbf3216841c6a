"""The command line: parse arguments -> RunOptions -> one use case -> a named exit code.

Heavy modules (libcst, the engine) are imported inside the commands, so `--version` and `--help`
start fast.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ..findings import ExitCode, ExitPolicy, FixReport
from ..reporters import REPORTERS
from ..rules import ANALYSIS_ERROR, DEPRECATED_CALL, DIRECT_INSTANTIATION, UNUSED_NOQA
from ..version import __version__
from .guard import DebugOpt

if TYPE_CHECKING:
    from ..app import RunOptions

__all__ = ["app", "main"]

T = TypeVar("T")

app = typer.Typer(
    name="ssot-lint",
    help="Enforce a single-source-of-truth import contract, and migrate a codebase onto it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


PathsArg = Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: the current folder).")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="A TOML file with the [tool.ssot-lint] keys at top level.")]
SelectOpt = Annotated[list[str] | None, typer.Option("--select", help="Only these codes or prefixes (repeat or comma-separate).")]
IgnoreOpt = Annotated[list[str] | None, typer.Option("--ignore", help="Skip these codes or prefixes (repeat or comma-separate).")]
FormatOpt = Annotated[str, typer.Option("--output-format", help=f"One of: {', '.join(REPORTERS)}.")]
FixFormatOpt = Annotated[str, typer.Option("--output-format", help="text or json.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")]
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", help="Worker processes (default and most: the number of CPUs).")]
SizeOpt = Annotated[int | None, typer.Option("--max-file-size", metavar="BYTES", help=f"Skip bigger files as {ANALYSIS_ERROR.code} (default: `max-file-size` in the config, else 5000000; 0: no limit).")]
TimeoutOpt = Annotated[float | None, typer.Option("--file-timeout", metavar="SECONDS", help=f"Give up a file whose analysis takes longer, as {ANALYSIS_ERROR.code} (default: `file-timeout` in the config, else 60; 0: no limit).")]
UnsafeOpt = Annotated[bool, typer.Option("--unsafe-fixes", help=f"Also offer fixes that may change behaviour ({DEPRECATED_CALL.code}).")]
PythonOpt = Annotated[str | None, typer.Option("--python", help="The project's interpreter, whose import path holds installed canonical modules (default: `python` in the config, else the running one).")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ssot-lint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Enforce a single-source-of-truth import contract, and migrate a codebase onto it."""


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip().upper() for value in values or () for v in value.split(",") if v.strip())


def _fail(message: str) -> typer.Exit:
    from ..sanitize import printable

    # messages quote the project (config keys, values, paths): its control characters stay inert
    typer.echo(f"ssot-lint: error: {printable(message, keep=chr(10))}", err=True)
    return typer.Exit(ExitCode.ERROR)


def _shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    k, _, n = value.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise _fail(f"--shard takes K/N with 1 <= K <= N, e.g. 2/4; got {value!r}")
    return int(k), int(n)


def _options(
    paths: list[Path] | None,
    config: Path | None,
    select: list[str] | None,
    ignore: list[str] | None,
    jobs: int | None,
    **options: Any,
) -> RunOptions:
    """The options every command shares, validated, plus the command's own as keywords."""
    from ..app import RunOptions
    from ..project.selectors import unknown

    if jobs is not None and jobs < 1:
        raise _fail(f"--jobs must be 1 or more, got {jobs}")
    for flag, limit in (("--max-file-size", options.get("max_file_size")), ("--file-timeout", options.get("file_timeout"))):
        if limit is not None and limit < 0:
            raise _fail(f"{flag} must be 0 (no limit) or more, got {limit}")
    for flag, values in (("--select", select), ("--ignore", ignore)):
        for value in _split(values):
            problem = unknown(value)
            if problem is not None:
                raise _fail(f"{flag}: {problem[0]} ({problem[1]})")
    return RunOptions(
        paths=tuple(paths or ()), config=config, select=_split(select), ignore=_split(ignore),
        jobs=_machine_jobs(jobs), use_prefilter=os.environ.get("SSOT_LINT_NO_PREFILTER", "") == "",
        isolate=True, **options,
    )


def _machine_jobs(jobs: int | None) -> int | None:
    """`--jobs` as the machine can hold it: more CPU-bound workers than CPUs only cost memory."""
    from ..runner.pool import machine_jobs

    most = machine_jobs()
    if jobs is not None and jobs > most:
        typer.echo(f"ssot-lint: note: --jobs {jobs} is more than the {most} CPUs this machine gives the run; "
                   f"using at most {most} worker processes", err=True)
        return most
    return jobs


def _color(output: Path | None) -> bool:
    from .output import use_color

    return use_color("auto", output, sys.stdout)


def _emit(render, output: Path | None) -> None:  # type: ignore[no-untyped-def]
    """Render completely first, then write: a reporter that fails leaves `--output` untouched."""
    if output is None:
        render(sys.stdout)
        return
    import io

    buffer = io.StringIO()
    render(buffer)
    try:
        with output.open("w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(buffer.getvalue())
    except OSError as error:
        raise _fail(f"cannot write {output}: {error.strerror or error}") from error


ExtendSelectOpt = Annotated[list[str] | None, typer.Option("--extend-select", help=f"Add these codes or prefixes to the selection, e.g. the opt-in {UNUSED_NOQA.code}.")]
ColorOpt = Annotated[str, typer.Option("--color", help="auto (a terminal without NO_COLOR), always or never.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print the findings only: no summary, no warnings.")]
StdinOpt = Annotated[Path | None, typer.Option("--stdin-filename", help="Read the source from stdin and treat it as this file (its configuration, its module name), for editors.")]
SilentOpt = Annotated[bool, typer.Option("--silent", "-s", help="Print nothing but errors; the exit code tells (--output is still written).")]


@app.command()
def check(
    paths: PathsArg = None,
    config: ConfigOpt = None,
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    output_format: Annotated[str | None, typer.Option("--output-format", help=f"One of: {', '.join(REPORTERS)}. Default: text; concise in a pre-commit hook, for over 200 findings, or as SSOT_LINT_OUTPUT_FORMAT says.")] = None,
    output: OutputOpt = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply the safe fixes (as `ssot-lint fix`), then report what is left.")] = False,
    unsafe_fixes: UnsafeOpt = False,
    fix_only: Annotated[bool, typer.Option("--fix-only", help="Apply fixes only: findings left over are neither reported nor fail the run.")] = False,
    show_fixes: Annotated[bool, typer.Option("--show-fixes", help="With --fix: list what was fixed, per file.")] = False,
    exit_non_zero_on_fix: Annotated[bool, typer.Option("--exit-non-zero-on-fix", help="With --fix/--fix-only: exit 1 if anything was fixed, even when nothing is left.")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print how many findings of each code instead of the findings.")] = False,
    add_noqa: Annotated[bool, typer.Option("--add-noqa", help="Add `# noqa: CODE` to the line of every finding (a baseline alternative).")] = False,
    show_settings: Annotated[bool, typer.Option("--show-settings", help="Print the resolved settings and contracts, then exit.")] = False,
    show_files: Annotated[bool, typer.Option("--show-files", help="Print the files that would be checked, then exit.")] = False,
    quiet: QuietOpt = False,
    silent: SilentOpt = False,
    color: ColorOpt = "auto",
    stdin_filename: StdinOpt = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even with findings (not with a broken config).")] = False,
    jobs: JobsOpt = None,
    max_file_size: SizeOpt = None,
    file_timeout: TimeoutOpt = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write .ssot_lint_cache/.")] = False,
    shard: Annotated[str | None, typer.Option("--shard", help="Check only slice K of N (K/N), for CI matrix jobs; combine with `merge`.")] = None,
    diff_base: Annotated[str | None, typer.Option("--diff-base", help="Check only files changed since the merge base with this git ref, and report only findings on changed lines.")] = None,
    all_lines: Annotated[bool, typer.Option("--all-lines", help="With --diff-base: report findings on every line of the changed files.")] = False,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="Baseline file (default: `baseline` in the config, else .ssot-lint-baseline.json if present).")] = None,
    update_baseline: Annotated[bool, typer.Option("--update-baseline", help="Write the current findings to the baseline and exit 0.")] = False,
    strict_baseline: Annotated[bool, typer.Option("--strict-baseline", help="Fail when baseline entries match nothing, so the baseline can only shrink.")] = False,
    strict_contract: Annotated[bool, typer.Option("--strict-contract", help="Fail (exit 1) on contract self-check warnings instead of only printing them.")] = False,
    python: PythonOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Report every breach of the contract. Exit 0 clean, 1 findings, 2 errors."""
    from . import modes
    from .output import COLORS, View, default_format, use_color
    from .progress import progress_callback

    fmt, explicit = default_format(output_format)
    if fmt not in REPORTERS:
        raise _fail(f"unknown --output-format {fmt!r}; choose one of: {', '.join(sorted(REPORTERS))}")
    if color not in COLORS:
        raise _fail(f"--color takes auto, always or never; got {color!r}")
    if all_lines and diff_base is None:
        raise _fail("--all-lines only makes sense with --diff-base")
    on_progress, stop_progress = progress_callback(machine_format=fmt != "text" or quiet or silent)
    options = _options(
        paths, config, select, ignore, jobs, unsafe_fixes=unsafe_fixes, use_cache=not no_cache,
        shard=_shard(shard), progress=on_progress, diff_base=diff_base, all_lines=all_lines,
        baseline=baseline, update_baseline=update_baseline, strict_baseline=strict_baseline,
        strict_contract=strict_contract, python=python, extend_select=_selectors("--extend-select", extend_select),
        max_file_size=max_file_size, file_timeout=file_timeout,
    )
    view = View(fmt, explicit, use_color(color, output, sys.stdout), quiet or silent, silent, statistics, show_fixes)
    policy = ExitPolicy(exit_zero=exit_zero, non_zero_on_fix=exit_non_zero_on_fix)
    try:
        with _usage_errors():
            if stdin_filename is not None:
                modes.run_check_stdin(stdin_filename, options, view, output, fix or fix_only, policy)
            if show_settings or show_files or add_noqa:
                modes.run_inspect(options, show_settings, show_files, add_noqa, silent)
            elif fix or fix_only:
                modes.run_check_fix(options, view, output, fix_only, policy, debug)
            modes.run_check(options, view, output, policy, debug)
    finally:
        stop_progress()


@contextlib.contextmanager
def _usage_errors() -> Iterator[None]:
    """Configuration, git and baseline problems: one message, exit 2."""
    from ..gate.baseline import BaselineError
    from ..project.config import ConfigError
    from ..project.vcs import GitError

    try:
        yield
    except ConfigError as error:
        raise _fail(_config_message(error)) from error
    except GitError as error:
        raise _fail(f"--diff-base: {error}") from error
    except BaselineError as error:
        raise _fail(str(error)) from error


def _render(report, view, output: Path | None) -> None:  # type: ignore[no-untyped-def]
    from .output import render_check

    if not view.silent or output is not None:
        render_check(report, view, lambda render: _emit(render, output))


def _selectors(flag: str, values: list[str] | None) -> tuple[str, ...]:
    from ..project.selectors import unknown

    for value in _split(values):
        problem = unknown(value)
        if problem is not None:
            raise _fail(f"{flag}: {problem[0]} ({problem[1]})")
    return _split(values)


def _config_message(error: Exception) -> str:
    problems = getattr(error, "problems", ())
    lines = [f"invalid configuration ({len(problems)} problem{'s' if len(problems) != 1 else ''}):"]
    lines += [f"  {problem.describe()}" for problem in problems]
    return "\n".join(lines)


@app.command()
def fix(
    paths: PathsArg = None,
    config: ConfigOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    diff: Annotated[bool, typer.Option("--diff", help="Write nothing; print the diff. Exit 1 if anything would change.")] = False,
    output_format: FixFormatOpt = "text",
    output: OutputOpt = None,
    jobs: JobsOpt = None,
    max_file_size: SizeOpt = None,
    file_timeout: TimeoutOpt = None,
    unsafe_fixes: UnsafeOpt = False,
    stdin_filename: StdinOpt = None,
    python: PythonOpt = None,
    extend_canonical: Annotated[bool, typer.Option("--extend-canonical", help="First make each canonical module re-export the names importers still need that a deprecated module defines (one import per module), then move the importers.")] = False,
    interactive: Annotated[bool, typer.Option("--interactive", help="Show each file's diff and ask: y write it, n leave it, a write it and the rest, q leave the rest. Needs a terminal.")] = False,
    split_by: Annotated[str | None, typer.Option("--split-by", help="With --diff: one patch per CODEOWNERS owner (owner) or per top-level folder (directory), written to --patch-dir.")] = None,
    patch_dir: Annotated[Path, typer.Option("--patch-dir", help="The folder --split-by writes its patches to.")] = Path("ssot-lint-patches"),
    debug: DebugOpt = False,
) -> None:
    """Rewrite the code onto the canonical module. Exit 0 nothing left, 1 findings left, 2 errors."""
    from .. import app as use_cases
    from ..reporters.fix import render_fix
    from . import review
    misuse = review.usage_problem(interactive, split_by, diff, stdin_filename is not None)
    if output_format not in ("text", "json") or misuse is not None:
        raise _fail(misuse or f"fix supports --output-format text or json, not {output_format!r}")
    options = _options(paths, config, select, ignore, jobs, unsafe_fixes=unsafe_fixes, python=python,
                       max_file_size=max_file_size, file_timeout=file_timeout, extend_canonical=extend_canonical)
    with _usage_errors():
        if stdin_filename is not None:
            from .modes import run_fix_stdin

            run_fix_stdin(stdin_filename, options, diff)
        report = _fixing(lambda: use_cases.fix(options, write=not diff, accept=review.Reviewer() if interactive else None))
    _write_split(report, split_by, patch_dir, options.cwd)
    color = _color(output) and output_format == "text"
    _emit(lambda out: render_fix(report, out, output_format=output_format, color=color), output)
    _show_tracebacks(report.remaining.errors, debug)
    raise typer.Exit(ExitPolicy().of_fix(report))


def _write_split(report: FixReport, split_by: str | None, patch_dir: Path, cwd: Path) -> None:
    """`--split-by`: the patches, and where they went (stderr: stdout holds the diff)."""
    from . import review

    if split_by is None:
        return
    try:
        review.write_split(report, split_by, patch_dir, cwd, lambda line: typer.echo(line, err=True))
    except (LookupError, OSError) as error:
        raise _fail(f"--split-by {split_by}: {error}") from error


#: non-empty once SIGTERM or Ctrl-C arrived during `fix` (a list: no `global` statement needed).
_INTERRUPTED: list[int] = []


def _fixing(run: Callable[[], T]) -> T:
    """Run a fix with SIGTERM and Ctrl-C turned into one clean "interrupted" exit 2."""
    _INTERRUPTED.clear()
    previous = signal.signal(signal.SIGTERM, _interrupt), signal.signal(signal.SIGINT, _interrupt)
    try:
        return run()
    except BaseException as error:
        # an interrupt raised inside an import (LibCST loads lazily) arrives wrapped, e.g. as
        # "RuntimeError: Error calling __set_name__": the flag, not the type, says what happened
        if isinstance(error, KeyboardInterrupt) or _INTERRUPTED:
            raise _fail("interrupted: every file is either as it was or completely fixed") from error
        raise
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so an atomic write in progress removes its temporary file."""
    _INTERRUPTED.append(signum)
    raise KeyboardInterrupt


def _show_tracebacks(errors, debug: bool) -> None:  # type: ignore[no-untyped-def]
    if debug:
        for error in errors:
            if error.traceback:
                from ..sanitize import printable

                typer.echo(printable(error.traceback, keep="\n"), err=True)


@app.command()
def merge(
    reports: Annotated[list[Path], typer.Argument(help="JSON reports written by `check --output-format json`.")],
    output_format: FormatOpt = "text",
    output: OutputOpt = None,
    debug: DebugOpt = False,  # read by `main`, like every command's
) -> None:
    """Combine the JSON reports of sharded runs into one report. Exit codes as for `check`."""
    from ..gate.merge import MergeError, merge_reports
    from .output import View

    if output_format not in REPORTERS:
        raise _fail(f"unknown --output-format {output_format!r}; choose one of: {', '.join(sorted(REPORTERS))}")
    try:
        report = merge_reports(reports)
    except MergeError as error:
        raise _fail(str(error)) from error
    _render(report, View(output_format, True, _color(output)), output)
    raise typer.Exit(ExitPolicy().of_check(report))


@app.command()
def rule(
    code: Annotated[str | None, typer.Argument(help=f"A code, e.g. {DIRECT_INSTANTIATION.code} ({ANALYSIS_ERROR.code}: files that could not be analysed).")] = None,
    all_rules: Annotated[bool, typer.Option("--all", help="Print every rule's documentation.")] = False,
    debug: DebugOpt = False,  # read by `main`, like every command's
) -> None:
    """Print a rule's documentation."""
    from ..checks.docs import all_codes, render_code

    if all_rules == (code is not None):
        raise _fail(f"give a rule code (e.g. `ssot-lint rule {DIRECT_INSTANTIATION.code}`) or --all")
    codes = all_codes() if all_rules else [code.upper()]  # type: ignore[union-attr]
    pages = [render_code(c) for c in codes]
    if pages[0] is None:
        raise _fail(f"unknown rule {code!r}; known codes: {', '.join(all_codes())}")
    typer.echo("\n".join(page.rstrip("\n") + "\n" for page in pages if page))


def main() -> None:
    """Console-script entry point: an exception no command handled exits 2, never 1 (`guard`)."""
    from .guard import run_guarded

    for stream in (sys.stdout, sys.stderr):  # a name that is not UTF-8 must never end the run
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    run_guarded(app, debug="--debug" in sys.argv[1:])


def _register_commands() -> None:
    """The other commands, listed after the core ones."""
    from .commands import register

    register(app)


_register_commands()
