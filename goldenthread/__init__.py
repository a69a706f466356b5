"""goldenthread: run a partnership plan and report on it."""
