"""The command line: one module per command group, each only parsing options and rendering."""
