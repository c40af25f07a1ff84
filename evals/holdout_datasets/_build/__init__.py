"""Builders for the holdout bundles (see ../README.md).

Run: python -m evals.holdout_datasets._build
"""
