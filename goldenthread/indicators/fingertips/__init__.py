"""OHID Fingertips: its "all data" exports read as published, and written back.

``columns`` recognises an export by its header in any of its spellings, ``importing``
keeps everything in it (indicators, areas with their types and parents, breakdowns,
periods, values and limits as published), ``writing`` writes goldenthread's values in
the same shape with its own judgements, and ``api`` fetches exports from Fingertips.
"""
