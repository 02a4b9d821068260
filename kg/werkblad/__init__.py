"""Werkbladen: documents and their interventions from YAML/CSV worksheets into the graph
(reader, mapping to triples, deterministic Turtle, export, diff, release)."""
