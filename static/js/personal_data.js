/* Personal data in free text: names, number plates, BSNs, phone numbers, e-mail and postal
   addresses. The same rules as the server's check (stopform/stops/personal_data.py), tested on the
   same cases (tests/stops/personal_data_cases.json); the server refuses, this module only warns as
   the officer types. Pure functions: no DOM, no network, no storage. */

const SIDECODES = ["LL DD DD", "DD DD LL", "DD LL DD", "LL DD LL", "LL LL DD", "DD LL LL", "DD LLL D",
  "D LLL DD", "LL DDD L", "L DDD LL", "LLL DD L", "L DD LLL", "D LL DDD", "DDD LL D"];

function sidecodes(separator) {
  return SIDECODES.map((shape) => "(?:" + shape.split(" ").map((group) =>
    group.replace(/L/g, "[A-Z]").replace(/D/g, "\\d")).join(separator) + ")").join("|");
}

const DUTCH_PLATE = new RegExp("(?<![\\w-])(?:" + sidecodes("-?") + ")(?![\\w-])", "i");
const DUTCH_PLATE_SPACED = new RegExp("(?<![\\w-])(?:" + sidecodes(" ") + ")(?![\\w-])");
const FOREIGN_PLATES = [
  /(?<![\w-])[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} ?\d{1,4}[EH]?(?![\w-])/,  // German: M-AB 1234
  /(?<![\w-])\d-[A-Z]{3}-\d{3}(?![\w-])/,  // Belgian: 1-ABC-234
  /(?<![\w-])[A-Z]{2}-\d{3}-[A-Z]{2}(?![\w-])/,  // French, Italian: AB-123-CD
];
const AFTER_PLATE_WORD = /\b(?:kenteken(?:plaat)?|nummerplaat|plate|kennzeichen)\s*:?\s*([A-Z0-9][A-Z0-9 .-]{2,10})/gi;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const PHONES = [
  /(?<![\w+])(?:\+|00)[1-9]\d{0,2}[ -]?(?:\(0\)[ -]?)?\d(?:[ -]?\d){6,11}(?!\w)/,
  /(?<![\w-])0(?:\d{9}|6[ -]\d{8}|6[ -]?\d{2}(?:[ -]\d{2}){3}|\d{2}[ -]\d{7}|\d{3}[ -]\d{6}|\d{2}[ -]\d{3}[ -]\d{4}|\d{3}[ -]\d{3}[ -]\d{3})(?![\w-])/,
];
const BSN = /(?<![\d.-])\d(?:[ .]?\d){8}(?![\d-])/g;
const POSTCODE = /(?<!\d)[1-9]\d{3} ?(?!SA|SD|SS|KM|KG|CC|PK|KW|EU|NL|DE|BE)[A-Z]{2}(?![A-Za-z])|(?<!\d)[1-9]\d{3}[a-z]{2}(?![A-Za-z])/;
const STREET = /\b[A-Z][a-zà-ÿ'-]*(?:straat|weg|laan|plein|gracht|singel|kade|dijk|dreef|steeg|pad|hof|markt|park|baan|straße|strasse|allee)\s+\d{1,4}(?:\s?[a-zA-Z])?(?![\w-])|\b(?:[Rr]ue|[Aa]venue|[Bb]oulevard|[Uu]lica|ul\.)\s+[\w' -]{2,30}?\s\d{1,4}\b/;
const TITLE_NAME = /\b(?:[Dd]hr|[Mm]evr|[Mm]w|[Mm]r|[Mm]rs|[Mm]s|[Hh]r)\.?\s+[A-Z][a-z]|\b(?:[Dd]e heer|[Mm]evrouw|[Mm]eneer|[Hh]err|[Ff]rau|[Mm]adame|[Mm]onsieur|[Pp]an|[Pp]ani)\s+(?:[a-z]{1,3}\s+){0,2}[A-Z][a-z]/;
const PARTICLES = "(?:(?:van|de|der|den|ter|ten|te|het|von|zu|di|da|du|le|la|el|al|bin|ibn)\\s+){0,3}";
// A lookahead, so that overlapping pairs are all seen ("Bij Jan de Vries": "Bij Jan", "Jan de Vries").
const CAPITALISED_RUN = new RegExp("\\b([A-Z][a-zà-ÿ'-]+)(?=\\s+" + PARTICLES + "([A-Z][a-zà-ÿ'-]+)\\b)", "g");
// Capitalised words that are no name: sentence openers, places, institutions, the officers' vocabulary.
// The same list as the server's ORDINARY_WORDS (a test compares them).
export const ORDINARY_WORDS = new Set(`
a aan afrit after aken algemene als ambtsinstructie amsterdam an and anpr antwerpen april arnhem art artikel
at augustus auto awb beek before belastingdienst belgische belgië bestelbus bestuurder bestuursrecht
bestuurster bij bosch breda brunssum brussel bulgarije but bvr by camera car centrum cjib collega collega's
controle daar daarbij daarna daarom dat de december den deze die dinsdag dit donderdag door douane driver
duitse duitsland during dus düsseldorf echt een eenheid eijsden eindhoven en er europa europese februari for
frankrijk franse friday from geleen genk gulpen haag hasselt he heerlen herten het hier hij horst ik in
inspectie inzittende inzittenden januari juli juni justitie kenteken kerkrade keulen knooppunt koninklijke
landgraaf leefomgeving lid limburg luik maandag maar maart maasbracht maastricht marechaussee marokko meerssen
mei melding meldkamer men met midden ministerie monday motor munitie na naar nadat nationale near nederland
nederlandse nijmegen noord november of officer officier oktober om omdat on onder oost op openbaar opiumwet
oprit or over passagier passagiers passenger per polen police politie politiewet poolse provinciale rdw
rijkswaterstaat rijksweg roemenië roermond rond rotterdam rvv saturday schengen sensing september she
signalering sittard snelweg sr stein strafrecht strafvordering sunday susteren sv swalmen systeem te tegen ten
ter terwijl the then they thursday tijdens tilburg to toen tot transport truck tuesday turkije uit unie
utrecht vaals valkenburg van vehicle venlo venray via voertuig volgens voor vrachtwagen vreemdelingenwet
vrijdag want wapens we wed wednesday weert wegenverkeerswet west wet wetboek wij with woensdag wvw zaterdag ze
zij zo zondag zonder zuid
`.split(/\s+/).filter(Boolean));

