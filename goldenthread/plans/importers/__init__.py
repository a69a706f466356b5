"""Importers read documents partnerships already have into the plan."""
