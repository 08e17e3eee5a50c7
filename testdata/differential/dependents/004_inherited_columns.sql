-- A child's column goes with its parent's only when nothing else keeps it:
-- the child's own definition, a second parent, or ALTER TABLE ONLY. A
-- primary key on a parent makes its children's columns NOT NULL; renames
-- reach the policies that name the column or the table.
CREATE TABLE base (a int, c int);
CREATE TABLE own_c (c int) INHERITS (base);
CREATE TABLE own_c_child () INHERITS (own_c);
ALTER TABLE base DROP COLUMN c;
CREATE TABLE left_parent (a int);
CREATE TABLE right_parent (a int);
CREATE TABLE two_parents () INHERITS (left_parent, right_parent);
ALTER TABLE left_parent DROP COLUMN a;
CREATE TABLE only_parent (a int);
CREATE TABLE only_child () INHERITS (only_parent);
ALTER TABLE ONLY only_parent DROP COLUMN a;
ALTER TABLE only_parent ADD COLUMN b int;
ALTER TABLE only_parent DROP COLUMN b;
CREATE TABLE merged_parent (a int);
CREATE TABLE merged_child (c int) INHERITS (merged_parent);
ALTER TABLE merged_parent ADD COLUMN c int;
ALTER TABLE merged_parent DROP COLUMN c;
CREATE TABLE keyed (a int);
CREATE TABLE keyed_child () INHERITS (keyed);
CREATE TABLE keyed_grandchild () INHERITS (keyed_child);
ALTER TABLE keyed ADD PRIMARY KEY (a);

CREATE TABLE teams (tenant_id int, a int);
CREATE TABLE projects (tenant_id int, a int);
CREATE POLICY member ON projects
    USING (a > 0 AND tenant_id IN (SELECT teams.tenant_id FROM teams WHERE teams.a > 0));
ALTER TABLE teams RENAME a TO b;
ALTER TABLE teams RENAME TO squads;
ALTER TABLE projects RENAME tenant_id TO tid;
