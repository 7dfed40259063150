"""A unit's staff list: the people the unit employs, uploaded by the organizer or
the unit's manager, so the unit's page can name who has not registered yet."""
