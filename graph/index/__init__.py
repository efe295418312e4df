"""The in-memory network index: the friendship graph in compact arrays beside Neo4j (the system
of record), kept current by a change log that writes record in their own transactions."""

from graph.index.live import NetworkIndex

__all__ = ["NetworkIndex"]
