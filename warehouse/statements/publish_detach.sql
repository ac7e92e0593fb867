DETACH claimwatch_snapshot;
