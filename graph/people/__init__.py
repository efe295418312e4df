"""Members: accounts, profiles, skills, positions and education.
Owns ``Person`` and its positions, schools and skills; ``new_id`` makes public ids."""

from graph.people.members import PersonRepository, new_id

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "people": PersonRepository,
}

__all__ = ["REPOSITORIES", "PersonRepository", "new_id"]
