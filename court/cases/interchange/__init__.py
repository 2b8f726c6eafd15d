"""The case data interchange (docs/interchange.md): CSV parsing and validation, import and export.

`columns` is the one table of the columns and how each maps to a case (read by parse, import, export and
triage); `csvfile` reads a CSV file cell by cell, `parse` checks the rows of the two files without writing
anything. `importer.cases_import` loads them all-or-nothing: `validate` checks everything and measures each
case's term, `write` writes with bulk statements, `plan` holds what the two passes share. A clean file of new
cases takes the bulk path instead (`bulk`, checked a column at a time by `bulkcheck`, written in one pass),
which hands anything else back to the row-by-row path. Both write through `rowwriter` (COPY on PostgreSQL,
executemany on SQLite). `exporter` streams cases and periods back out with the term ledger.
"""
