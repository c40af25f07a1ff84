"""Model drafting, section by section: schemas, requests, checks, map-reduce, generation.

``pir_ai.model_draft.adraft_with_model`` ties these together; ``pir_ai.drafting`` is
the public entry point.
"""
