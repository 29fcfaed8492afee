"""Files in and out: readers that turn a books directory into ``Books`` plus findings
(``loader.load_books``), atomic writers and appenders (``atomic``), and ``init``'s scaffold.

Kept free of imports so that importing one module (the CLI imports lazily) costs only that
module.
"""
