"""Pure extraction: values in, values out. No network, database, clock or environment."""
