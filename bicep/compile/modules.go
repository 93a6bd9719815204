package compile

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// moduleTemplate compiles or loads a module's template and returns it
// with the module's target scope.
func (c *fileCompiler) moduleTemplate(r *resourceInfo) (*value.Object, string) {
	d := r.decl.(*ast.ModuleDecl)
	at := d.Pos()
	if d.Path != nil {
		at = d.Path.Pos()
	}
	if d.Path == nil || r.path == "" {
		c.errorf(at, CodeBadModule, "the module path must be a string literal")
		return nil, ""
	}
	p := r.path
	var file string
	switch {
	case strings.HasPrefix(p, "br:") || strings.HasPrefix(p, "br/") || strings.HasPrefix(p, "ts:") || strings.HasPrefix(p, "ts/"):
		c.lastSpecID = ""
		f, err := c.registryPath(p)
		if err != nil {
			c.errorf(at, CodeRegistryNotCached, "%s", err.Error())
			return nil, ""
		}
		file = f
		r.specID = c.lastSpecID
	default:
		if filepath.IsAbs(p) || strings.Contains(p, "\\") {
			c.errorf(at, CodeBadModule, "the module path '%s' must be relative and use forward slashes", p)
			return nil, ""
		}
		file = filepath.Join(c.dir, filepath.FromSlash(p))
	}
	if strings.HasSuffix(strings.ToLower(file), ".json") {
		return c.jsonModule(file, at)
	}
	if c.depth+1 > MaxModuleDepth {
		c.errorf(at, CodeTooDeep, "modules nest deeper than %d levels", MaxModuleDepth)
		return nil, ""
	}
	key := filepath.Clean(file)
	for _, a := range c.b.active {
		if a == key {
			c.errorf(at, CodeModuleCycle, "the module '%s' uses itself through its modules; remove the cycle", p)
			return nil, ""
		}
	}
	pf, err := c.b.parse(file)
	if err != nil {
		c.errorf(at, CodeModuleNotFound, "cannot read the module '%s': %v", p, errText(err))
		return nil, ""
	}
	fc := c.b.compileFile(pf, file, c.depth+1)
	r.modFile = fc
	return fc.out, fc.scope
}

// jsonModule reads an ARM template used as a module.
func (c *fileCompiler) jsonModule(file string, at source.Pos) (*value.Object, string) {
	f, err := c.b.read(file)
	if err != nil {
		c.errorf(at, CodeModuleNotFound, "cannot read the module '%s': %v", filepath.ToSlash(file), errText(err))
		return nil, ""
	}
	v, err := jsonc.Parse(f)
	if err != nil {
		c.errorf(at, CodeBadModule, "the module '%s' is not valid JSON: %v", filepath.ToSlash(file), err)
		return nil, ""
	}
	o, ok := v.(*value.Object)
	if !ok {
		c.errorf(at, CodeBadModule, "the module '%s' is not a template object", filepath.ToSlash(file))
		return nil, ""
	}
	// A template spec in the cache is the template spec version: its
	// template is properties.mainTemplate.
	if !o.Has("$schema") {
		if po, ok := getObj(o, "properties"); ok {
			if mo, ok := getObj(po, "mainTemplate"); ok {
				if c.b.opts.InlineTemplateSpecs {
					c.inlineLinked(mo, linkedTemplates(po), "", 0)
				}
				o = mo
			}
		}
	}
	scope := "resourceGroup"
	if s, ok := o.Get("$schema"); ok {
		if sv, ok := s.(value.String); ok {
			scope = string(template.SchemaScope(sv.V))
		}
	}
	return o, scope
}

