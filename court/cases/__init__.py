"""Civil cases: filing, acceptance, service, hearings, closing, the term clock and the event log."""
