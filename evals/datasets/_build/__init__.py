"""Builders of the hand-written eval bundles and the example (``python -m evals.datasets._build``).

The bundles' files are committed; these scripts regenerate them byte for byte, so a story
can be edited here and rewritten instead of hand-editing vendor JSON.
"""