func errText(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// bicepConfig is what azrule reads of bicepconfig.json.
type bicepConfig struct {
	cacheRoot string
	br        map[string][2]string // alias -> registry, modulePath
	ts        map[string][2]string // alias -> subscription, resourceGroup
	// extensions maps extension names to their registry references.
	extensions map[string]string
}

// config reads the nearest bicepconfig.json above the file.
func (c *fileCompiler) config() bicepConfig {
	cfg := bicepConfig{br: map[string][2]string{}, ts: map[string][2]string{}}
	dir := c.dir
	for i := 0; i < 64; i++ {
		path := filepath.Join(dir, "bicepconfig.json")
		if f, err := c.b.read(path); err == nil {
			if v, err := jsonc.Parse(f); err == nil {
				if o, ok := v.(*value.Object); ok {
					cfg.cacheRoot = getStr(o, "cacheRootDirectory")
					if eo, ok := getObj(o, "extensions"); ok {
						cfg.extensions = map[string]string{}
						for _, m := range eo.Members() {
							if sv, ok := m.Value.(value.String); ok {
								cfg.extensions[m.Key] = sv.V
							}
						}
					}
					if ma, ok := o.Get("moduleAliases"); ok {
						if mo, ok := ma.(*value.Object); ok {
							readAliases(mo, "br", "registry", "modulePath", cfg.br)
							readAliases(mo, "ts", "subscription", "resourceGroup", cfg.ts)
						}
					}
				}
			}
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return cfg
}

func readAliases(mo *value.Object, kind, k1, k2 string, into map[string][2]string) {
	v, ok := mo.Get(kind)
	if !ok {
		return
	}
	o, ok := v.(*value.Object)
	if !ok {
		return
	}
	for _, m := range o.Members() {
		if a, ok := m.Value.(*value.Object); ok {
			into[m.Key] = [2]string{getStr(a, k1), getStr(a, k2)}
		}
	}
}

func getStr(o *value.Object, key string) string {
	if v, ok := o.Get(key); ok {
		if s, ok := v.(value.String); ok {
			return s.V
		}
	}
	return ""
}

// registryPath maps a br: or ts: module reference to its main.json in
// the local module cache, laid out as `bicep restore` writes it:
// <root>/br/<registry>/<repository with / as $>/<tag>$/main.json and
// <root>/ts/<subscription>/<resource group>/<name>/<version>/main.json.
func (c *fileCompiler) registryPath(ref string) (string, error) {
	cfg := c.config()
	root := c.b.opts.CacheRoot
	if root == "" {
		root = cfg.cacheRoot
	}
	if root == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", errorf("the registry module '%s' is not in the local module cache: no home directory to find ~/.bicep; set cacheRootDirectory in bicepconfig.json", ref)
		}
		root = filepath.Join(home, ".bicep")
	}
	scheme, rest, _ := strings.Cut(ref, ":")
	kind, alias, hasAlias := strings.Cut(scheme, "/")
	var file string
	switch kind {
	case "br":
		registry := ""
		if hasAlias {
			a, ok := cfg.br[alias]
			if !ok {
				return "", errorf("the module alias 'br/%s' is not defined in moduleAliases.br of bicepconfig.json", alias)
			}
			registry = a[0]
			if a[1] != "" {
				rest = a[1] + "/" + rest
			}
		} else {
			var ok bool
			registry, rest, ok = cutRegistry(rest)
			if !ok {
				return "", errorf("the module reference '%s' must look like br:<registry>/<repository>:<tag>", ref)
			}
		}
		repo, tag, digest := splitTag(rest)
		if repo == "" || (tag == "" && digest == "") {
			return "", errorf("the module reference '%s' needs a :tag or @digest", ref)
		}
		ver := tag + "$"
		if digest != "" {
			ver = strings.Replace(digest, ":", "#", 1)
		}
		file = filepath.Join(root, "br", registry, strings.ReplaceAll(repo, "/", "$"), ver, "main.json")
		c.lastQualified = "br:" + registry + "/" + repo
		if digest != "" {
			c.lastQualified += "@" + digest
		} else {
			c.lastQualified += ":" + tag
		}
	case "ts":
		var sub, rg string
		if hasAlias {
			a, ok := cfg.ts[alias]
			if !ok {
				return "", errorf("the module alias 'ts/%s' is not defined in moduleAliases.ts of bicepconfig.json", alias)
			}
			sub, rg = a[0], a[1]
		} else {
			parts := strings.SplitN(rest, "/", 3)
			if len(parts) != 3 {
				return "", errorf("the module reference '%s' must look like ts:<subscription>/<resource group>/<name>:<version>", ref)
			}
			sub, rg, rest = parts[0], parts[1], parts[2]
		}
		name, ver, ok := strings.Cut(rest, ":")
		if !ok {
			return "", errorf("the module reference '%s' needs a :version", ref)
		}
		c.lastQualified = "ts:" + sub + "/" + rg + "/" + name + ":" + ver
		c.lastSpecID = "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/Microsoft.Resources/templateSpecs/" + name + "/versions/" + ver
		file = filepath.Join(root, "ts", sub, rg, name, ver, "main.json")
	default:
		return "", errorf("the module reference '%s' has an unknown scheme; use br:, br/<alias>:, ts: or ts/<alias>:", ref)
	}
	if _, err := c.b.read(file); err != nil {
		return "", errorf("the registry module '%s' is not in the local module cache (looked for %s); run `bicep restore` or set cacheRootDirectory in bicepconfig.json", ref, filepath.ToSlash(file))
	}
	return file, nil
}

// cutRegistry splits <registry>/<rest>, where the registry may carry a
// port or be an IPv6 literal in brackets.
func cutRegistry(s string) (string, string, bool) {
	if strings.HasPrefix(s, "[") {
		end := strings.Index(s, "]")
		if end < 0 {
			return "", "", false
		}
		slash := strings.Index(s[end:], "/")
		if slash < 0 {
			return "", "", false
		}
		return s[:end+slash], s[end+slash+1:], true
	}
	reg, rest, ok := strings.Cut(s, "/")
	return reg, rest, ok && reg != ""
}

// splitTag splits repo:tag or repo@sha256:digest.
func splitTag(s string) (repo, tag, digest string) {
	if i := strings.Index(s, "@"); i >= 0 {
		return s[:i], "", s[i+1:]
	}
	if i := strings.LastIndex(s, ":"); i >= 0 {
		return s[:i], s[i+1:], ""
	}
	return s, "", ""
}

type msgError string

func (e msgError) Error() string { return string(e) }

func errorf(format string, args ...any) error {
	return msgError(sprintf(format, args...))
}
