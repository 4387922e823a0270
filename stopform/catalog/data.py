"""The catalogue as shipped: legal bases and code lists, each version dated.

Version 1 (from CATALOG_START) is kept as it was, closed by `valid_to`; version 2 (bases_v2.py,
from CATALOG_V2_START) corrects it after a legal review and names the statute text per entry
(docs/stop-record.md). A change in the law is a new entry with a
later `valid_from` (and `valid_to` on the old one), never an edit of the old text: records
keep pointing at the version that applied when the stop happened.
"""
from __future__ import annotations

from datetime import date

from .bases_v2 import CATALOG_V2_START, LEGAL_BASES_V2

CATALOG_START = date(2020, 1, 1)

# Actions the legality guard knows; each maps to a field of the stop record.
ACTIONS = ("driver_id", "passenger_id", "vehicle_search", "person_search")
IDENTITY_ACTIONS = ("driver_id", "passenger_id")
SEARCH_ACTIONS = ("vehicle_search", "person_search")
CONSENT = "CONSENT"

LEGAL_BASES_V1: list[dict] = [
    {"code": "WVW160-1", "citation": "Art. 160 lid 1 Wegenverkeerswet 1994", "permits": [],
     "en": "Traffic check: the driver must stop and show the driving licence and registration. "
           "No search, no passenger ID, no unrelated questions the driver must answer.",
     "nl": "Verkeerscontrole: de bestuurder moet stoppen en rijbewijs en kentekenbewijs tonen. "
           "Geen doorzoeking, geen ID van passagiers, geen verplichte andere vragen."},
    {"code": "WVW160-4", "citation": "Art. 160 lid 4 Wegenverkeerswet 1994", "permits": [],
     "en": "Technical and administrative check of the vehicle, trailer and load. "
           "No search for drugs, weapons or stolen goods.",
     "nl": "Technische en administratieve controle van voertuig, aanhanger en lading. "
           "Geen doorzoeking naar drugs, wapens of gestolen goederen."},
    {"code": "WVW160-5", "citation": "Art. 160 lid 5 Wegenverkeerswet 1994", "permits": [],
     "en": "Preliminary breath or drug test of the driver; no suspicion needed. "
           "An evidential test needs suspicion (Art. 163 WVW). Passengers have no duty.",
     "nl": "Voorlopig adem- of drugsonderzoek bij de bestuurder, zonder verdenking. "
           "Een bewijsonderzoek vereist verdenking (art. 163 WVW). Passagiers hebben geen plicht."},
    {"code": "POLW8-ID", "citation": "Art. 8 Politiewet 2012 jo. Art. 2 Wet op de identificatieplicht",
     "permits": ["driver_id", "passenger_id"],
     "en": "Demand identification from a person aged 14 or over when that is reasonably necessary "
           "for the police task, judged per person. Being a passenger is not a reason by itself.",
     "nl": "Identificatie vorderen van iemand van 14 jaar of ouder als dat redelijkerwijs nodig is "
           "voor de politietaak, per persoon beoordeeld. Passagier zijn is op zich geen reden."},
    {"code": "SV52", "citation": "Art. 52 jo. Art. 27 Wetboek van Strafvordering",
     "permits": ["driver_id", "passenger_id"],
     "en": "Stop a suspect of an offence to establish their identity. The suspect may remain "
           "silent (Art. 29 Sv) and must be cautioned. No search on this basis.",
     "nl": "Een verdachte staande houden om de identiteit vast te stellen. De verdachte mag "
           "zwijgen (art. 29 Sv) en krijgt de cautie. Geen doorzoeking op deze grond."},
    {"code": "SV96B", "citation": "Art. 96b Wetboek van Strafvordering", "permits": ["vehicle_search"],
     "en": "Search a vehicle to seize items, when caught in the act or on suspicion of a serious "
           "crime (pre-trial detention offence, Art. 67 Sv). No search without such suspicion.",
     "nl": "Een voertuig doorzoeken om voorwerpen in beslag te nemen, bij heterdaad of verdenking "
           "van een misdrijf waarvoor voorlopige hechtenis is toegelaten (art. 67 Sv)."},
    {"code": "WWM-VRG", "citation": "Art. 50, 51 en 52 lid 3 Wet wapens en munitie (veiligheidsrisicogebied, "
                                    "Art. 151b/174b Gemeentewet, bevel OvJ)",
     "permits": ["vehicle_search", "person_search"], "requires": ["authorisation_ref"],
     "en": "Preventive search for weapons inside a designated security-risk area during the "
           "prosecutor's order window: vehicles, clothing and luggage. Weapons and ammunition only.",
     "nl": "Preventief fouilleren naar wapens in een aangewezen veiligheidsrisicogebied tijdens "
           "het bevel van de officier van justitie: voertuigen, kleding en bagage. Alleen wapens."},
    {"code": "WWM51", "citation": "Art. 51 lid 1 Wet wapens en munitie", "permits": ["vehicle_search"],
     "en": "Examine a vehicle for weapons when there is reasonable cause to suspect them. "
           "Nothing beyond weapons and ammunition.",
     "nl": "Een voertuig onderzoeken op wapens bij een redelijk vermoeden. "
           "Niets anders dan wapens en munitie."},
    {"code": "OPIUM9", "citation": "Art. 9 lid 1 sub b Opiumwet", "permits": [],
     "en": "Look around a vehicle without opening anything when a drugs offence is reasonably "
           "suspected, and seize what is in plain sight. A systematic search is not allowed.",
     "nl": "Zoekend rondkijken in een voertuig zonder iets te openen bij een redelijk vermoeden "
           "van een drugsdelict, en in beslag nemen wat zichtbaar is. Doorzoeken mag niet."},
    {"code": "VW50-MTV", "citation": "Art. 50 lid 1 Vreemdelingenwet 2000 jo. Art. 4.17a Vreemdelingenbesluit 2000",
     "permits": ["driver_id", "passenger_id"],
     "en": "Check identity, nationality and residence status: on objective suspicion of illegal "
           "stay, or in a border check (MTV). Skin colour or ethnicity may never be a selection ground.",
     "nl": "Identiteit, nationaliteit en verblijfsstatus controleren: bij een objectief vermoeden "
           "van illegaal verblijf of in het Mobiel Toezicht Veiligheid. Nooit selectie op huidskleur of etniciteit."},
    {"code": "AWB519", "citation": "Art. 5:19 jo. Art. 5:16a Algemene wet bestuursrecht",
     "permits": ["vehicle_search", "driver_id"],
     "en": "An inspector, within the law they enforce, may stop a vehicle, examine the vehicle and "
           "cargo and ask for documents and identity. Nothing outside that law; proportionality applies.",
     "nl": "Een toezichthouder mag binnen de wet waarop hij toeziet een voertuig laten stoppen, "
           "voertuig en lading onderzoeken en documenten en identiteit vragen. Niets daarbuiten."},
    # Measures after the stop, not powers to stop.
    {"code": "WVW163", "citation": "Art. 163 Wegenverkeerswet 1994", "permits": [], "stop_power": False,
     "en": "Evidential breath analysis or blood test, only on a stated suspicion of drink or drug driving.",
     "nl": "Ademanalyse of bloedonderzoek als bewijs, alleen bij een verdenking van rijden onder invloed."},
    {"code": "WED23", "citation": "Art. 23 Wet op de economische delicten", "permits": ["vehicle_search"],
     "stop_power": False,
     "en": "Examine a vehicle for economic offences, within the supervised regulations.",
     "nl": "Een voertuig onderzoeken op economische delicten, binnen de geregelde voorschriften."},
]

