"""Everything one index holds, as one value: swapped whole on a rebuild or a compaction, so
a reader that took it keeps a consistent set of arrays."""
from __future__ import annotations

from dataclasses import dataclass

from graph.index.affiliations import Affiliations
from graph.index.friend_graph import FriendGraph
from graph.index.jobs import JobTable


@dataclass
class Snapshot:
    """The friendship graph, open jobs and current employers, and members' companies
    (current or past), schools and skills. Member numbers are the graph's dense numbers."""

    graph: FriendGraph
    jobs: JobTable
    companies: Affiliations
    schools: Affiliations
    skills: Affiliations

    def affiliations(self) -> tuple[Affiliations, Affiliations, Affiliations]:
        return self.companies, self.schools, self.skills

    def nbytes(self) -> int:
        """Bytes held by the arrays (overlays are small and not counted)."""
        return self.graph.nbytes() + self.jobs.nbytes() + sum(
            a.nbytes() for a in self.affiliations())
