"""Every package of herald imports on its own, in a fresh interpreter: a cycle between stage
packages (places reads the actors' country words, actors the places' gazetteer) shows only
when the cycle's other end is imported first, which the test session's order may hide. A
package's ``__init__`` imports its stage, so a cycle through any stage module shows here."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import herald


def _packages() -> list[str]:
    found = pkgutil.walk_packages(herald.__path__, prefix="herald.")
    return sorted(info.name for info in found if info.ispkg)


def test_every_package_imports_first() -> None:
    # one interpreter per module: the order of imports shows only in a process that starts with it
    script = (
        "import subprocess, sys\n"
        "failed = [m for m in sys.argv[1:] if subprocess.run("
        "[sys.executable, '-c', f'import {m}'], capture_output=True).returncode]\n"
        "print(' '.join(failed))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, *_packages()], capture_output=True, text=True, check=True
    )
    assert run.stdout.split() == []
