"""The case data interchange (docs/interchange.md): CSV parsing and validation, import and export.

`parse` reads and checks the two files without writing anything, `importer.cases_import` loads them
all-or-nothing with bulk writes, `exporter` streams cases and periods back out with the term ledger.
"""
