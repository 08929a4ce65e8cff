"""Benchmark data: apps register a seeder that bulk-inserts deterministic records at a given scale, and
``manage.py seed_bench --scale S|M`` runs them in order (the benchmark in ``bench/`` calls it).

A seeder is ``fn(scale: BenchScale, rng: random.Random, stdout) -> dict[str, int]`` (what it created). It
uses bulk inserts, never the services: the point is volume, not the journey, and the records it makes are
marked as benchmark data (their authors' addresses end in ``@bench.example.org``) so a second run
replaces them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["BENCH_DOMAIN", "SCALES", "BenchScale", "bench_seeders", "register_bench_seeder"]

BENCH_DOMAIN = "bench.example.org"


@dataclass(frozen=True)
class BenchScale:
    name: str
    users: int
    reports: int
    documents: int
    pledges: int
    index_rows: int  # rows of the hub's search index (knowledge), when the hub seeds it


SCALES = {
    "M": BenchScale("M", users=1_000, reports=20_000, documents=60_000, pledges=5_000, index_rows=200_000),
    "S": BenchScale("S", users=100, reports=2_000, documents=6_000, pledges=500, index_rows=20_000),
    # a few records, for tests of the seeders themselves
    "XS": BenchScale("XS", users=10, reports=40, documents=60, pledges=12, index_rows=200),
}

_SEEDERS: list[tuple[int, str, Callable]] = []


def register_bench_seeder(name: str, fn: Callable, *, order: int = 100) -> None:
    if any(existing == name for _, existing, _ in _SEEDERS):
        return
    _SEEDERS.append((order, name, fn))
    _SEEDERS.sort(key=lambda item: (item[0], item[1]))


def bench_seeders() -> list[tuple[str, Callable]]:
    return [(name, fn) for _, name, fn in _SEEDERS]
