"""The use cases both faces call: see docs/architecture.md."""
