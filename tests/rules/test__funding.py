from __future__ import annotations

from decimal import Decimal

import pytest

from perfform.rules._funding import beyond, tolerance


@pytest.mark.parametrize("difference", ["0", "0.0018", "0.01", "0.011", "0.015", "0.02", "0.5", "12"])
@pytest.mark.parametrize("floor", ["0", "0.01", "0.1", "-1"])
@pytest.mark.parametrize("figures", [["900.00", "68.19", "968.1918"], ["900", "50", "968.19"], ["1.5", "2"]])
def test_beyond_is_a_difference_over_the_tolerance(difference: str, floor: str, figures: list[str]) -> None:
    values = [Decimal(f) for f in figures]
    assert beyond(Decimal(difference), values, Decimal(floor)) is (
        Decimal(difference) > tolerance(values, Decimal(floor))
    )
