"""The documents the court issues (受理通知书, 传票, 裁定书 …): administrator-editable, versioned templates rendered to
PDF with the embedded CJK font, filed into the case file and, in the same step, served through the service machine.

A higher layer than `court.cases`: it calls the case services and access; nothing in `court.cases` imports it.
"""
