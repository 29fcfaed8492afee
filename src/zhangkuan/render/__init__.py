"""Turning report objects into tables, CSV, JSON, YAML, Markdown and XLSX, in English or Chinese."""
