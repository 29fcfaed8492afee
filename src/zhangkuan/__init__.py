"""zhangkuan (账款): advance-receipt refunds and receivables collection over plain files."""

__version__ = "0.1.0"
