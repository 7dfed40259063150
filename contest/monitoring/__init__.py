"""Watching an open round: the live dashboard and the errors the app logged."""
