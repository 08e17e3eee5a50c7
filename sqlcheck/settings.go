package sqlcheck

import (
	"slices"
	"strings"
)

// What a statement does to a configuration parameter, which is how the
// application tells the policies its tenant.
type settingKind uint8

const (
	setSession settingKind = iota + 1 // SET, SET SESSION, set_config(…, false): lasts as long as the connection
	setLocal                          // SET LOCAL, set_config(…, true): ends with the transaction
	setEither                         // set_config whose is_local is no constant
	setParam                          // SET … = $n: pg_query's grammar takes it, PostgreSQL's does not
	reset                             // RESET name, SET name TO DEFAULT
	resetAll                          // RESET ALL, DISCARD ALL
)

// settingUse is one statement's effect on a setting.
type settingUse struct {
	name     string // lowercase, as PostgreSQL compares setting names; "" for resetAll
	kind     settingKind
	form     string // how the statement spells it, for messages: "SET", "set_config(…, false)"
	via      QName  // the setter function that sets it, if one does
	pos, end int    // in the checked text: the statement, or the set_config call
}

// settingUses lists what the statements do to settings, through SET,
// set_config or a setter function of the migrations. alone reports whether
// the text does nothing else, which matters because a text of several
// statements sent at once runs as one implicit transaction, inside which
// SET LOCAL does take effect.
func settingUses(sql string, stmts []statement, setters []setter) (uses []settingUse, alone bool) {
	alone = len(stmts) > 0
	for _, s := range stmts {
		n := len(uses)
		// A statement's range starts after the one before it; the finding
		// starts at its first keyword.
		pos := tokenStart(sql, s.pos)
		switch x := s.node.GetNode().(type) {
		case *nodeVariableSet:
			uses = append(uses, variableSet(x.VariableSetStmt, pos, s.end))
		case *nodeDiscard:
			if x.DiscardStmt.Target == discardAll {
				uses = append(uses, settingUse{kind: resetAll, form: "DISCARD ALL", pos: pos, end: s.end})
			}
		default:
			if mayCallSetter(sql[s.pos:s.end], setters) {
				uses = append(uses, setterCalls(s.node, setters)...)
			}
			if !onlySetterCalls(s.node, setters) {
				alone = false
			}
			continue
		}
		if len(uses) == n {
			alone = false
		}
	}
	return uses, alone
}

// mayCallSetter is a quick test that spares the walk of every query's tree
// for calls that set a setting.
func mayCallSetter(text string, setters []setter) bool {
	text = strings.ToLower(text)
	return strings.Contains(text, "set_config") || slices.ContainsFunc(setters, func(s setter) bool { return strings.Contains(text, s.Function.Name) })
}

func variableSet(v *variableSetStmt, pos, end int) settingUse {
	u := settingUse{name: strings.ToLower(v.Name), pos: pos, end: end}
	switch v.Kind {
	case varSetValue, varSetCurrent:
		u.kind, u.form = setSession, "SET"
		if v.IsLocal {
			u.kind, u.form = setLocal, "SET LOCAL"
		}
		if slices.ContainsFunc(v.Args, func(a *node) bool { return a.GetParamRef() != nil }) {
			u.kind = setParam
		}
		// SET name = '' clears a setting for the session, as
		// set_config(name, '', false) does.
		if !v.IsLocal && len(v.Args) == 1 && isEmptyConst(v.Args[0]) {
			u.kind, u.form = reset, "SET … = ''"
		}
	case varResetAll:
		u.name, u.kind, u.form = "", resetAll, "RESET ALL"
	default: // SET … TO DEFAULT, RESET
		u.kind, u.form = reset, "RESET"
	}
	return u
}

// setterCalls finds the calls in a statement that set a setting:
// set_config('name', value, is_local) with a constant name, and setter
// functions.
func setterCalls(n *node, setters []setter) []settingUse {
	var uses []settingUse
	inspect(n, func(n *node) bool {
		fc := n.GetFuncCall()
		if fc == nil {
			return true
		}
		fn := funcName(fc.Funcname)
		for _, s := range setters {
			if s.Function == fn {
				u := settingUse{name: s.Setting, kind: setSession, form: fn.String() + "(…)", via: fn, pos: int(fc.Location)}
				u.end = u.pos + len(fn.Name)
				if s.Local {
					u.kind = setLocal
				}
				uses = append(uses, u)
			}
		}
		if fn.Name != "set_config" || len(fc.Args) != 3 {
			return true
		}
		name := uncast(fc.Args[0]).GetAConst().GetSval()
		if name == nil {
			return true
		}
		u := settingUse{name: strings.ToLower(name.Sval), kind: setEither, form: "set_config(…)", pos: int(fc.Location)}
		u.end = u.pos + len("set_config")
		if b, ok := constBool(fc.Args[2]); ok {
			u.kind, u.form = setSession, "set_config(…, false)"
			if b {
				u.kind, u.form = setLocal, "set_config(…, true)"
			}
			// set_config(name, '', false) is how code without RESET's
			// grammar clears a setting.
			if !b && isEmptyConst(fc.Args[1]) {
				u.kind, u.form = reset, "set_config(…, '', false)"
			}
		}
		uses = append(uses, u)
		return true
	})
	return uses
}

// constBool reads a boolean literal: true, false, 't', 'false', 1, 0.
func constBool(e *node) (bool, bool) {
	c := uncast(e).GetAConst()
	switch {
	case c == nil:
		return false, false
	case c.GetBoolval() != nil:
		return c.GetBoolval().GetBoolval(), true
	case c.GetIval() != nil:
		return c.GetIval().GetIval() != 0, true
	case c.GetSval() != nil:
		return parseBool(c.GetSval().GetSval()), true
	}
	return false, false
}

// onlySetterCalls reports whether n is SELECT set_config(…)[, …], or of
// setter functions, with no FROM.
func onlySetterCalls(n *node, setters []setter) bool {
	s := n.GetSelectStmt()
	if s == nil || len(s.FromClause) > 0 || s.WhereClause != nil || len(s.TargetList) == 0 {
		return false
	}
	for _, t := range s.TargetList {
		fc := uncast(t.GetResTarget().GetVal()).GetFuncCall()
		if fc == nil {
			return false
		}
		if fn := funcName(fc.Funcname); fn.Name != "set_config" && !slices.ContainsFunc(setters, func(s setter) bool { return s.Function == fn }) {
			return false
		}
	}
	return true
}

// origUses maps the uses' offsets back to the text before its placeholders
// were normalised.
func (r rewrite) origUses(uses []settingUse) []settingUse {
	for i := range uses {
		uses[i].pos, uses[i].end = r.orig(uses[i].pos), r.orig(uses[i].end)
	}
	return uses
}
