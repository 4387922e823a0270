"""Names and kinds of the report's tests (the §3 contract of stop-record.md)."""

from __future__ import annotations

from typing import Final

SEARCH_RATE: Final = "search_rate"
HIT_RATE: Final = "hit_rate"
EXTRA_ACTIONS_RATE: Final = "extra_actions_rate"
NO_FURTHER_ACTION_RATE: Final = "no_further_action_rate"
HIT_TRIGGERED_SHARE: Final = "hit_triggered_share"
HIT_TRIGGERED_YIELD: Final = "hit_triggered_yield"
REPEAT_VEHICLE: Final = "repeat_vehicle"
# Not in the §3 list: force used, per group (as the California RIPA board reports it).
FORCE_RATE: Final = "force_rate"
STOP_RATE_VS_TRAFFIC: Final = "stop_rate_vs_traffic"
# Not in the §3 list: the algorithm audit (P(hit | passage) from the traffic CSV `hits`).
SYSTEM_HIT_RATE_VS_TRAFFIC: Final = "system_hit_rate_vs_traffic"
VEIL_OF_DARKNESS: Final = "veil_of_darkness"
# Not in the §3 list: searches by consent against compulsion and by legal basis (as the
# California RIPA board reports them), 12 months, descriptive (no p-value, no flag).
CONSENT_SEARCH_SHARE: Final = "consent_search_share"
SEARCH_HIT_RATE_BY_KIND: Final = "search_hit_rate_by_kind"
SEARCH_BASIS_SHARE: Final = "search_basis_share"
SEARCH_HIT_RATE_BY_BASIS: Final = "search_hit_rate_by_basis"
SEARCH_BREAKDOWN_TESTS: Final = (CONSENT_SEARCH_SHARE, SEARCH_HIT_RATE_BY_KIND, SEARCH_BASIS_SHARE,
                                 SEARCH_HIT_RATE_BY_BASIS)
OFFICER_BENCHMARK: Final = "officer_benchmark"

# Count-table tests, in report order.
PROPORTION_TESTS: Final = (
    SEARCH_RATE,
    HIT_RATE,
    EXTRA_ACTIONS_RATE,
    NO_FURTHER_ACTION_RATE,
    HIT_TRIGGERED_SHARE,
    HIT_TRIGGERED_YIELD,
    FORCE_RATE,
    REPEAT_VEHICLE,
)

# A higher ratio is the concern (more of a burden for the group).
BURDEN_TESTS: Final = frozenset(
    {
        STOP_RATE_VS_TRAFFIC,
        SYSTEM_HIT_RATE_VS_TRAFFIC,
        SEARCH_RATE,
        EXTRA_ACTIONS_RATE,
        NO_FURTHER_ACTION_RATE,
        HIT_TRIGGERED_SHARE,
        REPEAT_VEHICLE,
        FORCE_RATE,
        VEIL_OF_DARKNESS,
    }
)
# A lower ratio is the concern (a lower bar for the group: outcome tests).
YIELD_TESTS: Final = frozenset({HIT_RATE, HIT_TRIGGERED_YIELD})
# Flagged for review by local false-discovery rate, outside the report's BH family.
REVIEW_TESTS: Final = frozenset({OFFICER_BENCHMARK})

DEFAULT_REFERENCE: Final = "NL"
