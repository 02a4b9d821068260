"""The typed domain objects (interventions, theories, life domains, sources …), their index,
and the mixin that gives KnowledgeGraph get/interventions/theories/…."""
