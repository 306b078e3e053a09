"""Stage 7: asymmetry between two entities.

``asymmetry(a, b) = (a - b) / (a + b)`` on non-negative rates: +1 when only A
has the signal, -1 when only B has it, 0 when equal.  Undefined (None) when
both are zero or either rate is undefined (an entity with no words): no
evidence either way is not the same as balance.  Swapping A and B flips the sign.
"""

from __future__ import annotations


def asymmetry(a: float | None, b: float | None) -> float | None:
    """Normalized difference of two non-negative numbers, or None when undefined."""
    if a is None or b is None:
        return None
    total = a + b
    if total == 0:
        return None
    return (a - b) / total
