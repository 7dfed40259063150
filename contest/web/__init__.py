"""The web layer's app-wide wiring: request hooks and template helpers, registered
by the factory (never by a blueprint, whose setup adds its own routes only)."""
