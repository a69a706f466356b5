"""Pages, fragments and evaluations cached by the partnership's data version (keys.py)."""
