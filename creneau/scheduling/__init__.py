"""Scheduling: the pure Python availability engine (no Django), see ``engine.py``."""
