-- Migration 1: identity (tars.md §3). Portable SQL run unchanged on SQLite and PostgreSQL,
-- except the token {{BYTES}} for binary columns (see migrations.h). Times are BIGINT
-- milliseconds since the Unix epoch, UTC; lists are JSON arrays of strings in TEXT; flags are
-- INTEGER 0/1. docs/STORE.md explains.

CREATE TABLE users (
  user_id       TEXT    NOT NULL PRIMARY KEY,
  username      TEXT    NOT NULL,
  email         TEXT,
  password_hash TEXT    NOT NULL,
  roles         TEXT    NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL
);
CREATE UNIQUE INDEX users_username_ci ON users (lower(username));

CREATE TABLE refresh_families (
  family_id     TEXT   NOT NULL PRIMARY KEY,
  user_id       TEXT   NOT NULL REFERENCES users (user_id),
  current_jti   TEXT   NOT NULL,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL,
  expires_at    BIGINT NOT NULL,
  revoked_at    BIGINT,
  revoke_reason TEXT
);
CREATE INDEX refresh_families_user ON refresh_families (user_id);
CREATE INDEX refresh_families_expires ON refresh_families (expires_at);

CREATE TABLE refresh_tokens (
  jti       TEXT   NOT NULL PRIMARY KEY,
  family_id TEXT   NOT NULL REFERENCES refresh_families (family_id) ON DELETE CASCADE,
  issued_at BIGINT NOT NULL,
  used_at   BIGINT
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE denied_jtis (
  jti        TEXT   NOT NULL PRIMARY KEY,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT NOT NULL
);
CREATE INDEX denied_jtis_expires ON denied_jtis (expires_at);

-- The revocation feed. Its head row is updated by every append, so appends serialise on it and
-- seq order is commit order.
CREATE TABLE revocation_head (
  id  INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  seq BIGINT  NOT NULL
);
INSERT INTO revocation_head (id, seq) VALUES (1, 0);

CREATE TABLE revocation_changes (
  seq        BIGINT NOT NULL PRIMARY KEY,
  kind       TEXT   NOT NULL CHECK (kind IN ('jti', 'family', 'api_key', 'signing_key')),
  subject_id TEXT   NOT NULL,
  expires_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX revocation_changes_expires ON revocation_changes (expires_at);

CREATE TABLE api_keys (
  key_id                 TEXT      NOT NULL PRIMARY KEY,
  service_name           TEXT      NOT NULL,
  secret_sha256          {{BYTES}} NOT NULL,
  scopes                 TEXT      NOT NULL,
  created_at             BIGINT    NOT NULL,
  created_by             TEXT      NOT NULL,
  expires_at             BIGINT,
  last_used_at           BIGINT,
  revoked_at             BIGINT,
  rotated_at             BIGINT,
  previous_secret_sha256 {{BYTES}},
  previous_valid_until   BIGINT
);
-- A service name is unique among keys that are not revoked.
CREATE UNIQUE INDEX api_keys_active_service_ci ON api_keys (lower(service_name))
  WHERE revoked_at IS NULL;
CREATE INDEX api_keys_listing ON api_keys (created_at, key_id);

CREATE TABLE signing_keys (
  kid          TEXT      NOT NULL PRIMARY KEY,
  algorithm    TEXT      NOT NULL,
  key_material {{BYTES}} NOT NULL,
  status       TEXT      NOT NULL CHECK (status IN ('current', 'verify_only', 'revoked')),
  created_at   BIGINT    NOT NULL,
  retired_at   BIGINT,
  verify_until BIGINT,
  revoked_at   BIGINT
);
-- Exactly one key signs: the database refuses a second current key.
CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys (status) WHERE status = 'current';

-- The audit chain head: appends lock this row (PostgreSQL) and it records the last seq and hash,
-- so deleting the newest events is detected.
CREATE TABLE audit_head (
  id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  seq  BIGINT  NOT NULL,
  hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_events (
  seq         BIGINT NOT NULL PRIMARY KEY,
  event_id    TEXT   NOT NULL UNIQUE,
  ts          BIGINT NOT NULL,
  event_type  TEXT   NOT NULL,
  outcome     TEXT   NOT NULL,
  actor_type  TEXT   NOT NULL,
  actor_id    TEXT,
  source_ip   TEXT,
  request_id  TEXT,
  target_type TEXT,
  target_id   TEXT,
  details     TEXT   NOT NULL,
  prev_hash   TEXT   NOT NULL,
  hash        TEXT   NOT NULL
);
CREATE INDEX audit_events_type ON audit_events (event_type, seq);
CREATE INDEX audit_events_actor ON audit_events (actor_id, seq);
CREATE INDEX audit_events_ts ON audit_events (ts);
