"""Ansökan: a chat-style terminal assistant for funding applications to samordningsförbund."""

__version__ = "0.1.0"
