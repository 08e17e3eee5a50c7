-- migrate:up
-- Column defaults as PostgreSQL keeps them (pg_attrdef): DEFAULT, serial,
-- generated columns, and how LIKE, inheritance and partitions pass them on.
CREATE TABLE orders (
    tenant_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000'::uuid,
    id bigserial,
    total int DEFAULT 0,
    doubled int GENERATED ALWAYS AS (total * 2) STORED,
    ident int GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (tenant_id, id)
);
CREATE TABLE invoices (tenant_id uuid NOT NULL DEFAULT current_setting('app.tenant_id')::uuid, id bigint);
ALTER TABLE invoices ALTER COLUMN id SET DEFAULT 0;
ALTER TABLE invoices ALTER COLUMN id DROP DEFAULT;

CREATE TABLE lines (LIKE orders);
CREATE TABLE lines_all (LIKE orders INCLUDING ALL);
CREATE TABLE lines_generated (LIKE orders INCLUDING GENERATED);
ALTER TABLE lines_all ALTER COLUMN doubled DROP EXPRESSION;

CREATE TABLE events (tenant_id uuid NOT NULL, id bigint) PARTITION BY LIST (tenant_id);
CREATE TABLE events_a PARTITION OF events FOR VALUES IN ('00000000-0000-0000-0000-000000000001');
ALTER TABLE events ADD COLUMN kind text DEFAULT 'x';
ALTER TABLE events ALTER COLUMN tenant_id SET DEFAULT '00000000-0000-0000-0000-000000000001';

CREATE TABLE base (tenant_id uuid DEFAULT '00000000-0000-0000-0000-000000000002', a int);
CREATE TABLE child () INHERITS (base);
CREATE TABLE child_own (tenant_id uuid DEFAULT current_setting('app.tenant_id')::uuid) INHERITS (base);
ALTER TABLE ONLY base ALTER COLUMN a SET DEFAULT 1;
ALTER TABLE base ADD COLUMN b int DEFAULT 2;
ALTER TABLE base ALTER COLUMN tenant_id DROP DEFAULT;

-- migrate:down
ALTER TABLE orders ALTER COLUMN total DROP DEFAULT;
