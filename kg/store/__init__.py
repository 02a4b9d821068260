"""Where the graph lives: loading Turtle files, the parsed-dataset cache and the backends
(rdflib in memory, pyoxigraph, a remote SPARQL endpoint)."""
