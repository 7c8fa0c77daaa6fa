"""Render step: the validated catalogue as a static knowledge site (generated Markdown → engine)."""
