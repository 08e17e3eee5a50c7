CREATE TABLE notes (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
