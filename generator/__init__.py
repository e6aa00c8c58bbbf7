"""Paper Atlas: sources → records → taxonomy → pages → site."""

__version__ = "0.1.0"
