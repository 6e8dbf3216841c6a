"""Where a contract sends a dotted name: one prefix step, and the final destination.

What a contract means, stated once:
- Each rename key and each deprecated module is a *route*: a name at or under `old` moves to the
  same place under `new` (`old.rest` -> `new.rest`).
- Each canonical module is a *stop*: a name at or under it stays, unless a longer route under it
  says otherwise. So a package deprecated in favour of one of its own submodules
  (`deprecated = ["pkg.sub"]`, `canonical = "pkg.sub.inner"`) moves `pkg.sub.X` to
  `pkg.sub.inner.X`, and `pkg.sub.inner.X` does not move.
- The most specific (longest) route or stop decides; at equal length a rename beats a module.

Every lookup is bounded by construction, not by a seen-set. When the table is built, the chain
of moves from each route's own name is followed at most `limit` (twice the routes, plus two)
steps; a chain still moving then is a cycle, which config reports as an error. The chain of any
other name `old.rest` follows the chain of `old` with `rest` appended until a longer route takes
one or more parts of `rest`, and then starts over with a shorter rest: so `settle` never needs more
than `(len(parts) + 1) * (limit + 1)` steps, and it takes no more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

__all__ = ["Route", "RouteTable"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Route(Generic[T]):
    """One configured entry: `old` (a renamed name or a deprecated module) and where it goes."""

    old: str
    new: str
    whole_module: bool
    #: what configured it (the contract); passed through untouched.
    owner: T


@dataclass
class RouteTable(Generic[T]):
    """Routes and stops; building it finds every cycle."""

    routes: dict[str, Route[T]]
    stops: frozenset[str]
    #: each cycle once, as the route keys on it in the order they are taken.
    cycles: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def limit(self) -> int:
        """The most steps a non-circular chain from a route's own name may take."""
        return 2 * len(self.routes) + 2

    @classmethod
    def build(cls, routes: dict[str, Route[T]], stops: frozenset[str]) -> RouteTable[T]:
        table = cls(routes, stops)
        for key in sorted(routes):
            taken = table._walk(key, table.limit)
            if len(taken) >= table.limit:
                table._record(taken)
        return table

    def step(self, qualname: str) -> tuple[Route[T], list[str]] | None:
        """The route of the longest prefix of `qualname` and the parts after it; None when the
        longest configured prefix is a stop, or nothing matches."""
        decided = self.decide(qualname)
        return None if decided is True else decided

    def decide(self, qualname: str) -> tuple[Route[T], list[str]] | Literal[True] | None:
        """As `step`, but True when the longest configured prefix is a stop (None: nothing
        configured matches, so what the project binds there may still lead somewhere)."""
        parts = qualname.split(".")
        for cut in range(len(parts), 0, -1):
            prefix = ".".join(parts[:cut])
            route = self.routes.get(prefix)
            if route is not None:
                return route, parts[cut:]
            if prefix in self.stops:
                return True
        return None

    def settle(self, qualname: str) -> str:
        """Where `qualname` finally lands (itself when nothing moves it)."""
        for _ in range((qualname.count(".") + 2) * (self.limit + 1)):
            hit = self.step(qualname)
            if hit is None:
                break
            route, rest = hit
            qualname = ".".join([route.new, *rest])
        return qualname

    def _walk(self, qualname: str, limit: int) -> list[str]:
        """The route keys the chain from `qualname` takes, at most `limit` of them."""
        taken: list[str] = []
        while len(taken) < limit and (hit := self.step(qualname)) is not None:
            route, rest = hit
            taken.append(route.old)
            qualname = ".".join([route.new, *rest])
        return taken

    def _record(self, taken: list[str]) -> None:
        """The repeating tail of an endless chain, once per set of routes."""
        last = taken[-1]
        previous = len(taken) - 2 - taken[-2::-1].index(last) if last in taken[:-1] else -1
        cycle = tuple(dict.fromkeys(taken[previous + 1:]))
        if not any(set(cycle) == set(seen) for seen in self.cycles):
            self.cycles.append(cycle)
