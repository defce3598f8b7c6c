"""The console entry point: answers `--version` before anything is imported (click alone costs ~35 ms)."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from perfform import __version__

        sys.stdout.write(f"perfform, version {__version__}\n")
        return
    from perfform.cli import main as cli

    cli()
