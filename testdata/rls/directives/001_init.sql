-- tenantvet:ignore TV209 orders are only ever read by primary key
CREATE TABLE orders (tenant_id uuid NOT NULL, id bigint PRIMARY KEY); -- tenantvet:ignore TV201,TV202 the legacy table is migrated in #88
CREATE TABLE items (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id)); -- want "TV201" "TV202"
-- tenantvet:ignore TV213 nothing here is unique -- want "TV004"
CREATE TABLE notes (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id)); -- want "TV201" "TV202"
/* want "TV003" */ -- tenantvet:ignore
