"""Fanjian: the court project (settings, URLs) and its case-management apps."""