for _entry in LEGAL_BASES_V1:
    _entry["valid_to"] = CATALOG_V2_START
LEGAL_BASES: list[dict] = LEGAL_BASES_V1 + [{**entry, "valid_from": CATALOG_V2_START} for entry in LEGAL_BASES_V2]

# Art. 3 Politiewet (the general task) never appears: it is no power to coerce anyone.
REASONS = [
    ("traffic_violation", "Traffic violation", "Verkeersovertreding"),
    ("document_check", "Document check", "Documentcontrole"),
    ("vehicle_defect", "Vehicle defect", "Gebrek aan voertuig"),
    ("alcohol_drug_check", "Alcohol or drug check", "Alcohol- of drugscontrole"),
    ("system_hit", "Automated system hit", "Hit van een systeem"),
    ("suspect_description", "Matches a suspect description", "Past bij signalement"),
    ("suspicion_of_offence", "Suspicion of an offence", "Verdenking van een strafbaar feit"),
    ("wanted_person_or_vehicle", "Wanted person or vehicle", "Gezochte persoon of voertuig"),
    ("other", "Other", "Anders"),
]
OUTCOMES = [
    ("none", "No further action", "Geen verdere actie"),
    ("warning", "Warning", "Waarschuwing"),
    ("fine", "Fine", "Bekeuring"),
    ("report", "Official report", "Proces-verbaal"),
    ("arrest", "Arrest", "Aanhouding"),
    ("seizure", "Seizure", "Inbeslagname"),
]
HIT_SOURCES = [
    ("sensing_risk_model", "Sensing risk model", "Sensing-risicomodel"),
    ("anpr_reference_list", "Number-plate camera list", "ANPR-referentielijst"),
    ("other_system", "Other system", "Ander systeem"),
]
VEHICLE_TYPES = [
    ("car", "Car", "Personenauto"), ("van", "Van", "Bestelbus"), ("truck", "Truck", "Vrachtwagen"),
    ("motorcycle", "Motorcycle", "Motor"), ("other", "Other", "Anders"),
]
FOUND_CATEGORIES = [
    ("none", "Nothing", "Niets"), ("drugs", "Drugs", "Drugs"), ("weapon", "Weapon", "Wapen"),
    ("stolen_goods", "Stolen goods", "Gestolen goederen"), ("other_evidence", "Other evidence", "Ander bewijs"),
]
RECEIPTS = [
    ("qr_shown", "QR code shown", "QR-code getoond"),
    ("card_printed", "Card printed", "Kaart geprint"),
    ("declined", "Declined by the person", "Door de persoon geweigerd"),
    ("not_offered", "Not offered", "Niet aangeboden"),
]
PERCEIVED_ORIGINS = [
    ("dutch", "Dutch", "Nederlands"), ("western", "Other western", "Ander westers"),
    ("eastern_european", "Eastern European", "Oost-Europees"), ("moroccan", "Moroccan", "Marokkaans"),
    ("turkish", "Turkish", "Turks"), ("caribbean_dutch", "Surinamese / Caribbean Dutch",
                                        "Surinaams / Caribisch-Nederlands"),
    ("other_non_western", "Other non-western", "Ander niet-westers"), ("unknown", "Cannot say", "Niet te zeggen"),
]

