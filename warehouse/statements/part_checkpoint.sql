CHECKPOINT claimwatch_part;
