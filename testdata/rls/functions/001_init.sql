CREATE TABLE plans (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (tenant_id uuid NOT NULL, id bigint, total int, PRIMARY KEY (tenant_id, id));
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON orders USING (tenant_id = current_setting('app.tenant_id')::uuid);

CREATE FUNCTION total_all() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS $$ SELECT sum(total) FROM orders $$; -- want "TV211"
CREATE FUNCTION total_mine() RETURNS bigint LANGUAGE sql SECURITY INVOKER AS $$ SELECT sum(total) FROM orders $$;
CREATE FUNCTION plan_name(p bigint) RETURNS text LANGUAGE sql SECURITY DEFINER AS $$ SELECT name FROM plans WHERE id = p $$;
CREATE FUNCTION purge(t uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$ -- want "TV211"
BEGIN
    DELETE FROM orders WHERE tenant_id = t;
END
$$;
CREATE FUNCTION purge_any(tab text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$ -- want "TV211"
BEGIN
    EXECUTE format('DELETE FROM %I', tab);
END
$$;
CREATE FUNCTION later() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders $$;
ALTER FUNCTION later() SECURITY DEFINER; -- want "TV211"
CREATE FUNCTION std_body() RETURNS bigint LANGUAGE sql SECURITY DEFINER BEGIN ATOMIC SELECT count(*) FROM orders; END; -- want "TV211"
CREATE FUNCTION lookup(id bigint) RETURNS bigint LANGUAGE sql SECURITY DEFINER AS $$ SELECT count(*) FROM orders $$; -- want "TV211"
CREATE FUNCTION lookup(name text) RETURNS bigint LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;
DROP FUNCTION lookup(text);
CREATE FUNCTION shadow() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS $$ WITH orders AS (SELECT * FROM orders) SELECT count(*) FROM orders $$; -- want "TV211"
CREATE FUNCTION myabs(int) RETURNS int LANGUAGE internal SECURITY DEFINER AS 'int4abs'; -- want "TV211"
