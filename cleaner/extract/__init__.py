"""Stage 4, extract: the kept blocks -> the article body and its fields (dateline, credits, bylines, dates, Unicode repair)."""
