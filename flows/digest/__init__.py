"""The digest job: mail the claims new since the last digest.

`flow.py` holds the `send_digest` flow (what `claimwatch digest` and the send-digest
deployment run); `wording.py` what a digest says; `render.py` its text, HTML and
`EmailMessage`; `chart.py` the weekly PNG chart; `mail.py` SMTP.

Nothing is imported here, so the pure modules do not load Prefect.
"""
