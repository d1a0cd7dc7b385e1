"""The terminal face of Ansökan (Textual). Nothing here is imported by `assistant.core`."""
