"""The demo network: deterministic data (pure) and the loaders that write it through Neo4j and
through the app's repositories. Not part of the data layer."""
