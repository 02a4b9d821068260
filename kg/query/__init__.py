"""Asking the graph: named queries and their safe parameter binding, label resolution,
result tables and the read-only SPARQL guard."""
