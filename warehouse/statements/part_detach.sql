DETACH claimwatch_part;
