package sqlcheck

import (
	"regexp"
	"slices"
	"strings"
)

// The tenant settings are the configuration parameters that the policies
// read to learn the session's tenant: current_setting('app.current_tenant')
// in a policy, or in the body of a function that a policy calls.

// currentSettingPattern finds current_setting('name' in a function body,
// which is text to the catalog; a body that builds the name at run time is
// not seen, and then the config's tenant_settings says it.
var currentSettingPattern = regexp.MustCompile(`(?i)current_setting\s*\(\s*'([^']+)'`)

// setterPattern finds set_config('name', value, is_local) with a constant
// name and is_local in a function body, which is text to the catalog.
var setterPattern = regexp.MustCompile(`(?is)set_config\s*\(\s*'([^']+)'\s*,.*?,\s*'?(true|false|on|off|t|f)'?\s*\)`)

// A setter is a function of the migrations that sets a setting, as
// app.set_tenant(id) wraps set_config('app.current_tenant', id, true): a
// call of it sets the setting as its body does.
type setter struct {
	Function QName
	Setting  string
	Local    bool
}

// setters lists the functions that set a setting, by name.
func (c *Catalog) setters() []setter {
	if c == nil {
		return nil
	}
	if c.queriesOnly {
		return c.setterList
	}
	var out []setter
	for _, f := range c.Functions() {
		for _, m := range setterPattern.FindAllStringSubmatch(f.Body, -1) {
			out = append(out, setter{Function: f.Name, Setting: strings.ToLower(m[1]), Local: parseBool(m[2])})
		}
	}
	return out
}

// dottedLiteral finds quoted names of the form a custom setting takes,
// "prefix.name", anywhere in the migrations.
var dottedLiteral = regexp.MustCompile(`'([A-Za-z_][A-Za-z0-9_$]*\.[A-Za-z_][A-Za-z0-9_$.]*)'`)

// policySettings lists the settings that the policies read, lowercase,
// sorted and once each.
func (c *Catalog) policySettings() []string {
	if c == nil {
		return nil
	}
	if c.queriesOnly {
		return c.settings
	}
	var names []string
	calls := c.policyCalls()
	for _, tab := range c.tables {
		for _, p := range tab.Policies {
			for _, e := range []*node{p.using, p.check} {
				inspect(e, func(n *node) bool {
					fc := n.GetFuncCall()
					if fc != nil && funcName(fc.Funcname).Name == "current_setting" && len(fc.Args) > 0 {
						if s := uncast(fc.Args[0]).GetAConst().GetSval(); s != nil {
							names = append(names, strings.ToLower(s.Sval))
						}
					}
					return true
				})
			}
		}
	}
	for _, f := range c.functions {
		if slices.Contains(calls, f.Name) {
			for _, m := range currentSettingPattern.FindAllStringSubmatch(f.Body, -1) {
				names = append(names, strings.ToLower(m[1]))
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// mentions lists every quoted dotted name in the replayed migrations,
// lowercase: the settings that anything in the schema may read.
func (c *Catalog) mentions() []string {
	if c == nil {
		return nil
	}
	if c.queriesOnly {
		return c.mentioned
	}
	var names []string
	for _, f := range c.files {
		for _, m := range dottedLiteral.FindAllStringSubmatch(f.SQL, -1) {
			names = append(names, strings.ToLower(m[1]))
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// TenantSettings returns the tenant settings: those the policies read and
// those the config names, lowercase and sorted. With none, the
// tenant-context checks are silent.
func (t *Tenancy) TenantSettings() []string {
	t.settingsOnce.Do(func() {
		names := t.Catalog.policySettings()
		for _, s := range t.Settings {
			names = append(names, strings.ToLower(s))
		}
		slices.Sort(names)
		t.settings = slices.Compact(names)
		t.setterList = t.Catalog.setters()
	})
	return t.settings
}

// setters returns the catalog's setter functions, found once.
func (t *Tenancy) setters() []setter {
	t.TenantSettings()
	return t.setterList
}

func (t *Tenancy) isTenantSetting(name string) bool {
	return name != "" && slices.Contains(t.TenantSettings(), name)
}

// misnamed reports whether code that sets name most likely meant a tenant
// setting: the name is not one, but it has a tenant setting's prefix
// ("app." for app.current_tenant), and nothing in the migrations mentions
// it, so no policy, function or default can read it. Without migrations
// nothing can be known of what reads it.
func (t *Tenancy) misnamed(name string) bool {
	prefix, _, ok := strings.Cut(name, ".")
	if !ok || t.Catalog == nil || t.isTenantSetting(name) || slices.Contains(t.Catalog.mentions(), name) {
		return false
	}
	return slices.ContainsFunc(t.TenantSettings(), func(s string) bool { return strings.HasPrefix(s, prefix+".") })
}
