"""Guided filing (网上立案, OLR 9) in steps, saved on the server as the filer types: `steps` (what each step
asks and how it is checked: the case forms' own rules, split by step), `drafts` (the drafts service: start, save
with a version, evidence files, idempotent submission), `views` (the pages, the autosave and the cause search)."""
