"""Catalogue version 2 says what the statute texts say (checked in December 2026, see each `source`)."""
import pytest

from stopform.catalog.bases_v2 import LEGAL_BASES_V2

V2 = {entry["code"]: entry for entry in LEGAL_BASES_V2}


@pytest.mark.parametrize(("code", "citation"), [
    ("WWM52", "Art. 52 lid 2 Wet wapens en munitie"),        # lid 1 is seizure; lid 2 the search of clothing
    ("WWM51", "Art. 51 lid 1 en 4 Wet wapens en munitie"),   # lid 4 is the demand to stop the vehicle
    ("SV56", "Art. 56 lid 1 en 4 Wetboek van Strafvordering"),  # lid 4: any officer, the arrested suspect
    ("POLW7-1", "Art. 7 lid 1 en 7 Politiewet 2012"),        # lid 7: reasonable and moderate
    ("OPIUM9", "Art. 9 lid 1 Opiumwet"),                     # onder a vehicles, onder b places
])
def test_citations_name_the_paragraph_that_grants_the_power(code, citation):
    assert V2[code]["citation"] == citation


def test_only_the_breath_test_is_suspicionless():
    # The saliva test and the test of psychomotor, eye and speech functions need signs of drug use
    # (police practice and the explanation of the 2017 act; see the entry's `source`).
    entry = V2["WVW160-5"]
    assert "when there are signs of drug use" in entry["en"] and "aanwijzingen van drugsgebruik" in entry["nl"]
    assert "no suspicion needed" in entry["en"] and "saliva" in entry["en"] and "psychomotor" in entry["en"]


@pytest.mark.parametrize("code", ["OPIUM9-2", "SV56"])
def test_searches_of_clothing_need_serious_indications(code):
    assert "ernstige bezwaren" in V2[code]["en"] and "ernstige bezwaren" in V2[code]["nl"]

