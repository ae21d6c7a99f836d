"""msht: one system for a prosecution service's response to modern slavery and human trafficking."""

__version__ = "0.1.0"
