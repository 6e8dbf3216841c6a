"""The command line: parse arguments -> RunOptions -> one use case -> a named exit code.

Heavy modules (libcst, the engine) are imported inside the commands, so `--version` and `--help`
start fast.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from . import __version__
from .findings import ExitCode
from .guard import DebugOpt
from .reporters import REPORTERS

if TYPE_CHECKING:
    from .app import RunOptions

__all__ = ["app", "main"]

app = typer.Typer(
    name="ssot-lint",
    help="Enforce a single-source-of-truth import contract, and migrate a codebase onto it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


PathsArg = Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (default: the current folder).")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="A TOML file with the [tool.ssot-lint] keys at top level.")]
SelectOpt = Annotated[Optional[list[str]], typer.Option("--select", help="Only these codes or prefixes (repeat or comma-separate).")]
IgnoreOpt = Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these codes or prefixes (repeat or comma-separate).")]
FormatOpt = Annotated[str, typer.Option("--output-format", help=f"One of: {', '.join(REPORTERS)}.")]
FixFormatOpt = Annotated[str, typer.Option("--output-format", help="text or json.")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes (default: the number of CPUs; 1 runs in-process).")]
UnsafeOpt = Annotated[bool, typer.Option("--unsafe-fixes", help="Also offer fixes that may change behaviour (SSOT004).")]
PythonOpt = Annotated[Optional[str], typer.Option("--python", help="The project's interpreter, whose import path holds installed canonical modules (default: `python` in the config, else the running one).")]


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
    typer.echo(f"ssot-lint: error: {message}", err=True)
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
    from .app import RunOptions

    from .selectors import unknown

    if jobs is not None and jobs < 1:
        raise _fail(f"--jobs must be 1 or more, got {jobs}")
    for flag, values in (("--select", select), ("--ignore", ignore)):
        for value in _split(values):
            problem = unknown(value)
            if problem is not None:
                raise _fail(f"{flag}: {problem[0]} ({problem[1]})")
    return RunOptions(
        paths=tuple(paths or ()), config=config, select=_split(select), ignore=_split(ignore),
        jobs=jobs, use_prefilter=os.environ.get("SSOT_LINT_NO_PREFILTER", "") == "", **options,
    )


def _color(output: Path | None) -> bool:
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


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


@app.command()
def check(
    paths: PathsArg = None,
    config: ConfigOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    output_format: FormatOpt = "text",
    output: OutputOpt = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even with findings (not with a broken config).")] = False,
    jobs: JobsOpt = None,
    unsafe_fixes: UnsafeOpt = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write .ssot_lint_cache/.")] = False,
    shard: Annotated[Optional[str], typer.Option("--shard", help="Check only slice K of N (K/N), for CI matrix jobs; combine with `merge`.")] = None,
    diff_base: Annotated[Optional[str], typer.Option("--diff-base", help="Check only files changed since the merge base with this git ref, and report only findings on changed lines.")] = None,
    all_lines: Annotated[bool, typer.Option("--all-lines", help="With --diff-base: report findings on every line of the changed files.")] = False,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Baseline file (default: `baseline` in the config, else .ssot-lint-baseline.json if present).")] = None,
    update_baseline: Annotated[bool, typer.Option("--update-baseline", help="Write the current findings to the baseline and exit 0.")] = False,
    strict_baseline: Annotated[bool, typer.Option("--strict-baseline", help="Fail when baseline entries match nothing, so the baseline can only shrink.")] = False,
    strict_contract: Annotated[bool, typer.Option("--strict-contract", help="Fail (exit 1) on contract self-check warnings instead of only printing them.")] = False,
    python: PythonOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Report every breach of the contract. Exit 0 clean, 1 findings, 2 errors."""
    from . import app as use_cases
    from .config import ConfigError
    from .progress import progress_callback
    from .baseline import BaselineError
    from .vcs import GitError

    if output_format not in REPORTERS:
        raise _fail(f"unknown --output-format {output_format!r}; choose one of: {', '.join(sorted(REPORTERS))}")
    on_progress, stop_progress = progress_callback(machine_format=output_format != "text")
    if all_lines and diff_base is None:
        raise _fail("--all-lines only makes sense with --diff-base")
    options = _options(
        paths, config, select, ignore, jobs, unsafe_fixes=unsafe_fixes, use_cache=not no_cache,
        shard=_shard(shard), progress=on_progress, diff_base=diff_base, all_lines=all_lines,
        baseline=baseline, update_baseline=update_baseline, strict_baseline=strict_baseline,
        strict_contract=strict_contract, python=python,
    )
    try:
        report = use_cases.check(options)
    except ConfigError as error:
        raise _fail(_config_message(error)) from error
    except GitError as error:
        raise _fail(f"--diff-base: {error}") from error
    except BaselineError as error:
        raise _fail(str(error)) from error
    finally:
        stop_progress()
    _render(report, output_format, output)
    _show_tracebacks(report.errors, debug)
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if update_baseline:
        typer.echo(f"Baseline written with {len(report.findings)} findings.", err=True)
        raise typer.Exit(ExitCode.CLEAN if not report.errors else ExitCode.ERROR)
    raise typer.Exit(report.exit_code(exit_zero))


