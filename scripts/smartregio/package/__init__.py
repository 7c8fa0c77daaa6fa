"""Compile step: the validated catalogue as a Frictionless data package (CSV + datapackage.json)."""
