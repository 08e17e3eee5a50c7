-- +goose Up
-- Accounts became members when invitations arrived: an invited member has
-- no email yet, and every member has a display name.
ALTER TABLE accounts RENAME TO members;
ALTER TABLE members RENAME COLUMN nickname TO display_name;
ALTER TABLE members DROP COLUMN legacy_code;
ALTER TABLE members ADD COLUMN role text NOT NULL DEFAULT 'member';
ALTER TABLE members ALTER COLUMN email DROP NOT NULL;
UPDATE members SET display_name = email WHERE display_name IS NULL;
ALTER TABLE members ALTER COLUMN display_name SET NOT NULL;

-- Emails are unique per tenant regardless of case.
ALTER TABLE members DROP CONSTRAINT accounts_tenant_email;
CREATE UNIQUE INDEX members_tenant_lower_email ON members (tenant_id, lower(email));
CREATE INDEX members_lower_display_name ON members (lower(display_name));

ALTER TABLE tenants RENAME COLUMN slug TO handle;

-- +goose Down
ALTER TABLE tenants RENAME COLUMN handle TO slug;
DROP INDEX members_lower_display_name;
DROP INDEX members_tenant_lower_email;
ALTER TABLE members ADD CONSTRAINT accounts_tenant_email UNIQUE (tenant_id, email);
ALTER TABLE members ALTER COLUMN display_name DROP NOT NULL;
ALTER TABLE members ALTER COLUMN email SET NOT NULL;
ALTER TABLE members DROP COLUMN role;
ALTER TABLE members ADD COLUMN legacy_code text UNIQUE;
ALTER TABLE members RENAME COLUMN display_name TO nickname;
ALTER TABLE members RENAME TO accounts;