def _render(report, output_format: str, output: Path | None) -> None:  # type: ignore[no-untyped-def]
    """A clean text report is one line, printed without importing rich."""
    from .reporters import get_reporter

    if output_format == "text" and not report.findings and not report.errors and not report.baselined and not report.baseline_gone:
        _emit(lambda out: out.write(f"All checks passed! ({report.files_scanned} files scanned)\n"), output)
    else:
        reporter = get_reporter(output_format)
        _emit(lambda out: reporter.render(report, out, color=_color(output) and output_format == "text"), output)


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
    unsafe_fixes: UnsafeOpt = False,
    python: PythonOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Rewrite the code onto the canonical module. Exit 0 nothing left, 1 findings left, 2 errors."""
    from . import app as use_cases
    from .config import ConfigError
    from .reporters.fix import render_fix

    if output_format not in ("text", "json"):
        raise _fail(f"fix supports --output-format text or json, not {output_format!r}")
    options = _options(paths, config, select, ignore, jobs, unsafe_fixes=unsafe_fixes, python=python)
    _INTERRUPTED.clear()
    previous = signal.signal(signal.SIGTERM, _interrupt), signal.signal(signal.SIGINT, _interrupt)
    try:
        report = use_cases.fix(options, write=not diff)
    except ConfigError as error:
        raise _fail(_config_message(error)) from error
    except BaseException as error:
        # an interrupt raised inside an import (LibCST loads lazily) arrives wrapped, e.g. as
        # "RuntimeError: Error calling __set_name__": the flag, not the type, says what happened
        if isinstance(error, KeyboardInterrupt) or _INTERRUPTED:
            raise _fail("interrupted: every file is either as it was or completely fixed") from error
        raise
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])
    color = _color(output) and output_format == "text"
    _emit(lambda out: render_fix(report, out, output_format=output_format, color=color), output)
    _show_tracebacks(report.remaining.errors, debug)
    raise typer.Exit(report.exit_code())


#: non-empty once SIGTERM or Ctrl-C arrived during `fix` (a list: no `global` statement needed).
_INTERRUPTED: list[int] = []


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so an atomic write in progress removes its temporary file."""
    _INTERRUPTED.append(signum)
    raise KeyboardInterrupt


def _show_tracebacks(errors, debug: bool) -> None:  # type: ignore[no-untyped-def]
    if debug:
        for error in errors:
            if error.traceback:
                typer.echo(error.traceback, err=True)


@app.command()
def merge(
    reports: Annotated[list[Path], typer.Argument(help="JSON reports written by `check --output-format json`.")],
    output_format: FormatOpt = "text",
    output: OutputOpt = None,
    debug: DebugOpt = False,  # read by `main`, like every command's
) -> None:
    """Combine the JSON reports of sharded runs into one report. Exit codes as for `check`."""
    from .merge import MergeError, merge_reports

    if output_format not in REPORTERS:
        raise _fail(f"unknown --output-format {output_format!r}; choose one of: {', '.join(sorted(REPORTERS))}")
    try:
        report = merge_reports(reports)
    except MergeError as error:
        raise _fail(str(error)) from error
    _render(report, output_format, output)
    raise typer.Exit(report.exit_code())


@app.command()
def rule(
    code: Annotated[str, typer.Argument(help="A rule code, e.g. SSOT003.")],
    debug: DebugOpt = False,  # read by `main`, like every command's
) -> None:
    """Print a rule's documentation."""
    from .docs import render_rule, rule_by_code

    check_type = rule_by_code(code.upper())
    if check_type is None:
        raise _fail(f"unknown rule {code!r}; run `ssot-lint rule --help` or see rules/")
    typer.echo(render_rule(check_type))


def main() -> None:
    """Console-script entry point: an exception no command handled exits 2, never 1 (`guard`)."""
    from .guard import run_guarded

    for stream in (sys.stdout, sys.stderr):  # a name that is not UTF-8 must never end the run
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    run_guarded(app, debug="--debug" in sys.argv[1:])


from .commands import register as _register_commands  # noqa: E402 - after the core commands

_register_commands(app)
