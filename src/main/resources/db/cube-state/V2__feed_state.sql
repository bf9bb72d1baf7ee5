-- The feeds' state, one row per feed: the JSON a file store keeps in data/<feed>.state.json, and its version for the
-- optimistic check (a save succeeds only on the version it loaded). saved_by names the instance that saved it last.
CREATE TABLE IF NOT EXISTS cube_feed_state
(
  feed_id  VARCHAR(255) PRIMARY KEY,
  version  BIGINT       NOT NULL,
  state    TEXT         NOT NULL
);
ALTER TABLE cube_feed_state ADD COLUMN IF NOT EXISTS saved_at TIMESTAMPTZ;
ALTER TABLE cube_feed_state ADD COLUMN IF NOT EXISTS saved_by VARCHAR(200);
-- The Kafka page going out now (its record versions, 20 bytes each) and when it began (epoch ms): set before the page
-- is sent, cleared by its checkpoint. A run that finds it set knows its predecessor stopped mid-page, and reads the
-- topic to find which of those records arrived.
ALTER TABLE cube_feed_state ADD COLUMN IF NOT EXISTS pending BYTEA;
ALTER TABLE cube_feed_state ADD COLUMN IF NOT EXISTS pending_since BIGINT;

-- A Kafka run's checkpoints since the last save: each acknowledged page's record versions (20 bytes each: key,
-- version, epoch day), under the state version it moved the row to. Loading replays them; the next save folds them
-- into the row and deletes them. A checkpoint costs its page, not the whole state.
CREATE TABLE cube_feed_journal
(
  feed_id  VARCHAR(255) NOT NULL REFERENCES cube_feed_state (feed_id) ON DELETE CASCADE,
  version  BIGINT       NOT NULL,
  entries  BYTEA        NOT NULL,
  PRIMARY KEY (feed_id, version)
);

-- Earlier versions kept the state table in the connection's default schema (public): carry its rows over once.
DO $$
BEGIN
  IF current_schema() <> 'public' AND EXISTS (SELECT 1 FROM information_schema.tables
                                             WHERE table_schema = 'public' AND table_name = 'cube_feed_state') THEN
    INSERT INTO cube_feed_state (feed_id, version, state)
    SELECT feed_id, version, state FROM public.cube_feed_state
    ON CONFLICT (feed_id) DO NOTHING;
  END IF;
END $$;
