"""Boards, their members, cycles and meetings."""
