"""Probes for a load balancer or an orchestrator: is the process alive, is it ready."""
