"""Renderings of a ``Postmortem``: Markdown here, JSON through ``Postmortem.to_json``."""

from pir_ai.render.markdown import render_markdown

__all__ = ["render_markdown"]
