"""Members: accounts, profiles, skills, positions and education.
Owns ``Person`` and its positions, schools, skills and photo id; ``new_id`` makes public ids."""

from graph.people.members import PersonRepository, new_id
from graph.people.photos import PhotoRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "people": PersonRepository,
    "photos": PhotoRepository,
}

__all__ = ["REPOSITORIES", "PersonRepository", "PhotoRepository", "new_id"]
