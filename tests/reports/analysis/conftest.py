"""Fixtures for the analysis tests: areas, a generated year of stops, report helpers."""

from __future__ import annotations

import pandas as pd
import pytest

from stopform.demo.synthetic import DEFAULT_AREAS, generate_stops

MONTHS = [f"2025-{m:02d}" for m in range(11, 13)] + [f"2026-{m:02d}" for m in range(1, 11)]


@pytest.fixture(scope="session")
def areas() -> pd.DataFrame:
    """The default demo areas as the analysis expects them (code, latitude, longitude)."""
    return pd.DataFrame(DEFAULT_AREAS)[["code", "latitude", "longitude"]]


@pytest.fixture(scope="session")
def year_of_stops() -> pd.DataFrame:
    """Twelve generated months (Nov 2025 - Oct 2026), 3,000 stops each, 40 officers; no disparity."""
    months = [generate_stops(3_000, seed=100 + i, month=m, n_officers=40) for i, m in enumerate(MONTHS)]
    return pd.concat(months, ignore_index=True)


@pytest.fixture(scope="session")
def month_of_stops() -> pd.DataFrame:
    """One generated month (Oct 2026), 8,000 stops, no disparity."""
    return generate_stops(8_000, seed=7, month="2026-10")

