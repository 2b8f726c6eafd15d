"""Mediation before and during a suit (诉源治理): the chain's pre-filing mediations (民诉前调), agreements signed online,
judicial confirmation (民特), court-annexed and entrusted mediation, online sessions and statements."""