const MAX_CHECKED = 1000;  // as the server: longer text is refused for its length anyway
export const KINDS = ["name", "plate", "bsn", "phone", "email", "address"];

/** The 11-proef: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not all zeros). */
export function isBsn(digits) {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) { return false; }
  let total = -Number(digits[8]);
  for (let i = 0; i < 8; i += 1) { total += Number(digits[i]) * (9 - i); }
  return total % 11 === 0;
}

function hasPlate(text) {
  if ([DUTCH_PLATE, DUTCH_PLATE_SPACED, ...FOREIGN_PLATES].some((pattern) => pattern.test(text))) { return true; }
  return [...text.matchAll(AFTER_PLATE_WORD)].some((m) => /\d/.test(m[1]) && /[A-Za-z]/.test(m[1]));
}

function hasName(text) {
  if (TITLE_NAME.test(text)) { return true; }
  return [...text.matchAll(CAPITALISED_RUN)].some((m) =>
    !ORDINARY_WORDS.has(m[1].toLowerCase()) && !ORDINARY_WORDS.has(m[2].toLowerCase()));
}

/** The kinds of personal data (of `KINDS`) that `text` seems to hold, in `KINDS` order. */
export function personalDataKinds(text) {
  if (!text) { return []; }
  text = text.slice(0, MAX_CHECKED);
  const found = {
    name: hasName(text),
    plate: hasPlate(text),
    bsn: [...text.matchAll(BSN)].some((m) => isBsn(m[0].replace(/\D/g, ""))),
    phone: PHONES.some((pattern) => pattern.test(text)),
    email: EMAIL.test(text),
    address: POSTCODE.test(text) || STREET.test(text),
  };
  return KINDS.filter((kind) => found[kind]);
}
