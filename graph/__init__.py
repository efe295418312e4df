"""The Neo4j layer: repositories over a ``neo4j.Driver``. Nothing here imports Flask."""
