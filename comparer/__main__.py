"""python -m comparer"""

from comparer.signals import launch

launch()
