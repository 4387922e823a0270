"""Rasterise the QR SVG exactly as served (its one path of unit squares) for an independent decoder."""
import re

import numpy as np

_VIEWBOX = re.compile(r'viewBox="0 0 (\d+) (\d+)"')
_PATH = re.compile(r'<path[^>]* d="([^"]+)"')
_SQUARE = re.compile(r"M(\d+),(\d+)H(\d+)V(\d+)H(\d+)z")


def svg_modules(svg: str) -> np.ndarray:
    """The module grid (True = dark) drawn by the SVG's path."""
    width, height = map(int, _VIEWBOX.search(svg).groups())
    grid = np.zeros((height, width), dtype=bool)
    path = _PATH.search(svg).group(1)
    squares = _SQUARE.findall(path)
    assert "".join(f"M{x},{y}H{x2}V{y2}H{x3}z" for x, y, x2, y2, x3 in squares) == path, "unexpected path syntax"
    for x, y, x2, y2, _x3 in squares:
        grid[int(y):int(y2), int(x):int(x2)] = True
    return grid


def svg_to_pixels(svg: str, scale: int = 8) -> np.ndarray:
    """A greyscale image of the SVG: black modules on white, `scale` pixels per module."""
    grid = svg_modules(svg)
    return np.where(np.kron(grid, np.ones((scale, scale), dtype=bool)), 0, 255).astype(np.uint8)
