"""`--stdin-filename`: editors that run linters as commands pipe the unsaved buffer in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

OLD = "app.websocket_core.unified_manager"
NEW = "app.websocket_core.websocket_manager"
UWM = "UnifiedWebSocketManager"
BUFFER = f"from {OLD} import {UWM}\n\nmanager = {UWM}()\n"


def run(cwd: Path, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PRE_COMMIT"}
    return subprocess.run([sys.executable, "-m", "ssot_lint", *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, env=env, check=False, timeout=120)


def test_check_reads_the_buffer_as_that_file(project) -> None:
    root = project({"app/consumer.py": "import os\n"})
    done = run(root, BUFFER, "check", "--stdin-filename", "app/consumer.py", "--output-format", "concise")
    assert done.returncode == 1
    assert done.stdout.splitlines()[:2] == [
        f"app/consumer.py:1:48: SSOT001 `{OLD}` is deprecated; import `{UWM}` from `{NEW}`",
        "app/consumer.py:3:11: SSOT003 " + done.stdout.splitlines()[1].split(" SSOT003 ", 1)[1],
    ]
    assert (root / "app/consumer.py").read_text(encoding="utf-8") == "import os\n"


def test_a_file_that_does_not_exist_yet_uses_the_configuration_of_its_folder(project) -> None:
    root = project({})
    done = run(root, BUFFER, "check", "--stdin-filename", "app/brand_new.py", "--output-format", "concise")
    assert done.returncode == 1 and "app/brand_new.py:1:48: SSOT001" in done.stdout
    # in the contract's own module the import is exempt, as `check` would say of that file
    exempt = run(root, BUFFER, "check", "--stdin-filename", "app/websocket_core/manager.py", "--select", "SSOT001")
    assert exempt.returncode == 0, exempt.stdout


def test_fix_writes_the_fixed_buffer_to_stdout_and_leaves_files_alone(project) -> None:
    root = project({"app/consumer.py": "import os\n"})
    done = run(root, BUFFER, "fix", "--stdin-filename", "app/consumer.py")
    assert done.stdout == BUFFER.replace(OLD, NEW)
    assert done.returncode == 1  # the SSOT003 is left
    assert "app/consumer.py:3:11: SSOT003" in done.stderr
    assert (root / "app/consumer.py").read_text(encoding="utf-8") == "import os\n"
    same = run(root, BUFFER, "check", "--fix", "--stdin-filename", "app/consumer.py")
    assert same.stdout == done.stdout and same.returncode == 1


def test_fix_diff_of_the_buffer(project) -> None:
    root = project({})
    done = run(root, f"from {OLD} import {UWM}\n", "fix", "--diff", "--stdin-filename", "app/x.py")
    assert done.returncode == 1
    assert f"-from {OLD} import {UWM}\n+from {NEW} import {UWM}\n" in done.stdout


def test_a_clean_buffer_is_echoed_unchanged(project) -> None:
    root = project({})
    text = "import os\r\nprint(os.sep)\r\n"
    done = subprocess.run([sys.executable, "-m", "ssot_lint", "fix", "--stdin-filename", "app/x.py"], cwd=root,
                          input=text.encode(), capture_output=True, check=False, timeout=120)
    assert (done.returncode, done.stdout) == (0, text.encode())


def test_a_buffer_with_a_syntax_error_is_an_ssot000(project) -> None:
    root = project({})
    done = run(root, f"from {OLD} import {UWM}\ndef (:\n", "check", "--stdin-filename", "app/x.py", "--output-format", "concise")
    assert done.returncode == 2 and "app/x.py:2" in done.stdout and "SSOT000" in done.stdout


def test_text_output_shows_the_buffer_not_the_file_on_disk(project) -> None:
    root = project({"app/consumer.py": "import os\n# the file on disk\n"})
    done = run(root, f"import os\nfrom {OLD} import {UWM}  # typed, not saved\n", "check", "--stdin-filename",
               "app/consumer.py", "--output-format", "text")
    assert done.returncode == 1
    assert f" 2 | from {OLD} import {UWM}  # typed, not saved" in done.stdout
    assert "the file on disk" not in done.stdout
