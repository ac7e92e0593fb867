-- Open the read copy's temporary file beside the warehouse (publish.py).
ATTACH $path AS claimwatch_snapshot;
