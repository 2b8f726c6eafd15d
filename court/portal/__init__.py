"""The parties' online court (issue 10): accounts and identity (OLR 7), lawyers filing for a named client, and
parties joining their case with the code printed on the documents served on them.

A higher layer: it calls down into `court.cases` and `court.org`, which know nothing of it.
"""
