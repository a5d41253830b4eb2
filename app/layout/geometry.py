"""Rectangles and points in layout units (points, y grows downwards)."""

from typing import NamedTuple, Self


class Rect(NamedTuple):
    """An axis-aligned rectangle: top-left corner, width and height (a named tuple: immutable, compared by value)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center_x(self) -> float:
        return self.x + self.width / 2

    @property
    def center_y(self) -> float:
        return self.y + self.height / 2

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom

    def intersects(self, other: Self) -> bool:
        return not (other.x >= self.right or other.right <= self.x or other.y >= self.bottom or other.bottom <= self.y)

    def inset(self, dx: float, dy: float | None = None) -> Self:
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, max(0.0, self.width - 2 * dx), max(0.0, self.height - 2 * dy))

    def translated(self, dx: float, dy: float) -> Self:
        return Rect(self.x + dx, self.y + dy, self.width, self.height)

    def united(self, other: Self) -> Self:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)
