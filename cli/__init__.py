"""The armoede-kg command line (installed as kg.cli)."""
