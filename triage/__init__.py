"""Triage: routing each new case to small claims, simple or ordinary procedure, with reasons."""
