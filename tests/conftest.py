"""Hypothesis profiles: "ci" (the default: hypothesis's example counts, no deadline, since parsing a document
can take longer than 200 ms on a busy machine) and "long" (`make fuzz`: `pytest -m slow --hypothesis-profile=long`)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile("ci", deadline=None, print_blob=True)
settings.register_profile(
    "long",
    max_examples=2_000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("ci")
