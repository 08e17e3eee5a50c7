-- A version of CockroachDB's alone: it does not run on PostgreSQL.
ALTER TABLE items DISABLE ROW LEVEL SECURITY;
