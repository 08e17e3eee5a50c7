CREATE TABLE orders (tenant_id uuid NOT NULL, id bigint NOT NULL, total int, PRIMARY KEY (tenant_id, id));
