"""The seed facts of samples/kremlin-drone, by sentence index (counted from 0), in one place.

Every test that needs them reads them here; tests/unit/test_core_seeds.py checks that each
index still points at the sentence it names, so a change of segmentation fails there, once,
with a clear message, instead of as a puzzling failure wherever an index was written out.
"""

from __future__ import annotations

SHEREMET_A = 16
"""A17, Mikhail Sheremet's call for a strike: only in A."""
PODOLYAK_B = 7
"""B8, Mykhailo Podolyak's denial: only in B."""
STATEMENT = (8, 3)
"""A9 <-> B4, the two renderings of the Kremlin statement: a ``same`` link."""
PESKOV = (11, 5)
"""A12 <-> B6, Peskov: a ``same`` link."""
SOBYANIN = (14, 12)
"""A15 <-> B13, Sobyanin's drone ban: linked."""
