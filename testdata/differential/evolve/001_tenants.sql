-- +goose Up
CREATE ROLE app_user NOLOGIN;

CREATE TABLE tenants (
    id         uuid PRIMARY KEY,
    slug       text NOT NULL UNIQUE,
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email       varchar(320) NOT NULL CHECK (email <> ''),
    nickname    text,
    legacy_code text UNIQUE,
    CONSTRAINT accounts_tenant_email UNIQUE (tenant_id, email)
);

ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON accounts TO app_user
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- +goose Down
DROP POLICY tenant_isolation ON accounts;
ALTER TABLE accounts DISABLE ROW LEVEL SECURITY;
DROP TABLE accounts;
DROP TABLE tenants;
DROP ROLE app_user;
