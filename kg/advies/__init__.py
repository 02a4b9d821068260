"""Advice: which interventions fit, judged against the checklist for fitting support (seed 001,
l. 25–42), every judgement with the claims, documents and lines behind it.

The rules live as SPARQL under ``queries/toets/`` (one per criterion, with a header that says in
words what counts as evidence) and ``queries/advies/`` (candidates, the blanket claim, boosters
on a domain); this package runs them, combines rows into verdicts, filters and ranks.
"""
