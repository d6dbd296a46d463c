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
LEXICAL_LINKS = ((0, 0), (0, 1), (1, 2), (8, 3), (10, 4), (11, 5), (14, 12))
"""The sentence pairs the lexical alignment links on the samples: the meaning-aware one keeps them."""
MEANING_LINKS = ((7, 1), (2, 13), (12, 14), (3, 0), (1, 13), (10, 1))
"""Links a careful reader makes that share few words (issue 14): A8/B2 no evidence presented /
provided, A3/B14 no casualties / no victims, A13/B15 Putin safe / not injured, A4/B1 the video of
smoke over the Kremlin, A2/B14 no damage, A11/B2 the right to respond."""
MEANING_LINKS_FOUND = ((7, 1), (3, 0), (10, 1))
"""Those of ``MEANING_LINKS`` the meaning-aware alignment finds (A8/B2, A4/B1, A11/B2): a refit
must keep them."""
