"""Colour helpers on '#rrggbb' / '#rrggbbaa' strings (no Qt)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def parse_color(color: str) -> tuple[float, float, float, float]:
    """'#rrggbb' or '#rrggbbaa' -> (r, g, b, a), each 0.0..1.0."""
    value = color.lstrip("#")
    if len(value) not in (6, 8):
        raise ValueError(f"not a colour: {color!r}")
    channels = [int(value[i : i + 2], 16) / 255.0 for i in range(0, len(value), 2)]
    if len(channels) == 3:
        channels.append(1.0)
    return channels[0], channels[1], channels[2], channels[3]


@lru_cache(maxsize=1024)
def relative_luminance(color: str) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b, _ = parse_color(color)
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast between two colours: 1 (the same) to 21 (black on white)."""
    a, b = relative_luminance(first), relative_luminance(second)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


@lru_cache(maxsize=4096)
def readable_text_color(fill: str, light_text: str, dark_text: str) -> str:
    """Whichever of the two text colours reads better on `fill` (WCAG contrast)."""
    return light_text if contrast_ratio(light_text, fill) >= contrast_ratio(dark_text, fill) else dark_text


@lru_cache(maxsize=4096)
def accent_on(fill: str, accent: str, fallback: str) -> str:
    """`accent` when it stands out on `fill` (contrast 3:1, enough for bold small text and icons),
    else `fallback` (the card's text colour): a blue channel label on a blue card stays legible."""
    return accent if contrast_ratio(accent, fill) >= 3.0 else fallback


@lru_cache(maxsize=4096)
def mix(color: str, other: str, amount: float) -> str:
    """`color` moved `amount` (0..1) of the way towards `other`, as '#rrggbb'."""
    a, b = parse_color(color), parse_color(other)
    return "#" + "".join(f"{round((x + (y - x) * amount) * 255):02x}" for x, y in zip(a[:3], b[:3], strict=True))
