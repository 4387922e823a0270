"""Where each legal basis's article is published: the official text on wetten.overheid.nl.

Links use the Juriconnect identifier (JCI 1.3) of the law's BWB number and the article, which
wetten.overheid.nl resolves to the version in force. CONSENT is no statutory power: no link.
"""
from __future__ import annotations

WETTEN = "https://wetten.overheid.nl/jci1.3:c:{law}&artikel={article}"
WVW, SV, POLW, WWM = "BWBR0006622", "BWBR0001903", "BWBR0031788", "BWBR0008804"
OPIUM, VW, AWB, WED = "BWBR0001941", "BWBR0011823", "BWBR0005537", "BWBR0002063"

# code -> (law's BWB number, article, paragraph or None)
ARTICLES: dict[str, tuple[str, str, str | None]] = {
    "WVW160-1": (WVW, "160", "1"), "WVW160-4": (WVW, "160", "4"), "WVW160-5": (WVW, "160", "5"),
    "WVW163": (WVW, "163", None),
    "SV52": (SV, "52", None), "SV96B": (SV, "96b", None), "SV56": (SV, "56", "1"),
    "OPIUM9": (OPIUM, "9", "1"), "OPIUM9-2": (OPIUM, "9", "2"),
    "WWM-VRG": (WWM, "50", None), "WWM51": (WWM, "51", "1"), "WWM52": (WWM, "52", "1"),
    "POLW7-1": (POLW, "7", "1"), "POLW7-3": (POLW, "7", "3"), "POLW8-ID": (POLW, "8", None),
    "VW50": (VW, "50", "1"), "MTV": (VW, "50", "1"), "VW50-MTV": (VW, "50", "1"),
    "AWB519": (AWB, "5:19", None), "WED23": (WED, "23", None),
}


def article_url(code: str) -> str | None:
    """The official text of the article behind basis `code`, or None (consent, an unknown code)."""
    entry = ARTICLES.get(code)
    if entry is None:
        return None
    law, article, paragraph = entry
    url = WETTEN.format(law=law, article=article)
    return f"{url}&lid={paragraph}" if paragraph else url
