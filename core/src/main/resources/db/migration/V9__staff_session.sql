-- Signed-in console sessions (docs/decisions/0005). Rows, not memory, so that a session survives a
-- restart and any node behind a load balancer can check it.

CREATE TABLE staff_session (
  -- SHA-256 of the random token in the cookie: a copy of this table cannot be used to sign in.
  token_hash    bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
  user_id       int NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
  -- Sent back in X-CSRF-Token on every write; useless without the cookie.
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz NOT NULL DEFAULT now(),
  -- The earlier of last use + idle timeout and creation + the longest a session may live.
  expires_at    timestamptz NOT NULL
);
CREATE INDEX staff_session_expires ON staff_session (expires_at);
CREATE INDEX staff_session_user ON staff_session (user_id);
