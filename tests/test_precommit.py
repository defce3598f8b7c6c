"""The `perfform-validate` pre-commit hook, run by `pre-commit try-repo` on a repository of forms.

try-repo installs the hook repository into a fresh virtualenv with pip (perfform's dependencies come from
PyPI) and only sees committed files; its own "uncommitted changes" shadow copy skips untracked files. So the
test commits a snapshot of this working tree (tracked and untracked, minus ignored files) into a temporary
git repository and points try-repo at it: it tests the code as it is now, before or after the lead commits.

Needs git, pre-commit (dev extra) and PyPI (pip installs the hook's environment): about 25 s with a warm pip
cache, two environment installs (try-repo starts from an empty store each time).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
GOOD = ROOT / "samples" / "qingshan-2022" / "form.txt"
BAD = ROOT / "samples" / "wuchang-2020" / "form.txt"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "perfform tests",
    "GIT_AUTHOR_EMAIL": "tests@perfform.invalid",
    "GIT_COMMITTER_NAME": "perfform tests",
    "GIT_COMMITTER_EMAIL": "tests@perfform.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.skipif(PRE_COMMIT is None, reason="needs pre-commit (pip install -e '.[dev]')"),
]


def git(*args: str, cwd: Path) -> str:
    """git in `cwd`; in a temporary repository without the user's configuration (signing, hooks)."""
    env = {**os.environ} if cwd == ROOT else {**os.environ, **GIT_ENV, "HOME": str(cwd)}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def snapshot(target: Path) -> Path:
    """This working tree (without ignored files) committed into a new repository at `target`."""
    listed = git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "snapshot", cwd=target)
    return target


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(hook repository, repository of forms with one clean and one faulty form staged)."""
    hook_repo = snapshot(tmp_path_factory.mktemp("perfform"))
    forms = tmp_path_factory.mktemp("forms-repo")
    git("init", "-q", cwd=forms)
    (forms / "forms").mkdir()
    shutil.copy(GOOD, forms / "forms" / "qingshan.txt")
    shutil.copy(BAD, forms / "forms" / "wuchang.txt")
    git("add", "-A", cwd=forms)
    return hook_repo, forms


def try_repo(hook_repo: Path, forms: Path, *files: str) -> subprocess.CompletedProcess[str]:
    assert PRE_COMMIT is not None
    env = {
        **os.environ,
        **GIT_ENV,
        "PRE_COMMIT_COLOR": "never",
        "PRE_COMMIT_HOME": str(forms.parent / "pre-commit-home"),
        "NO_COLOR": "1",
    }
    env.pop("GITHUB_ACTIONS", None)  # human output, whatever CI runs this test
    command = [PRE_COMMIT, "try-repo", str(hook_repo), "perfform-validate", "--verbose", "--files", *files]
    started = time.monotonic()
    done = subprocess.run(command, cwd=forms, env=env, capture_output=True, text=True, timeout=900)
    print(f"pre-commit try-repo {' '.join(files)}: {time.monotonic() - started:.1f}s")
    print(done.stdout, done.stderr)
    return done


def test_precommit_hook_rejects_the_faulty_form_and_passes_the_clean_one(repos: tuple[Path, Path]) -> None:
    hook_repo, forms = repos
    both = try_repo(hook_repo, forms, "forms/qingshan.txt", "forms/wuchang.txt")
    assert both.returncode == 1
    assert "perfform validate" in both.stdout and "Failed" in both.stdout
    lines = both.stdout.splitlines()
    assert any(line.startswith("invalid") and "forms/wuchang.txt" in line for line in lines)
    assert any(line.startswith("ok") and "forms/qingshan.txt" in line for line in lines)
    assert "PF104" in both.stdout

    good = try_repo(hook_repo, forms, "forms/qingshan.txt")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
