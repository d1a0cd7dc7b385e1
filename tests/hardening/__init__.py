"""Hardening: a bad-input corpus run through every command that reads a file."""
