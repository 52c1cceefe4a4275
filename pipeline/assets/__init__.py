"""Thin Dagster assets over the plain stage functions, grouped ingest → parse → core → publish."""
