"""Pure calculations over typed records: no files, clock, terminal or environment in here."""
