"""The networkx view of the graph, its analyses (path, similar, central, communities), the
mixin that gives KnowledgeGraph those calls, and Graphviz pictures."""
