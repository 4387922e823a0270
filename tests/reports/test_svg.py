"""Chart SVG: matplotlib's styling turned into presentation attributes, drawing unchanged."""
import math
from xml.etree import ElementTree

from matplotlib.figure import Figure

from stopform.reports.svg import _drop_bare_groups, figure_svg, presentation_attributes, rc_params

SAMPLE = ('<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><defs><style type="text/css">'
          '*{stroke-linejoin: round; stroke-linecap: butt}</style></defs>'
          '<path d="M 0 0 L 1 1" style="stroke: #000000; stroke-linecap: square"/>'
          '<text style="font-size: 9px; font-family: \'DejaVu Sans\', sans-serif" x="1">0.5</text></svg>')


def test_styles_become_attributes_and_the_sheet_becomes_the_roots():
    assert presentation_attributes(SAMPLE) == (
        '<svg stroke-linejoin="round" stroke-linecap="butt" viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg">'
        '<path d="M 0 0 L 1 1" stroke="#000000" stroke-linecap="square"/>'
        '<text font-size="9px" font-family="\'DejaVu Sans\', sans-serif" x="1">0.5</text></svg>')


def test_a_drawn_chart_has_no_style_left():
    import matplotlib
    with matplotlib.rc_context(rc_params("t")):
        figure = Figure(figsize=(3, 1))
        axes = figure.add_subplot()
        axes.plot([1, 2, 3], [1, 3, 2], linestyle="--")
        axes.set_title("a title")
        chart = figure_svg(figure, key="t", title="A line")
    svg = str(chart.svg)
    assert "style=" not in svg and "<style" not in svg
    assert svg.startswith('<svg role="img" aria-labelledby="t-title" class="chart" stroke-linejoin="round"')
    assert 'stroke-dasharray="' in svg and 'font-family="' in svg


def test_bare_groups_go_and_empty_ones_stay_balanced():
    svg = '<svg><g><g clip-path="url(#c)"/></g><g id="a"><g><path d="M 0 0"/></g></g></svg>'
    assert _drop_bare_groups(svg) == '<svg><g clip-path="url(#c)"/><g id="a"><path d="M 0 0"/></g></svg>'


def test_a_series_with_nothing_to_draw_leaves_well_formed_svg():
    """A month series with every month withheld (a sparse scope) is drawn as an empty group;
    the SVG must still parse, or the PDF drops the chart ("Failed to load image")."""
    import matplotlib
    with matplotlib.rc_context(rc_params("e")):
        figure = Figure(figsize=(3, 1))
        axes = figure.add_subplot()
        axes.plot([0, 1, 2], [0.1, math.nan, 0.2], marker="o")
        axes.plot([0, 1, 2], [math.nan] * 3, marker="s", linestyle="--")
        chart = figure_svg(figure, key="e", title="Two series, one empty")
    ElementTree.fromstring(str(chart.svg))  # raises on a stray closing tag
