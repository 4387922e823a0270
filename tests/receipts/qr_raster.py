"""Rasterise the QR SVG exactly as served (its one path of one-module-high runs) for an independent decoder."""
import re

import numpy as np

_VIEWBOX = re.compile(r'viewBox="0 0 (\d+) (\d+)"')
_PATH = re.compile(r'<path[^>]* d="([^"]+)"')
_RUN = re.compile(r"M(\d+) (\d+)h(\d+)v1h-(\d+)z")


def svg_modules(svg: str) -> np.ndarray:
    """The module grid (True = dark) drawn by the SVG's path."""
    width, height = map(int, _VIEWBOX.search(svg).groups())
    grid = np.zeros((height, width), dtype=bool)
    path = _PATH.search(svg).group(1)
    runs = _RUN.findall(path)
    assert "".join(f"M{x} {y}h{n}v1h-{back}z" for x, y, n, back in runs) == path, "unexpected path syntax"
    for x, y, n, back in runs:
        assert n == back, "a run must close where it started"
        grid[int(y), int(x):int(x) + int(n)] = True
    return grid


def svg_to_pixels(svg: str, scale: int = 8) -> np.ndarray:
    """A greyscale image of the SVG: black modules on white, `scale` pixels per module."""
    grid = svg_modules(svg)
    return np.where(np.kron(grid, np.ones((scale, scale), dtype=bool)), 0, 255).astype(np.uint8)
