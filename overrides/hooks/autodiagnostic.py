"""Placeholder: filled in by the autodiagnostic work."""
