"""The monitoring job: poll the feeds, extract claims, append them to the warehouse.

`flow.py` holds the `monitor_feeds` flow (what `claimwatch run` and the monitor-feeds
deployment run); `tasks.py` its Prefect tasks; `fetch.py` the guarded HTTP GET;
`feeds.py` the feed-list file; `progress.py` the terminal progress line;
`reprocess.py` re-extracts stored articles with the current claim engine.

Nothing is imported here, so `flows.monitor.feeds` does not load Prefect.
"""
