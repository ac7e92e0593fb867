"""Figures (claims reporting the same quantity) for people: `text.py` what
`claimwatch figures` prints, `page.py` the HTML page of `--html`, `chart.py` each
figure's timeline (matplotlib, imported only when a page is drawn)."""
