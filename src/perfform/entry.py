"""The console entry point: answers `--version` before anything is imported (click alone costs ~35 ms), and
spares the interpreter its garbage collections at exit."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from perfform import __version__

        sys.stdout.write(f"perfform, version {__version__}\n")
        return
    from perfform.cli import main as cli

    try:
        cli()
    finally:
        # The process ends here. The interpreter's final collections would walk every object still alive,
        # those of every module imported (~30 ms, more than reading a form), only to find nothing worth
        # freeing before the OS takes the memory back; frozen objects are not walked.
        gc.freeze()
