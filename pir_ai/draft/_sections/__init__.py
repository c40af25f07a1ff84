"""Model drafting, section by section: schemas, requests, checks, map-reduce, generation.

``pir_ai.draft._model.adraft_with_model`` ties these together; ``pir_ai.draft._api`` is
the public entry point.
"""
