"""Identifiers for synthetic stops, made in bulk with numpy: UUIDs, references and stable
vehicle pseudonyms (the same vehicle gets the same pseudonym in every month)."""
from __future__ import annotations

import numpy as np

CROCKFORD = np.frombuffer(b"0123456789ABCDEFGHJKMNPQRSTVWXYZ", dtype=np.uint8)
HEX_PAIRS = np.array([int.from_bytes(f"{i:02x}".encode(), "little") for i in range(256)], dtype=np.uint16)
VEHICLE_SALT = np.uint64(0x5EED_0F_57_0F_F0)


def _ascii(chars: np.ndarray) -> list[str]:
    width, text = chars.shape[1], np.ascontiguousarray(chars).tobytes().decode("ascii")
    return [text[i:i + width] for i in range(0, len(text), width)]


def _hex(raw: np.ndarray) -> np.ndarray:
    return HEX_PAIRS[raw].view(np.uint8).reshape(raw.shape[0], raw.shape[1] * 2)


def _grouped(chars: np.ndarray, widths: tuple[int, ...]) -> list[str]:
    dash = np.full((chars.shape[0], 1), ord("-"), dtype=np.uint8)
    parts = np.split(chars, np.cumsum(widths)[:-1], axis=1)
    return _ascii(np.hstack([p for part in parts for p in (part, dash)][:-1]))


def uuids(rng: np.random.Generator, n: int) -> list[str]:
    """`n` random version-4 UUIDs as text."""
    raw = rng.integers(0, 256, (n, 16), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40  # version 4
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80  # RFC 4122 variant
    return _grouped(_hex(raw), (8, 4, 4, 4, 12))


def references(rng: np.random.Generator, n: int) -> list[str]:
    """`n` distinct stop references such as `7KQ4-M2XD-9P`."""
    # A bijection on 50-bit numbers applied to n consecutive numbers: unique without checking.
    mask = np.uint64(2**50 - 1)
    x = (np.uint64(rng.integers(0, 2**50)) + np.arange(n, dtype=np.uint64)) & mask
    for multiplier, shift in ((0x9E3779B97F4A7C15, 23), (0xBF58476D1CE4E5B9, 29)):
        x = (x * np.uint64(multiplier | 1)) & mask  # odd multiplier: bijective mod 2**50
        x = x ^ (x >> np.uint64(shift))  # xor with a right shift: bijective
    digits = CROCKFORD[((x[:, None] >> (np.uint64(5) * np.arange(9, -1, -1, dtype=np.uint64))) & np.uint64(31))
                       .astype(np.intp)]
    return _grouped(digits, (4, 4, 2))


def _mix64(x: np.ndarray) -> np.ndarray:
    # splitmix64 finaliser; array arithmetic wraps modulo 2**64.
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def vehicles(rng: np.random.Generator, code: np.ndarray, countries: list[str],
             types: dict[str, float]) -> tuple[list[str], np.ndarray]:
    """Pseudonyms (64 hex, stable per vehicle) and vehicle types drawn from `types`; ~3% of stops
    hit frequent vehicles."""
    pool = np.maximum(1, np.round(0.0075 * np.bincount(code)[code])).astype(np.int64)  # frequent vehicles
    draw = rng.integers(0, 2**40, len(code))
    index = np.where(rng.random(len(code)) < 0.03, draw % pool, pool + draw)
    country_key = np.array([int.from_bytes(c.encode().ljust(2, b"_"), "big") for c in countries], dtype=np.uint64)
    keys, inverse = np.unique((country_key[code] << np.uint64(44)) | index.astype(np.uint64), return_inverse=True)
    words = np.stack([_mix64(keys ^ VEHICLE_SALT ^ np.uint64(j)) for j in range(4)], axis=1)
    pseudonyms = np.array(_ascii(_hex(words.view(np.uint8))), dtype=object)[inverse]
    cut = np.cumsum(list(types.values()))
    kind = np.searchsorted(cut, (words[:, 0] % np.uint64(1000)).astype(float) / 1000, side="right")
    return list(pseudonyms), np.array(list(types), dtype=object)[np.minimum(kind, len(cut) - 1)][inverse]
