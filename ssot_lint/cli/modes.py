"""The modes of `check` and `fix` beyond a plain run: `--fix`/`--fix-only`, `--stdin-filename`,
`--show-settings`/`--show-files`/`--add-noqa`. CLI glue like `cli`: each ends in `typer.Exit`."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..app import RunOptions
from ..findings import ExitCode, ExitPolicy, FileError, FileResult
from ..sanitize import printable
from .main import _emit, _fixing, _render, _show_tracebacks

if TYPE_CHECKING:
    from .output import View

__all__ = ["report_errors", "run_check", "run_check_fix", "run_check_stdin", "run_fix_stdin", "run_inspect"]


def run_check(options: RunOptions, view: View, output: Path | None, policy: ExitPolicy, debug: bool) -> None:
    from .. import app as use_cases

    report = use_cases.check(options)
    if options.update_baseline:  # one line, not the report
        if not view.silent:
            typer.echo(f"Baseline written with {len(report.findings)} findings.", err=True)
        report_errors(report.errors, debug)
        raise typer.Exit(policy.of_errors(report.errors))
    _render(report, view, output)
    _show_tracebacks(report.errors, debug)
    in_hook = os.environ.get("PRE_COMMIT") == "1"
    if (not view.quiet and not in_hook) or (options.strict_contract and not view.silent):
        for warning in report.warnings:  # about the whole contract: not in a hook on a few files
            typer.echo(f"warning: {printable(warning)}", err=True)
    raise typer.Exit(policy.of_check(report))


def run_check_stdin(path: Path, options: RunOptions, view: View, output: Path | None, fixing: bool, policy: ExitPolicy) -> None:
    """`--stdin-filename`: the report of stdin's source; with --fix the fixed source goes to
    stdout and the report of what is left to stderr (Ruff's convention)."""
    from .. import buffers

    source = sys.stdin.buffer.read()
    if not fixing:
        report = buffers.check_buffer(path, source, options)
        if not view.silent or output is not None:
            from .output import render_check

            text = {r.path: source.decode("utf-8", "replace") for r in report.results}  # context from stdin, not disk
            render_check(report, view, lambda render: _emit(render, output), text)
        raise typer.Exit(policy.of_check(report))
    done = buffers.fix_buffer(path, source, options)
    sys.stdout.flush()
    sys.stdout.buffer.write(done.source)
    sys.stdout.flush()
    if not view.silent:
        from ..reporters.concise import ConciseReporter

        ConciseReporter(summary=not view.quiet).render(done.report.remaining, sys.stderr, color=False)
    raise typer.Exit(policy.of_check(done.report.remaining))


def report_errors(errors: Iterable[FileError], debug: bool) -> None:
    from ..reporters.concise import error_line

    for error in errors:
        typer.echo(error_line(error), err=True)
    _show_tracebacks(errors, debug)


def run_check_fix(options: RunOptions, view: View, output: Path | None, fix_only: bool, policy: ExitPolicy, debug: bool) -> None:
    """`check --fix`: fix (as `fix` does), then check again what is left, with the baseline."""
    from .. import app as use_cases
    from .output import render_fixes

    fixed = _fixing(lambda: use_cases.fix(dataclasses.replace(options, update_baseline=False, progress=None)))
    render_fixes(fixed, view, sys.stdout if view.format in ("text", "concise") and output is None else sys.stderr)
    failed = fixed.remaining.errors
    if fix_only:
        report_errors(failed, debug)
        raise typer.Exit(policy.of_fix_only(fixed))
    report = use_cases.check(options)
    ours = {(e.path, e.message) for e in report.errors}
    extra = tuple(FileResult(e.path, error=e) for e in failed if (e.path, e.message) not in ours)
    report = dataclasses.replace(report, results=report.results + extra)
    _render(report, view, output)
    _show_tracebacks(report.errors, debug)
    raise typer.Exit(policy.of_fix_then_check(fixed, report))


def run_inspect(options: RunOptions, settings: bool, files: bool, add_noqa: bool, silent: bool) -> None:
    """--show-settings, --show-files, --add-noqa: each prints what it found and exits."""
    from .. import usecases

    if settings:
        from .. import app as use_cases
        from ..reporters.settings import render_settings

        prepared = use_cases.prepare(options)
        render_settings(prepared.project, prepared.job.codes, sys.stdout)
    if files:
        for name in usecases.show_files(options):
            typer.echo(printable(name))
    if add_noqa:
        done = usecases.add_noqa(options)
        for path, line in done.refused:
            typer.echo(f"{printable(path)}:{line}: cannot add a `noqa` comment here (inside a string or after a backslash)", err=True)
        report_errors(done.errors, False)
        if not silent:
            s, fs = ("" if done.added == 1 else "s"), ("" if done.files == 1 else "s")
            typer.echo(f"Added {done.added} noqa directive{s} to {done.files} file{fs}.")
        raise typer.Exit(ExitPolicy().of_errors(done.errors))
    raise typer.Exit(ExitCode.CLEAN)


def run_fix_stdin(path: Path, options: RunOptions, diff: bool) -> None:
    """`fix --stdin-filename`: the fixed source (with --diff, the diff) on stdout; what is left
    on stderr. Exit as `fix` does."""
    from .. import buffers
    from ..reporters.concise import ConciseReporter

    done = buffers.fix_buffer(path, sys.stdin.buffer.read(), options)
    if diff:
        sys.stdout.write("".join(printable(c.diff, keep="\n\r\t") for c in done.report.changes))
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(done.source)
    sys.stdout.flush()
    left = done.report.remaining
    if left.findings or left.errors:
        ConciseReporter().render(left, sys.stderr, color=False)
    if diff:
        raise typer.Exit(ExitPolicy().of_fix(done.report))
    raise typer.Exit(ExitPolicy().of_check(left))
