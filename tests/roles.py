"""The order of the staff roles, as the route matrices expect it: a role passes
every check a lower one passes. The app itself checks roles by name
(``contest.access``), so this table lives with the tests that judge it."""

ROLE_RANK = {"contestant": 0, "unit_manager": 1, "organizer": 2, "admin": 3}
