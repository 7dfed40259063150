"""Prizes: prize groups (bảng), the provisional winners of a round, the
organizer's verification, and the published list."""
