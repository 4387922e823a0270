"""Catalogue version 2 of the legal bases (valid from CATALOG_V2_START), after a legal review.

Each entry names, in `source`, the statute text it was checked against and says where that text
was not read. `requires` lists what a record on this basis must also show (record fields, or
"arrest" for an outcome of arrest); the guard reads it, no code elsewhere names a basis.
"""
from __future__ import annotations

from datetime import date

CATALOG_V2_START = date(2026, 12, 1)

WVW = "Wegenverkeerswet 1994 (BWBR0006622)"
SV = "Wetboek van Strafvordering"
NOT_READ = "statute text not read by us; stated as in"
# Where no official text could be read, the entries were compared with this unofficial copy of the
# consolidated texts (version dates not stated; references to other acts are left out in places).
COPY = "the unofficial copy at github.com/that-edward/wetten-ryft-backup"
NOT_OFFICIAL = "statute text not read by us on wetten.overheid.nl"

LEGAL_BASES_V2: list[dict] = [
    {"code": "WVW160-1", "citation": "Art. 160 lid 1 Wegenverkeerswet 1994", "permits": [],
     "requires": ["documents_checked"],
     "source": f"Art. 160 lid 1 {WVW}, text as quoted on bewijs-in-strafzaken.nl and as in {COPY} (read; "
               f"{NOT_OFFICIAL}); HR 1 November 2016, ECLI:NL:HR:2016:2454 (its summary, the inhoudsindicatie, "
               "read on recht.nl)",
     "en": "Traffic check: the driver must stop and hand over the driving licence, registration and the other "
           "documents of lid 1. Lawful only when it is really used for the traffic check (HR 1 November 2016). "
           "No search, no passenger ID, no duty to answer other questions.",
     "nl": "Verkeerscontrole: de bestuurder moet stilhouden en rijbewijs, kentekenbewijs en de andere bewijzen "
           "van lid 1 afgeven. Alleen rechtmatig als de controle ook echt voor het verkeer wordt gedaan "
           "(HR 1 november 2016). Geen doorzoeking, geen ID van passagiers, geen plicht andere vragen "
           "te beantwoorden."},
    {"code": "WVW160-4", "citation": "Art. 160 lid 4 Wegenverkeerswet 1994", "permits": [],
     "requires": ["documents_checked"],
     "source": f"Art. 160 lid 4 {WVW} as in {COPY} (read: checking compliance with the rules set by or under "
               f"the act, taking the vehicle to a nearby place, the driver's duty to cooperate; {NOT_OFFICIAL}); "
               "HR 1 November 2016, ECLI:NL:HR:2016:2454",
     "en": "Check of the vehicle, trailer and load against the rules of the Road Traffic Act; the vehicle may be "
           "taken to a nearby place for it and the driver must cooperate. No search for drugs, weapons or stolen "
           "goods.",
     "nl": "Controle van voertuig, aanhanger en lading op de regels van de Wegenverkeerswet; het voertuig mag "
           "daarvoor naar een nabije plaats worden gebracht en de bestuurder moet meewerken. Geen doorzoeking "
           "naar drugs, wapens of gestolen goederen."},
    {"code": "WVW160-5", "citation": "Art. 160 lid 5 Wegenverkeerswet 1994", "permits": [],
     "requires": ["documents_checked"],
     "source": f"Art. 160 lid 5 {WVW}: opening words and onder b as quoted in ECLI:NL:HR:2025:133 (read); "
               f"onder a and c as in {COPY} ({NOT_OFFICIAL}). The condition of signs of drug use for the "
               "saliva and psychomotor tests: politie.nl, 9 March 2018, and the explanation of the 2017 act "
               "'Verbeteren aanpak drugs in het verkeer'; its place in the act or the Besluit alcohol, drugs en "
               "geneesmiddelen in het verkeer: statute text not read by us",
     "en": "Binding demand (vordering) to cooperate with a preliminary breath test (no suspicion needed) and, "
           "when there are signs of drug use, a saliva test for drugs or a test of psychomotor, eye and speech "
           "functions (lid 5 onder a-c). Binds the driver, anyone about to drive and the accompanying adult of "
           "a 2toDrive learner; other passengers have no duty.",
     "nl": "Vordering tot medewerking aan een voorlopig ademonderzoek (geen verdenking nodig) en, bij "
           "aanwijzingen van drugsgebruik, een speekselonderzoek op drugs of een onderzoek van de "
           "psychomotorische functies en de oog- en spraakfuncties (lid 5 onder a-c). Geldt voor de bestuurder, "
           "wie aanstalten maakt te gaan rijden en de begeleider bij 2toDrive; andere passagiers hebben geen "
           "plicht."},
    {"code": "SV52", "citation": "Art. 52 jo. Art. 27 lid 1 en 27a lid 1 Wetboek van Strafvordering",
     "permits": ["driver_id", "passenger_id"], "criminal_procedure": True,
     "requires": ["caution_given", "suspected_offence"],
     "source": f"Art. 27 lid 1 and 4, 27a lid 1 and 28c {SV} (texts read on explore.law and mijnwetten.nl); "
               f"Art. 52 (identity established as in Art. 27a lid 1, first sentence, and a stop for it) and 27c "
               f"lid 1 (told the offence at the stop) as in {COPY} (read; {NOT_OFFICIAL})",
     "en": "Stop a suspect (reasonable suspicion on facts or circumstances) to establish identity (Art. 27a). "
           "Caution (right to silence, Art. 29), told the suspected offence, interpreter, lawyer before "
           "questioning. No search on this basis.",
     "nl": "Een verdachte (redelijk vermoeden op feiten of omstandigheden) staande houden om de identiteit vast "
           "te stellen (art. 27a). Cautie (art. 29), mededeling van het feit, tolk, advocaat voor het verhoor. "
           "Geen doorzoeking op deze grond."},
    {"code": "SV96B", "citation": "Art. 96b Wetboek van Strafvordering", "permits": ["vehicle_search"],
     "criminal_procedure": True, "requires": ["caution_given", "suspected_offence"],
     "source": f"Art. 96b lid 1 {SV}, text as quoted on problemenmetjustitie.nl; lid 1 and 2 (the demand to "
               f"stop the vehicle and take it to a place) as in {COPY} (both read; {NOT_OFFICIAL})",
     "en": "Stop and search a vehicle to seize items, in the act or on suspicion of a crime allowing "
           "pre-trial detention (Art. 67 Sv). Suspects keep their rights (caution).",
     "nl": "Een voertuig stilhouden en doorzoeken om voorwerpen in beslag te nemen, bij heterdaad of verdenking "
           "van een misdrijf met voorlopige hechtenis (art. 67 Sv). De verdachte houdt zijn rechten (cautie)."},
    {"code": "SV56", "citation": "Art. 56 lid 1 en 4 Wetboek van Strafvordering", "permits": ["person_search"],
     "stop_power": False, "criminal_procedure": True, "requires": ["arrest", "suspected_offence"],
     "source": f"Art. 56 lid 1 and 4 {SV} as in {COPY} (read: the clothing of an arrested suspect against whom "
               f"there are serious indications, ernstige bezwaren; {NOT_OFFICIAL})",
     "en": "Search of the clothing of an arrested suspect against whom there are serious indications (ernstige "
           "bezwaren). Only after an arrest.",
     "nl": "Onderzoek aan de kleding van een aangehouden verdachte tegen wie ernstige bezwaren bestaan. Alleen na "
           "aanhouding."},
    {"code": "OPIUM9-2", "citation": "Art. 9 lid 2 Opiumwet", "permits": ["person_search"], "stop_power": False,
     "criminal_procedure": True, "requires": ["suspected_offence"],
     "source": f"Art. 9 lid 2 Opiumwet as in {COPY} (read: a person suspected of an offence the act makes a "
               f"crime, misdrijf, against whom there are serious indications, ernstige bezwaren; {NOT_OFFICIAL}); "
               "as applied in HR 23 April 2013, ECLI:NL:HR:2013:BZ8248 (summary read)",
     "en": "Search of clothing under Art. 9 lid 2 Opiumwet: a person suspected of an Opium Act crime (misdrijf) "
           "against whom there are serious indications (ernstige bezwaren).",
     "nl": "Onderzoek aan de kleding op grond van art. 9 lid 2 Opiumwet: van een persoon die verdacht wordt van "
           "een in de Opiumwet als misdrijf strafbaar gesteld feit, bij ernstige bezwaren tegen hem."},
    {"code": "OPIUM9", "citation": "Art. 9 lid 1 Opiumwet", "permits": [], "stop_power": False,
     "criminal_procedure": True, "requires": ["suspected_offence"],
     "source": f"Art. 9 lid 1 onder a (vehicles) and b (places) Opiumwet as in {COPY} (read; {NOT_OFFICIAL}), "
               "onder b also as quoted on hennepadvocaat-hennepkwekerij.nl; HR 17 March 1987 NJ 1988/155 and HR "
               "29 April 1997 NJ 1997/666 as cited on strafrechtelijk-beslag.nl",
     "en": "Access to vehicles in which drugs are known or reasonably suspected to be carried or kept, and to "
           "places where a drugs offence is reasonably suspected (lid 1 onder a and b); looking around for obvious "
           "items and seizing them. No systematic, targeted search. Not a power to stop a vehicle.",
     "nl": "Toegang tot vervoermiddelen waarin drugs bekend of redelijkerwijs vermoed worden en tot plaatsen waar "
           "een Opiumwetdelict redelijkerwijs vermoed wordt (lid 1 onder a en b); zoekend rondkijken en voor de "
           "hand liggende voorwerpen in beslag nemen. Geen doorzoeking. Geen bevoegdheid om te stoppen."},
    {"code": "WWM-VRG", "citation": "Art. 50, 51 en 52 lid 3 Wet wapens en munitie (veiligheidsrisicogebied, "
                                    "Art. 151b/174b Gemeentewet, bevel OvJ)",
     "permits": ["vehicle_search", "person_search"], "requires": ["authorisation_ref"],
     "source": f"Art. 50 lid 1-5 Wet wapens en munitie (text read in the Sdu commentary); Art. 51 lid 3-5 and 52 "
               f"lid 3 as in {COPY} (read; its reference to the Gemeentewet left out there; {NOT_OFFICIAL})",
     "en": "Preventive search for weapons inside a designated security-risk area while the prosecutor's order "
           "(at most 12 hours) applies: vehicles, clothing and luggage. Weapons and ammunition only.",
     "nl": "Preventief fouilleren naar wapens in een aangewezen veiligheidsrisicogebied tijdens het bevel van "
           "de officier van justitie (ten hoogste twaalf uur): voertuigen, kleding en bagage. Alleen wapens."},
    {"code": "WWM51", "citation": "Art. 51 lid 1 en 4 Wet wapens en munitie", "permits": ["vehicle_search"],
     "criminal_procedure": True, "requires": ["caution_given", "suspected_offence"],
     "source": f"Art. 51 lid 1-5 Wet wapens en munitie as in {COPY} (read: examination on reasonable cause, lid 1 "
               f"a-c; the demand to stop, lid 4; {NOT_OFFICIAL}); the Sdu commentary on Art. 51 and "
               "ECLI:NL:PHR:2010:BL1711",
     "en": "Stop (lid 4) and examine a vehicle for weapons on reasonable cause: an offence with weapons, a "
           "violation of Art. 13, 26 or 27, or indications that one will be committed (lid 1). Nothing beyond "
           "weapons and ammunition.",
     "nl": "Een voertuig stilhouden (lid 4) en onderzoeken op wapens bij redelijke aanleiding: een strafbaar feit "
           "met wapens, een overtreding van art. 13, 26 of 27, of aanwijzingen daarvoor (lid 1). Niets anders dan "
           "wapens en munitie."},
    {"code": "WWM52", "citation": "Art. 52 lid 2 Wet wapens en munitie", "permits": ["person_search"],
     "stop_power": False, "criminal_procedure": True, "requires": ["suspected_offence"],
     "source": f"Art. 52 lid 1-3 Wet wapens en munitie as in {COPY} (read: lid 1 is seizure, lid 2 the search of "
               f"clothing on the grounds of Art. 50 lid 1, lid 3 the security-risk area; {NOT_OFFICIAL}); the "
               "search of clothing as art. 52 lid 2 also in ECLI:NL:PHR:1996:36 (summary read)",
     "en": "Search of clothing for weapons on reasonable cause (lid 2): an offence with weapons, a violation of "
           "Art. 13, 26 or 27, or indications that one will be committed.",
     "nl": "Onderzoek aan de kleding op wapens bij redelijke aanleiding (lid 2): een strafbaar feit met wapens, "
           "een overtreding van art. 13, 26 of 27, of aanwijzingen daarvoor."},
    {"code": "POLW7-3", "citation": "Art. 7 lid 3 Politiewet 2012", "permits": ["person_search"],
     "stop_power": False,
     "source": f"Art. 7 lid 3 Politiewet 2012 (text since 1 July 2018) as quoted on nivoo.nl and "
               f"onlineboadocent.nl and as in {COPY} (read; {NOT_OFFICIAL}); Art. 20 Ambtsinstructie as amended "
               "by Stb. 2018, 157 (read): the clothing is patted down, the objects a person carries are examined",
     "en": "Safety frisk: patting down clothing and examining the objects a person carries when that is necessary "
           "to avert an immediate danger to life or safety. Not a search for evidence.",
     "nl": "Veiligheidsfouillering: aftasten van de kleding en onderzoek van de voorwerpen die iemand bij zich "
           "draagt, als dat nodig is om onmiddellijk gevaar voor leven of veiligheid af te wenden. Geen zoeken "
           "naar bewijs."},
    {"code": "POLW7-1", "citation": "Art. 7 lid 1 en 7 Politiewet 2012", "permits": ["force"], "stop_power": False,
     "source": f"Art. 7 lid 1 (force when the aim justifies it and cannot be reached otherwise; a warning first "
               f"where possible) and lid 7 (reasonable and moderate) Politiewet 2012 as in {COPY} (read; "
               f"{NOT_OFFICIAL}); lid 1 also as quoted in the Politieacademie report Politiegeweld in zicht "
               "(2018) and on ipol.nl",
     "en": "Use of force or restraints, only when justified by the aim and that aim cannot be reached otherwise, "
           "with a warning first where possible (lid 1); reasonable and moderate (lid 7).",
     "nl": "Geweld of vrijheidsbeperkende middelen gebruiken, alleen als het doel dat rechtvaardigt en het niet "
           "anders bereikt kan worden, zo mogelijk na een waarschuwing (lid 1); redelijk en gematigd (lid 7)."},
    {"code": "POLW8-ID", "citation": "Art. 8 Politiewet 2012 jo. Art. 2 Wet op de identificatieplicht",
     "permits": ["driver_id", "passenger_id"], "stop_power": False,
     "source": f"Art. 8 lid 1 Politiewet 2012 as in {COPY} (read; {NOT_OFFICIAL}) and as described in the "
               "Instructie identificatieplicht, Stcrt. 2016, 70055 (read)",
     "en": "Demand an identity document from a person aged 14 or over when reasonably necessary for the police "
           "task, judged per person. Not a power to order a vehicle to stop.",
     "nl": "Inzage in een identiteitsbewijs vorderen van iemand van 14 jaar of ouder als dat redelijkerwijs nodig "
           "is voor de politietaak, per persoon. Geen bevoegdheid om een voertuig te laten stoppen."},
    {"code": "VW50", "citation": "Art. 50 lid 1 Vreemdelingenwet 2000 (redelijk vermoeden van illegaal verblijf)",
     "permits": ["driver_id", "passenger_id"],
     "source": "Art. 50 lid 1-4 Vreemdelingenwet 2000 (text read on wetten.legaltools.nl)",
     "en": "Stop people to establish identity, nationality and residence status on facts and circumstances that, "
           "measured objectively, give a reasonable suspicion of illegal stay. Never on appearance.",
     "nl": "Personen staande houden om identiteit, nationaliteit en verblijfsstatus vast te stellen op feiten en "
           "omstandigheden die naar objectieve maatstaven een redelijk vermoeden van illegaal verblijf opleveren."},
    {"code": "MTV", "citation": "Art. 50 lid 1 Vreemdelingenwet 2000 (na grensoverschrijding) jo. "
                                "Art. 4.17a Vreemdelingenbesluit 2000",
     "permits": ["driver_id", "passenger_id"], "restricted_to": "kmar",
     "source": "Art. 50 lid 1 Vreemdelingenwet 2000 (read); Art. 4.17a Vreemdelingenbesluit 2000: only its "
               "opening read (maxius.nl) and its lid 4 as amended by Stb. 2014, 250 (read); the rest: statute text "
               "not read by us; Gerechtshof Den Haag 14 February 2023, ECLI:NL:GHDHA:2023:173",
     "en": "Mobiel Toezicht Veiligheid: checks against illegal stay after crossing an internal border, by the "
           "Koninklijke Marechaussee only. Skin colour or ethnicity may never be a selection ground.",
     "nl": "Mobiel Toezicht Veiligheid: controle ter bestrijding van illegaal verblijf na grensoverschrijding, "
           "alleen door de Koninklijke Marechaussee. Nooit selectie op huidskleur of etniciteit."},
    {"code": "AWB519", "citation": "Art. 5:19 jo. Art. 5:16a Algemene wet bestuursrecht",
     "permits": ["vehicle_search", "driver_id"], "requires": ["supervised_law"],
     "source": "Art. 5:16a Awb (text read on pgawb.nl); Art. 5:19 Awb (text read on pgawb.nl and "
               "handhavingsrecht.nl; not compared with wetten.overheid.nl)",
     "en": "An inspector, only within the law they supervise (record which): stop a vehicle, examine vehicle and "
           "cargo, ask for documents and identity. Not a general search power in a police traffic stop.",
     "nl": "Een toezichthouder, alleen binnen de wet waarop hij toeziet (leg vast welke): voertuig laten stoppen, "
           "voertuig en lading onderzoeken, documenten en identiteit vragen. Geen algemene doorzoekingsbevoegdheid."},
    {"code": "WVW163", "citation": "Art. 163 Wegenverkeerswet 1994", "permits": [], "stop_power": False,
     "criminal_procedure": True, "requires": ["suspected_offence"],
     "source": f"Art. 163 lid 1 {WVW} as quoted in ECLI:NL:HR:2025:133 (read)",
     "en": "Evidential breath analysis or blood test, only on suspicion of drink or drug driving (Art. 8 WVW).",
     "nl": "Ademanalyse of bloedonderzoek als bewijs, alleen bij verdenking van rijden onder invloed (art. 8 WVW)."},
    {"code": "WED23", "citation": "Art. 23 Wet op de economische delicten", "permits": ["vehicle_search"],
     "stop_power": False, "requires": ["supervised_law"],
     "source": "Art. 23 Wet op de economische delicten: statute text not read by us; ECLI:NL:PHR:2025:517 "
               "(summary read)",
     "en": "Examine a vehicle within the economic regulation being enforced (record which).",
     "nl": "Een voertuig onderzoeken binnen de economische regeling die wordt gehandhaafd (leg vast welke)."},
    {"code": "CONSENT", "citation": "Toestemming (geen wettelijke bevoegdheid)",
     "permits": ["vehicle_search", "person_search", "passenger_id"], "stop_power": False, "voluntary": True,
     "requires": ["consent_refusal_explained"],
     "source": "No statute: consent; it does not cure an unlawful control (HR 1 November 2016 context, "
               "legal review)",
     "en": "Asked, not demanded: a look in the vehicle, a frisk or a passenger's identity. The person was told "
           "they could refuse and may withdraw consent at any moment; refusing is no offence.",
     "nl": "Gevraagd, niet gevorderd: in het voertuig kijken, fouilleren of de identiteit van een passagier. De "
           "persoon is verteld te mogen weigeren en mag de toestemming altijd intrekken; weigeren is niet strafbaar."},
]
