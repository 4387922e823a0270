"""Turn a matplotlib figure into small inline SVG markup with a title for screen readers.

Figures are made with `matplotlib.figure.Figure` directly (no pyplot, so no global state shared
between requests) and saved as SVG with text left as text. Several charts share one page, so
ids are made unique per chart and unreferenced ones are dropped.
"""
from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

RC = {
    "svg.fonttype": "none",  # text stays text: smaller, selectable, readable by the PDF's fonts
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_ID = re.compile(r'\sid="([^"]+)"')
_DROP = (re.compile(r"<\?xml[^>]*\?>\s*"), re.compile(r"<!DOCTYPE[^>]*>\s*", re.S),
         re.compile(r"<metadata>.*?</metadata>\s*", re.S))
_SIZE = re.compile(r'<svg([^>]*?)\swidth="[^"]*"\s+height="[^"]*"')
_GROUP_TAG = re.compile(r"<g(\s[^>]*?)?(/?)>|</g>")
_GEOMETRY = re.compile(r'\s(d|x|y|x1|x2|y1|y2|width|height|transform|points)="([^"]*)"')
_DECIMALS = re.compile(r"(\d+\.\d{2})\d+")
_KEEP = r"\1"
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_SHEET = re.compile(r'<defs><style type="text/css">\*\{([^}]*)\}</style></defs>')


def rc_params(key: str) -> dict:
    """matplotlib settings for one chart (`key` salts the generated ids)."""
    return {**RC, "svg.hashsalt": key}


def _rename_ids(svg: str, key: str) -> str:
    ids = set(_ID.findall(svg))
    referenced = {i for i in ids if f"#{i}" in svg}

    def replace(match: re.Match) -> str:
        name = match.group(1)
        return f' id="{key}-{name}"' if name in referenced else ""

    svg = _ID.sub(replace, svg)
    for name in referenced:
        svg = svg.replace(f"#{name})", f"#{key}-{name})").replace(f'"#{name}"', f'"#{key}-{name}"')
    return svg


@dataclass(frozen=True)
class Chart:
    """An inline SVG chart and its title; renders as the `<svg>` element in templates."""

    svg: Markup
    title: str

    def __html__(self) -> str:
        return str(self.svg)

    def data_uri(self) -> str:
        """The SVG as a `data:` URI, for an `<img>` (WeasyPrint draws these without styling every
        SVG element through the HTML cascade, which is much faster)."""
        return "data:image/svg+xml;base64," + base64.b64encode(str(self.svg).encode()).decode("ascii")


def _drop_bare_groups(svg: str) -> str:
    """Remove `<g>` wrappers without attributes (and their closing tags): they only nest."""
    kept: list[str] = []
    bare: list[bool] = []  # per open <g>: whether it was dropped
    position = 0
    for match in _GROUP_TAG.finditer(svg):
        kept.append(svg[position:match.start()])
        position = match.end()
        if match.group(0) == "</g>":
            if not bare.pop():
                kept.append("</g>")
        elif match.group(2):  # `<g .../>` (a series with nothing to draw) opens nothing
            kept.append(match.group(0))
        else:
            is_bare = not (match.group(1) or "").strip()
            bare.append(is_bare)
            if not is_bare:
                kept.append(match.group(0))
    kept.append(svg[position:])
    return "".join(kept)


def _round_geometry(svg: str) -> str:
    """Two decimals in coordinates are plenty at screen and print sizes."""
    def shorten(match: re.Match) -> str:
        return f' {match.group(1)}="{_DECIMALS.sub(_KEEP, match.group(2))}"'
    return _GEOMETRY.sub(shorten, svg)


def minify(svg: str) -> str:
    """Whitespace between tags, bare groups and long decimals out: a third of the size."""
    svg = re.sub(r"\s*\n\s*", " ", svg)  # paths come one point per line
    svg = re.sub(r">\s+<", "><", svg).strip()
    svg = re.sub(r'\stransform="rotate\(-0 [^"]*\)"', "", svg)  # matplotlib's no-op rotation of every label
    return _round_geometry(_drop_bare_groups(presentation_attributes(svg)))


def presentation_attributes(svg: str) -> str:
    """matplotlib's styling as SVG presentation attributes: each `style="a: b"` becomes `a="b"`,
    and its sheet `*{…}` becomes attributes of the root, which every element inherits. Same
    drawing, fewer bytes, and WeasyPrint (the PDF) neither parses a style per element nor
    matches the sheet against every element (about 0.3 of the PDF's 3.6 s)."""
    def attributes(declarations: str) -> str:
        pairs = (declaration.split(":", 1) for declaration in declarations.split(";") if declaration.strip())
        return "".join(f' {name.strip()}="{value.strip()}"' for name, value in pairs)

    sheet = _SHEET.search(svg)
    if sheet:
        svg = svg[:sheet.start()] + svg[sheet.end():]
        svg = svg.replace("<svg ", "<svg" + attributes(sheet.group(1)) + " ", 1)
    return _STYLE_ATTRIBUTE.sub(lambda match: attributes(match.group(1)), svg)


def figure_svg(figure, *, key: str, title: str) -> Chart:
    """The figure as an `<svg role="img">` element labelled by its `<title>`."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    svg = buffer.getvalue()
    for pattern in _DROP:
        svg = pattern.sub("", svg)
    svg = minify(_rename_ids(svg, key))
    svg = _SIZE.sub(r"<svg\1", svg, count=1)
    title_id = f"{key}-title"
    svg = svg.replace("<svg ", f'<svg role="img" aria-labelledby="{title_id}" class="chart" ', 1)
    head_end = svg.index(">") + 1
    svg = svg[:head_end] + f'<title id="{title_id}">{escape(title)}</title>' + svg[head_end:]
    return Chart(svg=Markup(svg), title=title)  # noqa: S704 - matplotlib's output, its text escaped
