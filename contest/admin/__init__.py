"""The organizer console: setting up contests, rounds and prize groups,
managing accounts, reading the audit log. It sits above the domains it
configures and reads: whether a round may be reopened or its settings changed
depends on the attempts already made and on what the draw can still ask, and an
account's page lists that person's attempts and audit trail."""
