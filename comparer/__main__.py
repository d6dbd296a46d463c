"""python -m comparer"""

from comparer.cli import run

run()
