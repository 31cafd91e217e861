"""Pages to look at instead of read: ``explain --html`` (one capture with every decision on it)
and ``clean-corpus report`` (a run's figures as charts).

Every page is one self-contained HTML file: inline CSS, a little inline JS for filters, inline
SVG charts, no URL outside the file, so it opens from disk, mails as an attachment and prints.
"""
