"""Discovery: which files a run checks."""

from __future__ import annotations

from pathlib import Path

from ssot_lint.project.discovery import find


def tree(root: Path, *relatives: str) -> Path:
    for relative in relatives:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
    return root


def names(root: Path, found) -> list[str]:
    return [p.relative_to(root).as_posix() for p in found.files]


def test_python_files_are_found_sorted_and_absolute(tmp_path: Path) -> None:
    tree(tmp_path, "b.py", "a/z.py", "a/y.pyi", "notes.txt", "a/data.json")
    found = find([tmp_path], tmp_path)
    assert names(tmp_path, found) == ["a/y.pyi", "a/z.py", "b.py"]
    assert all(p.is_absolute() for p in found.files)


def test_virtualenvs_caches_and_vcs_folders_are_skipped(tmp_path: Path) -> None:
    tree(
        tmp_path, "app.py", ".venv/lib/x.py", "venv/y.py", "app/__pycache__/c.py", ".git/hooks/h.py",
        "node_modules/n.py", "pkg.egg-info/e.py", ".tox/t.py",
    )
    assert names(tmp_path, find([tmp_path], tmp_path)) == ["app.py"]


def test_gitignored_files_and_folders_are_skipped(tmp_path: Path) -> None:
    tree(tmp_path, "keep.py", "build/gen.py", "secret_gen.py", "sub/local.py", "sub/ok.py", "sub/important_gen.py")
    (tmp_path / ".gitignore").write_text("# comment\nbuild/\n*_gen.py\n!important_gen.py\n", encoding="utf-8")
    (tmp_path / "sub" / ".gitignore").write_text("local.py\n", encoding="utf-8")
    assert names(tmp_path, find([tmp_path], tmp_path)) == ["keep.py", "sub/important_gen.py", "sub/ok.py"]


def test_the_root_gitignore_applies_when_walking_a_subfolder(tmp_path: Path) -> None:
    tree(tmp_path, "app/a.py", "app/gen/b.py")
    (tmp_path / ".gitignore").write_text("gen/\n", encoding="utf-8")
    assert names(tmp_path, find([tmp_path / "app"], tmp_path)) == ["app/a.py"]


def test_excluded_globs_are_skipped(tmp_path: Path) -> None:
    tree(tmp_path, "app/a.py", "build/b.py", "app/legacy_backup/c.py", "app/old_test.py")
    found = find([tmp_path], tmp_path, ("build", "**/legacy_backup", "*_test.py"))
    assert names(tmp_path, found) == ["app/a.py"]


def test_a_file_named_explicitly_is_always_checked(tmp_path: Path) -> None:
    tree(tmp_path, ".venv/x.py", "build/gen.py")
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    explicit = [tmp_path / ".venv" / "x.py", tmp_path / "build" / "gen.py"]
    assert names(tmp_path, find(explicit, tmp_path, ("build",))) == [".venv/x.py", "build/gen.py"]


def test_paths_are_deduplicated_and_missing_ones_reported(tmp_path: Path) -> None:
    tree(tmp_path, "a.py")
    found = find([tmp_path, tmp_path / "a.py", tmp_path / "nope.py"], tmp_path)
    assert names(tmp_path, found) == ["a.py"]
    assert found.missing == (tmp_path / "nope.py",)
