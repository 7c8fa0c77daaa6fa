"""Publish step: the package in every format reusers ask for, DCAT-AP.de, releases, feeds."""
