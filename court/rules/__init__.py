"""Pure legal rules of PRC civil procedure: terms, periods, fees, case numbers, procedure choice.

No Django imports here: every rule is a plain function tested against the article it encodes.
"""
