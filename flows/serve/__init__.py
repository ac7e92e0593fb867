"""`claimwatch serve`: the scheduled deployments on one machine.

`deployments.py` says what is served and when (the crons of prefect.yaml);
`server.py` starts and stops the local Prefect API server they need.
"""
