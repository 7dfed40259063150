"""Certificates of participation and of prizes, and their public verification."""
