"""Court metrics: the engine over the case records, the dashboard and its exports."""
