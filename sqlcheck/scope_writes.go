package sqlcheck

// This file builds the blocks of the statements that move rows in bulk or
// write them: INSERT, MERGE and COPY, whose targets the rules on tenant
// values judge (COPY … TO reads, and is checked as a query).

func (b *builder) insertStmt(s *insertStmt, parent *block, env *cteEnv) *block {
	blk := b.newBlock(parent)
	env = b.with(s.WithClause, blk, env)
	ins := &insert{target: b.relation(s.Relation, env, roleInsert), block: blk}
	for _, c := range s.Cols {
		ins.listed = true
		ins.cols = append(ins.cols, c.GetResTarget().GetName())
	}
	if sel := s.SelectStmt.GetSelectStmt(); sel != nil {
		if len(sel.ValuesLists) > 0 && sel.WithClause == nil {
			for _, row := range sel.ValuesLists {
				ins.rows = append(ins.rows, row.GetList().GetItems())
			}
			b.exprs(blk, env, sel.ValuesLists)
		} else {
			ins.source = b.selectStmt(sel, parent, env)
			blk.before = append(blk.before, ins.source)
		}
	}
	if oc := s.OnConflictClause; oc != nil {
		if oc.Action == conflictUpdate {
			ins.conflict, ins.update, ins.guard = oc.TargetList, true, oc.WhereClause
		}
		for _, e := range oc.GetInfer().GetIndexElems() {
			ins.arbiter = append(ins.arbiter, e.GetIndexElem().GetName())
			ins.known = true
		}
		// ON CONFLICT ON CONSTRAINT names a key of the target, in its schema.
		if name := oc.GetInfer().GetConname(); name != "" {
			if key := b.tenancy.Catalog.Table(ins.target.name).index(name); key != nil {
				ins.arbiter, ins.known = key.Columns, true
			}
		}
		b.exprs(blk, env, oc.TargetList)
		b.exprs(blk, env, []*node{oc.WhereClause})
	}
	b.returning(blk, env, s.ReturningList)
	b.m.inserts = append(b.m.inserts, ins)
	return blk
}

func (b *builder) mergeStmt(x *nodeMerge, parent *block, env *cteEnv) *block {
	s := x.MergeStmt
	blk, env, target := b.targetBlock(s.WithClause, s.Relation, roleMerge, parent, env)
	b.fromItem(blk, s.SourceRelation, env, roleMergeUsing)
	// The join condition picks the target rows that are changed; every
	// source row is still read, so it scopes the target alone.
	blk.quals = append(blk.quals, qual{expr: s.JoinCondition, rels: []*relation{target}})
	b.exprs(blk, env, []*node{s.JoinCondition})
	for _, w := range s.MergeWhenClauses {
		wc := w.GetMergeWhenClause()
		b.exprs(blk, env, []*node{wc.Condition})
		b.exprs(blk, env, wc.TargetList)
		b.exprs(blk, env, wc.Values)
		if wc.CommandType == cmdInsert {
			ins := &insert{target: target, block: blk, rows: [][]*node{wc.Values}}
			for _, c := range wc.TargetList {
				ins.listed = true
				ins.cols = append(ins.cols, c.GetResTarget().GetName())
			}
			b.m.inserts = append(b.m.inserts, ins)
		} else if len(wc.TargetList) > 0 {
			b.m.sets = append(b.m.sets, assignment{target: target, targets: wc.TargetList, verb: "merge"})
		}
	}
	return blk
}

func (b *builder) copyStmt(x *nodeCopy, parent *block, env *cteEnv) *block {
	s := x.CopyStmt
	if s.Query != nil {
		return b.stmt(s.Query, parent, env)
	}
	if s.Relation == nil {
		return nil
	}
	if s.IsFrom {
		ins := &insert{target: b.relation(s.Relation, env, roleInsert)}
		ins.cols = stringList(s.Attlist)
		ins.listed = len(ins.cols) > 0
		b.m.inserts = append(b.m.inserts, ins)
		return nil
	}
	blk := b.newBlock(parent)
	blk.rels = append(blk.rels, b.relation(s.Relation, env, roleCopy))
	return blk
}
