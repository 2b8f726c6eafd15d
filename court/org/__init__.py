"""The court's organisation: courts, divisions, tribunals, trial teams and the people who work in them."""
