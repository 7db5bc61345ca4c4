"""Placeholder: filled in by the skills_framework work."""
