-- The schema of the SigNoz advisory GHSA-h37r-3qfp-73w6: rules belong to an
-- organization by org_id.
CREATE TABLE organizations (id text PRIMARY KEY, name text NOT NULL);
CREATE TABLE rules (
    id text PRIMARY KEY,
    org_id text NOT NULL REFERENCES organizations (id),
    data text NOT NULL,
    updated_at timestamptz
);
