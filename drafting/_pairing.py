"""Pairing the pieces of two versions of a text: which old piece became which new one.

``regenerate`` pairs paragraphs of drafts and ``diff`` pairs sentences; both take, for
each old piece in turn, the likest new piece after the last one paired, if alike enough.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import Optional

__all__ = ["ALIKE", "likeness", "pair_in_order"]

# A paragraph or sentence whose figures changed scores 0.8 and more; unrelated ones about 0.3.
ALIKE = 0.4


def likeness(a: Sequence, b: Sequence) -> float:
    """How alike two texts (or two lists of words) are, from 0 to 1."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def pair_in_order(
    old_count: int, new_count: int, score: Callable[[int, int], float], threshold: float = ALIKE
) -> list[Optional[int]]:
    """For each old index, the new index it pairs with (None: none alike enough).

    Pairs keep their order: each old piece looks only after the last new piece paired,
    and of equally alike pieces takes the first.
    """
    out: list[Optional[int]] = []
    start = 0
    for i in range(old_count):
        best, best_score = None, -1.0
        for j in range(start, new_count):
            current = score(i, j)
            if current > best_score:
                best, best_score = j, current
        if best is not None and best_score >= threshold:
            out.append(best)
            start = best + 1
        else:
            out.append(None)
    return out
