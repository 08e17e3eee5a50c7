-- pop dumps the schema here after migrating, and never applies it.
CREATE TABLE dumped (tenant_id uuid NOT NULL, id bigint PRIMARY KEY);
