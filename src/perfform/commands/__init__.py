"""The click commands behind `perfform`; `perfform.cli` imports each module only when its command runs."""

from __future__ import annotations

import click

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


class UsageFailure(click.ClickException):
    """A one-line error (bad option, configuration, unknown rule) that ends the run with exit code 2."""

    exit_code = EXIT_ERROR
