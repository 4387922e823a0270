"""What each legal basis permits beyond stopping the vehicle, vectorised for DataFrames.

The map comes from the catalogue as shipped (`stopform.catalog.data`), the same source the
legality guard reads, so generated records obey the rules the app enforces. Checking the
licence/registration is part of every stop and is not listed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalog.data import CONSENT, LEGAL_BASES

DRIVER_ID = "driver_id"
PASSENGER_ID = "passenger_id"
VEHICLE_SEARCH = "vehicle_search"
PERSON_SEARCH = "person_search"

PERMITS: dict[str, frozenset[str]] = {basis["code"]: frozenset(basis["permits"]) for basis in LEGAL_BASES}


def _bool(series: pd.Series) -> np.ndarray:
    return series.astype("boolean").fillna(False).to_numpy(dtype=bool)


def permitted(legal_basis: pd.Series | np.ndarray, action: str) -> np.ndarray:
    """Boolean array: does each stop's legal basis permit ``action``?"""
    allowed = [code for code, actions in PERMITS.items() if action in actions]
    return np.isin(np.asarray(legal_basis, dtype=object), allowed)


def actions_beyond(stops: pd.DataFrame, basis_column: str = "legal_basis") -> pd.DataFrame:
    """Per stop, which actions taken go beyond what ``basis_column`` permits."""
    basis = stops[basis_column]
    taken = {
        DRIVER_ID: _bool(stops["driver_id_demanded"]),
        PASSENGER_ID: stops["passenger_ids_demanded"].to_numpy() > 0,
        VEHICLE_SEARCH: _bool(stops["vehicle_searched"]),
        PERSON_SEARCH: stops["persons_searched"].to_numpy() > 0,
    }
    return pd.DataFrame({a: done & ~permitted(basis, a) for a, done in taken.items()}, index=stops.index)


def beyond_basis(stops: pd.DataFrame) -> np.ndarray:
    """True where an identity demand or a search goes beyond the stop's legal basis."""
    return actions_beyond(stops).any(axis=1).to_numpy()


def unlawful(stops: pd.DataFrame) -> np.ndarray:
    """True where an action beyond the legal basis lacks its own basis (the legality guard).

    An extra identity demand needs an ``id_basis`` that permits it; an extra search
    needs a ``search_basis`` that permits it, or CONSENT with the refusal right explained.
    """
    beyond = actions_beyond(stops)
    id_basis = stops["id_basis"].fillna("")
    search_basis = stops["search_basis"].fillna("")
    consent = (search_basis == CONSENT).to_numpy() & _bool(stops["consent_refusal_explained"])
    bad_id = (beyond[DRIVER_ID] & ~permitted(id_basis, DRIVER_ID)) | (
        beyond[PASSENGER_ID] & ~permitted(id_basis, PASSENGER_ID)
    )
    bad_search = (beyond[VEHICLE_SEARCH] & ~(permitted(search_basis, VEHICLE_SEARCH) | consent)) | (
        beyond[PERSON_SEARCH] & ~(permitted(search_basis, PERSON_SEARCH) | consent)
    )
    searched = _bool(stops["vehicle_searched"]) | (stops["persons_searched"].to_numpy() > 0)
    no_search_basis = searched & (search_basis == "").to_numpy()
    return bad_id.to_numpy() | bad_search.to_numpy() | no_search_basis