# Version 2: Statistics Netherlands (CBS) replaced "western / non-western" in 2022 by a classification
# by continents and frequent countries of origin (cbs.nl, "CBS introduceert nieuwe indeling bevolking
# naar herkomst", 2022).
PERCEIVED_ORIGINS_V2 = [
    ("dutch", "Netherlands", "Nederland"),
    ("europe", "Europe (other than the Netherlands)", "Europa (excl. Nederland)"),
    ("turkey", "Turkey", "Turkije"), ("morocco", "Morocco", "Marokko"), ("suriname", "Suriname", "Suriname"),
    ("dutch_caribbean", "Caribbean Netherlands, Aruba, Curaçao, Sint Maarten", "Caribisch deel Koninkrijk"),
    ("indonesia", "Indonesia", "Indonesië"), ("africa", "Africa (other)", "Afrika (overig)"),
    ("americas", "Americas (other)", "Amerika (overig)"), ("asia", "Asia (other)", "Azië (overig)"),
    ("oceania", "Oceania", "Oceanië"), ("unknown", "Cannot say", "Niet te zeggen"),
]

CODE_LISTS = {
    "reason": REASONS, "outcome": OUTCOMES, "hit_source": HIT_SOURCES, "vehicle_type": VEHICLE_TYPES,
    "found_category": FOUND_CATEGORIES, "receipt": RECEIPTS,
}
# (kind, rows, valid_from, valid_to): lists that changed between versions.
VERSIONED_CODE_LISTS = [
    ("perceived_origin", PERCEIVED_ORIGINS, CATALOG_START, CATALOG_V2_START),
    ("perceived_origin", PERCEIVED_ORIGINS_V2, CATALOG_V2_START, None),
]
# The basis a reason usually rests on, which the form fills in when the reason is chosen (the officer
# can change it): traffic reasons under Art. 160 WVW, a suspected crime under Art. 52 Sv.
SUGGESTED_BASES = {
    "traffic_violation": "WVW160-1", "document_check": "WVW160-1", "vehicle_defect": "WVW160-4",
    "alcohol_drug_check": "WVW160-5", "suspicion_of_offence": "SV52", "suspect_description": "SV52",
    "wanted_person_or_vehicle": "SV52",
}
# An action a reason says was done: a stop for a document check is one where the documents were checked.
SUGGESTED_TICKS = {"document_check": "documents_checked"}
# Reasons that concern a crime, and the hit source whose trigger is treated alike (the Sensing
# lesson): a stop for them needs a power of criminal procedure with the suspect's safeguards.
CRIME_REASONS = ("suspicion_of_offence", "suspect_description", "wanted_person_or_vehicle")
CRIME_HIT_SOURCES = ("sensing_risk_model",)
