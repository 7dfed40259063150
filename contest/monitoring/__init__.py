"""Watching an open round: the live dashboard and the errors the app logged; and
the figures an operator's Prometheus reads at ``/metrics``."""
