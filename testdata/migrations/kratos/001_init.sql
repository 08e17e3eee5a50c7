-- The shape of kratos's schema: every table is scoped by the network id.
CREATE TABLE networks (id uuid PRIMARY KEY, created_at timestamp, updated_at timestamp);
CREATE TABLE identities (
    id uuid PRIMARY KEY,
    nid uuid NOT NULL REFERENCES networks (id),
    state text,
    created_at timestamp,
    updated_at timestamp
);
CREATE TABLE identity_verifiable_addresses (
    id uuid PRIMARY KEY,
    identity_id uuid NOT NULL,
    nid uuid NOT NULL,
    value text,
    created_at timestamp,
    updated_at timestamp
);
CREATE TABLE sessions (
    id uuid PRIMARY KEY,
    nid uuid NOT NULL,
    identity_id uuid NOT NULL,
    issued_at timestamp,
    created_at timestamp,
    updated_at timestamp
);
