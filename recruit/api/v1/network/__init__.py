"""The member's network: friends, degrees and people (``people``), people you may know
and circles (``contacts``), address-book and follow-list imports (``contact_imports``)."""
from . import contact_imports, contacts, people

BLUEPRINTS = (people.blp, contacts.blp, contact_imports.blp)
