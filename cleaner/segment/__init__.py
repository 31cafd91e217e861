"""Stage 2, segment: a capture's text or HTML -> blocks with their source lines, plus the page's declared metadata."""
