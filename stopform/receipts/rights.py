"""What each legal basis lets an officer do, and what the stopped person may refuse.

Plain-language texts for the receipt page and card, keyed by the catalogue's basis code (and
CONSENT). Checked against the statute texts named per entry in the catalogue (`source`, see
docs/receipts.md); where a text could not be read, the wording says less rather than more.
Which powers are compulsory, of criminal procedure or voluntary comes from the catalogue, never
from here: the texts only say it in words. Every string is a
lazy_gettext message, so `pybabel extract` puts it in the catalogs and a test demands it in
all nine languages.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from markupsafe import Markup


@dataclass(frozen=True)
class BasisRights:
    """One power in plain words: its name, what it allows, what it does not, your position."""

    name: object
    may: object
    may_not: object
    you: object


BASIS_RIGHTS: dict[str, BasisRights] = {
    "WVW160-1": BasisRights(
        _l("Traffic check"),
        _l("Stop the vehicle and check the driving licence, the registration certificate and the other "
           "documents needed for driving (Art. 160(1) Road Traffic Act 1994)."),
        _l("Search the vehicle, the boot, bags or clothing, or demand identification from passengers. "
           "A search needs another legal power or your consent."),
        _l("The driver had to stop and hand over the documents. Passengers had no duty under this power. "
           "You did not have to answer questions that had nothing to do with the check.")),
    "WVW160-4": BasisRights(
        _l("Technical check of the vehicle"),
        _l("Stop the vehicle and check the vehicle, trailer and load for roadworthiness and the "
           "required documents (Art. 160(4) Road Traffic Act 1994)."),
        _l("Search for drugs, weapons or stolen goods, or search bags or clothing."),
        _l("The driver had to stop and cooperate with the check. Passengers had no duty under this power.")),
    "WVW160-5": BasisRights(
        _l("Preliminary breath or drug test"),
        _l("Demand that the driver, anyone about to drive and the accompanying adult of a learner driver "
           "(2toDrive) cooperate with a preliminary breath test, without any suspicion; a preliminary drug "
           "(saliva) test only when there are signs of drug use (Art. 160(5) Road Traffic Act 1994)."),
        _l("Require an evidential breath analysis or a blood test without a suspicion of drink or drug "
           "driving (that needs Art. 163 Road Traffic Act 1994), or search the vehicle."),
        _l("The test was compulsory: the driver, and the accompanying adult of a learner driver, had to "
           "cooperate. Other passengers had no duty under this power.")),
    "WVW163": BasisRights(
        _l("Evidential breath or blood test"),
        _l("Require an evidential breath analysis or a blood test when there is a suspicion of drink or "
           "drug driving (Art. 163 Road Traffic Act 1994)."),
        _l("Require this test without such a suspicion."),
        _l("If you were suspected, you had to cooperate. You may ask what the suspicion was based on.")),
    "POLW8-ID": BasisRights(
        _l("Identity check"),
        _l("Demand an identity document from anyone aged 14 or over when that is reasonably necessary "
           "for the police task, judged person by person (Art. 8 Police Act 2012, Art. 2 Compulsory "
           "Identification Act)."),
        _l("Demand identification as a routine, or from a passenger only because they are a passenger. "
           "This power does not allow ordering a vehicle to stop."),
        _l("If the demand was lawful, you had to show a valid identity document; not showing it is an "
           "offence punishable by a fine (Art. 447e Criminal Code). The officer must be able to explain "
           "why it was necessary for you.")),
    "SV52": BasisRights(
        _l("Stop of a suspect"),
        _l("Stop a person suspected of an offence, on facts and circumstances, and establish their "
           "identity (Art. 52 and 27a Code of Criminal Procedure)."),
        _l("Search you or your vehicle on this basis alone, or force you to answer questions about the "
           "offence."),
        _l("As a suspect you had to give your identity details; giving a false name is an offence. You "
           "have the right to remain silent about the offence and must be told so (Art. 29 Code of "
           "Criminal Procedure).")),
    "SV96B": BasisRights(
        _l("Vehicle search for evidence"),
        _l("Stop and search a vehicle to seize items, when someone is caught in the act or suspected of a "
           "crime for which pre-trial detention is allowed (Art. 96b and 67 Code of Criminal Procedure)."),
        _l("Search without such a suspicion, or search living quarters in a vehicle without consent."),
        _l("You had to stop and allow the search. As a suspect you have the right to remain silent "
           "(Art. 29 Code of Criminal Procedure).")),
    "WWM-VRG": BasisRights(
        _l("Preventive search for weapons"),
        _l("In an area the mayor has designated as a security-risk area, while an order of the public "
           "prosecutor is in force, search vehicles, clothing and luggage for weapons and ammunition "
           "without any suspicion (Art. 50, 51 and 52 Weapons and Ammunition Act)."),
        _l("Look for anything other than weapons and ammunition, or search outside the area or the "
           "period of the order."),
        _l("You had to allow the search. You may ask which order of the public prosecutor applied.")),
    "WWM51": BasisRights(
        _l("Vehicle check for weapons"),
        _l("Examine a vehicle for weapons and ammunition when there is reasonable cause: an offence with "
           "weapons, or indications of one (Art. 51 Weapons and Ammunition Act)."),
        _l("Look for anything other than weapons and ammunition."),
        _l("You had to allow the examination.")),
    "OPIUM9": BasisRights(
        _l("Looking around for drugs"),
        _l("Look around in a place, such as a vehicle, where a drugs offence is reasonably suspected, and "
           "seize what is obviously there (Art. 9(1) Opium Act)."),
        _l("Search systematically and in a targeted way, or order a vehicle to stop on this power alone."),
        _l("You had to allow the looking around, but nothing more. A search needs another legal power or "
           "your consent.")),
    "VW50-MTV": BasisRights(
        _l("Immigration check"),
        _l("Check identity, nationality and residence status on a reasonable suspicion, based on facts, "
           "of unlawful stay, or during a border-area check by the Royal Netherlands Marechaussee "
           "(Art. 50 Aliens Act 2000)."),
        _l("Select people on skin colour or ethnicity: the Court of Appeal of The Hague ruled this "
           "discrimination (14 February 2023)."),
        _l("You had to show your identity and, if asked, your residence document. Your appearance may not "
           "be the reason you were selected.")),
    "AWB519": BasisRights(
        _l("Inspection by an enforcement officer"),
        _l("Within the law they enforce: stop a vehicle, examine the vehicle and its load, and ask for "
           "documents and identification (Art. 5:19 and 5:16a General Administrative Law Act)."),
        _l("Act outside the law they enforce, or do more than is reasonably needed (Art. 5:13 General "
           "Administrative Law Act)."),
        _l("You had to cooperate with the inspection (Art. 5:20 General Administrative Law Act). You may "
           "ask which law the inspector enforces.")),
    "WED23": BasisRights(
        _l("Inspection for economic offences"),
        _l("Examine a vehicle and its load for economic offences (Art. 23 Economic Offences Act)."),
        _l("Look for anything outside the rules being enforced."),
        _l("You had to allow the examination.")),
    "CONSENT": BasisRights(
        _l("Search with your consent"),
        _l("Ask whether they may look in your vehicle or search you. There is no legal power behind it: "
           "only your consent."),
        _l("Treat a refusal as an offence, or use your consent to make up for a stop that was not lawful."),
        _l("You were asked. You could refuse, and refusing is not an offence. You could also withdraw "
           "your consent at any moment, during the search too.")),
    "VW50": BasisRights(
        _l("Immigration check"),
        _l("Stop people to establish their identity, nationality and residence status when facts and "
           "circumstances, measured objectively, give a reasonable suspicion of unlawful stay (Art. 50(1) "
           "Aliens Act 2000)."),
        _l("Select people on skin colour or ethnicity: the Court of Appeal of The Hague ruled this "
           "discrimination (14 February 2023)."),
        _l("You had to show your identity and, if asked, your residence document. Your appearance may not "
           "be the reason you were selected.")),
    "MTV": BasisRights(
        _l("Border-area check (Mobiel Toezicht Veiligheid)"),
        _l("Only the Royal Netherlands Marechaussee: after people have crossed an internal border, check "
           "their identity, nationality and residence status to combat unlawful stay (Art. 50(1) Aliens Act "
           "2000, Art. 4.17a Aliens Decree 2000)."),
        _l("Select people on skin colour or ethnicity: the Court of Appeal of The Hague ruled this "
           "discrimination (14 February 2023)."),
        _l("You had to show your identity and, if asked, your residence document. Your appearance may not "
           "be the reason you were selected.")),
    "SV56": BasisRights(
        _l("Search of clothing after an arrest"),
        _l("Search the clothing of a person arrested as a suspect (Art. 56 Code of Criminal Procedure)."),
        _l("Search clothing on this power before an arrest."),
        _l("You had to allow the search.")),
    "OPIUM9-2": BasisRights(
        _l("Search of clothing under the Opium Act"),
        _l("Search your clothing if you are suspected of a drugs crime under the Opium Act and there are "
           "serious indications against you (Art. 9(2) Opium Act)."),
        _l("Search your body, or look for anything unrelated to the suspected drugs offence."),
        _l("You had to allow the search.")),
    "WWM52": BasisRights(
        _l("Search of clothing for weapons"),
        _l("Search clothing for weapons and ammunition when there is reasonable cause: an offence with "
           "weapons, or indications of one (Art. 52 Weapons and Ammunition Act)."),
        _l("Look for anything other than weapons and ammunition."),
        _l("You had to allow the search.")),
    "POLW7-3": BasisRights(
        _l("Safety frisk"),
        _l("Pat down your clothing and examine the things you carry, when that is needed to avert an immediate "
           "danger to life or safety (Art. 7(3) Police Act 2012)."),
        _l("Look for evidence: this is allowed only to avert that danger."),
        _l("You had to allow it.")),
    "POLW7-1": BasisRights(
        _l("Use of force"),
        _l("Use force only when the aim justifies it and cannot be reached otherwise; the force must be "
           "reasonable and moderate (Art. 7(1) and (7) Police Act 2012)."),
        _l("Use more force than needed."),
        _l("You can complain about the force used: see the complaint routes below.")),
}

@dataclass(frozen=True)
class Remedy:
    """One route to complain, get information or have data corrected.

    Addresses and phone numbers are placeholders, filled in isolated (`<bdi dir="ltr">`) so they
    keep their order inside right-to-left text.
    """

    title: object
    text: object
    link: str
    values: tuple[tuple[str, str], ...] = ()

    def html(self, reference: str) -> Markup:
        """The text with the reference, addresses and numbers isolated as left-to-right."""
        values = {name: isolated(value) for name, value in (*self.values, ("reference", reference))}
        return Markup.escape(str(self.text)) % values


def isolated(value: str) -> Markup:
    """`value` as an isolated left-to-right run (addresses, URLs, codes in right-to-left pages)."""
    return Markup('<bdi dir="ltr">%s</bdi>') % value


REMEDIES: tuple[Remedy, ...] = (
    Remedy(_l("Complain to the police"),
           _l("Within one year of the stop: use the complaint form on politie.nl, write a letter or use the "
              "police app, and mention the reference %(reference)s. A complaint cannot be anonymous. You "
              "will usually be invited to talk first; an independent complaints committee can advise "
              "(Chapter 9 General Administrative Law Act, Art. 67a Police Act 2012)."),
           "https://www.politie.nl"),
    Remedy(_l("How long the police may take"),
           _l("The police must decide on your complaint within six weeks, or within ten weeks when a complaints "
              "committee advises. They may extend this once by at most four weeks, and must tell you in "
              "writing (Art. 9:11 General Administrative Law Act)."),
           "https://www.politie.nl"),
    Remedy(_l("Then: the National Ombudsman"),
           _l("Not satisfied with how the police handled your complaint, or no decision in time? Go to the "
              "Nationale ombudsman: nationaleombudsman.nl, or %(address)s."),
           "https://www.nationaleombudsman.nl", (("address", "Postbus 93122, 2509 AC Den Haag"),)),
    Remedy(_l("Your police data"),
           _l("You can ask which police data about you exist (Art. 25 Police Data Act, Wpg): send a letter, "
              "not an e-mail, with a copy of your identity document to the police unit of the region, and "
              "mention this date and reference. You can ask for wrong data to be corrected or deleted "
              "(Art. 28 Wpg); if the police refuse, you can object and then appeal to a court."),
           "https://www.politie.nl"),
    Remedy(_l("Discrimination"),
           _l("Report discrimination to your municipality's anti-discrimination service through "
              "discriminatie.nl. The College voor de Rechten van de Mens (Netherlands Institute for Human "
              "Rights, %(phone)s) gives information about equal treatment."),
           "https://www.discriminatie.nl", (("phone", "030 888 38 88"),)),
    Remedy(_l("Free legal advice"),
           _l("Het Juridisch Loket gives free legal advice, also about a stop by the police."),
           "https://www.juridischloket.nl"),
    Remedy(_l("Privacy"),
           _l("You can complain about the handling of your personal data to the Autoriteit "
              "Persoonsgegevens (Dutch Data Protection Authority)."),
           "https://www.autoriteitpersoonsgegevens.nl"),
)

RETENTION = _l("The police keep data about stops under the Police Data Act: for daily police work at most "
               "five years, after that only for limited purposes such as handling complaints (Art. 8 and 14 "
               "Wpg). This receipt works until %(date)s.")


def rights_for(code: str) -> BasisRights | None:
    """The texts for a basis code (or CONSENT); None for a code the receipt cannot explain."""
    return BASIS_RIGHTS.get(code)
