"""smartregio: a static open-data publishing site for digital solutions of German municipalities."""

__version__ = "0.1.0"
