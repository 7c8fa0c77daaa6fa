"""Imports: turn tables, publiccode.yml files and issue forms into ordinary entry files.

Every importer builds *candidates* (field values plus where each came from) and hands them
to ``entries.check_batch``, which validates them with the real models and reference data,
resolves references against the existing entries and the other candidates, and refuses to
overwrite an existing entry unless asked. ``entries.write_entries`` writes only when every
candidate is valid (or the caller chose to skip the invalid ones).
"""
