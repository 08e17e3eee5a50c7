-- popx runs an autocommit file outside a transaction; its SQL counts the
-- same. Unread, items would lack FORCE (TV202).
ALTER TABLE items FORCE ROW LEVEL SECURITY;
