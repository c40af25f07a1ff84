"""The ``pir-ai`` command line."""
