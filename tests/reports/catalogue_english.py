"""English sentences of the message catalogue found in a rendered text: a page, a PDF's text or
an HTML file that should be all Dutch."""
from __future__ import annotations

import html
import re
from functools import cache

from stopform.receipts.catalogs import load

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
# A fragment this long with three or more words is a sentence or a phrase, never a code or a name.
MIN_CHARS = 20
MIN_SPACES = 2


@cache
def english_fragments() -> frozenset[str]:
    """The literal text between the placeholders of every English msgid that Dutch translates
    differently, long enough to be a sentence or a phrase."""
    fragments = set()
    for message in load("nl"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if set(ids) & set(strings):  # the same in both languages (a name, an abbreviation)
            continue
        for msgid in ids:
            for fragment in PLACEHOLDER.split(msgid.replace("%%", "%")):
                fragment = fragment.strip(" .,:;()")
                if len(fragment) >= MIN_CHARS and fragment.count(" ") >= MIN_SPACES:
                    fragments.add(fragment)
    return frozenset(fragments)


def visible_text(markup: str) -> str:
    """The text of an HTML document, tags and styles removed, whitespace collapsed."""
    markup = re.sub(r"<style.*?</style>", " ", markup, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def english_in(text: str) -> list[str]:
    """The catalogue's English fragments that occur in `text` (whitespace collapsed)."""
    text = re.sub(r"\s+", " ", text)
    return sorted(fragment for fragment in english_fragments() if fragment in text)
