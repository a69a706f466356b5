"""Update rounds: asking every action lead for progress before a deadline."""
