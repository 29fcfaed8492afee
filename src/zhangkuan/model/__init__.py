"""Typed records, configuration and findings: the vocabulary shared by io, core and render."""
