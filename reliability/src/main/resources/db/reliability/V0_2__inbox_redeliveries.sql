-- How many times each handled event came again and was dropped, so the duplicates a consumer
-- dropped survive its restarts (the redelivery drill kills consumers on purpose).
ALTER TABLE inbox ADD COLUMN redeliveries INTEGER DEFAULT 0 NOT NULL;
