package template

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// ParameterFile is a decoded deployment parameter file
// (deploymentParameters.json schema).
type ParameterFile struct {
	File           *source.File
	Root           *value.Object
	Schema         string
	ContentVersion string
	// Parameters keep the file's order.
	Parameters []*ParameterValue
	// TemplatePath is metadata.template: the template this file is for,
	// relative to the parameter file's folder ("" when absent).
	TemplatePath    string
	TemplatePathPos source.Pos
	Metadata        *value.Object
}

// ParameterValue is one parameter of a parameter file.
type ParameterValue struct {
	Name    string
	NamePos source.Pos
	// Value is the value with the parameter file's positions. For a Key
	// Vault reference it is a value.Unknown naming the secret, because
	// the secret is only read at deployment time.
	Value value.Value
	// Reference is set for a Key Vault reference.
	Reference *KeyVaultReference
	Pos       source.Pos
}

// KeyVaultReference is a parameter value read from a Key Vault secret.
type KeyVaultReference struct {
	VaultID       string
	SecretName    string
	SecretVersion string
}

// Values returns the parameter values keyed by lower-cased name, the form
// arm/expand's Options.Parameters takes.
func (p *ParameterFile) Values() map[string]value.Value {
	m := make(map[string]value.Value, len(p.Parameters))
	for _, pv := range p.Parameters {
		if pv.Value != nil {
			m[strings.ToLower(pv.Name)] = pv.Value
		}
	}
	return m
}

// DecodeParameters builds the parameter file model from the parsed root
// of f.
func DecodeParameters(f *source.File, root value.Value) (*ParameterFile, source.ErrorList) {
	d := &decoder{f: f}
	obj, ok := root.(*value.Object)
	if !ok {
		d.errorf(posOf(root), "PAR001", "a parameter file must be a JSON object, not %s", kindName(root))
		return nil, d.errs
	}
	pf := &ParameterFile{File: f, Root: obj}
	for _, m := range obj.Members() {
		switch strings.ToLower(m.Key) {
		case "$schema":
			pf.Schema, _ = d.str(m, "$schema")
		case "contentversion":
			pf.ContentVersion, _ = d.str(m, "contentVersion")
		case "metadata":
			pf.Metadata = d.obj(m, "metadata")
			if tm, ok := pf.Metadata.Member("template"); ok {
				if s, ok := d.str(tm, "metadata.template"); ok {
					pf.TemplatePath, pf.TemplatePathPos = s, tm.Value.Pos()
				}
			}
		case "parameters":
			po := d.obj(m, "parameters")
			if po == nil {
				continue
			}
			for _, pm := range po.Members() {
				if pv := d.parameterValue(pm); pv != nil {
					pf.Parameters = append(pf.Parameters, pv)
				}
			}
		}
	}
	return pf, d.errs
}

func (d *decoder) parameterValue(m value.Member) *ParameterValue {
	pv := &ParameterValue{Name: m.Key, NamePos: m.KeyPos, Pos: m.Value.Pos()}
	o, ok := m.Value.(*value.Object)
	if !ok {
		d.errorf(m.Value.Pos(), "PAR002", "parameter '%s' must be an object with \"value\" (or a Key Vault \"reference\"), not %s", m.Key, kindName(m.Value))
		return nil
	}
	if v, ok := o.Get("value"); ok {
		pv.Value = v
		return pv
	}
	rm, ok := o.Member("reference")
	if !ok {
		d.errorf(o.At, "PAR003", "parameter '%s' has neither \"value\" nor \"reference\"; add \"value\": ...", m.Key)
		return nil
	}
	ro := d.obj(rm, "reference")
	if ro == nil {
		return nil
	}
	ref := &KeyVaultReference{}
	if kv, ok := ro.Get("keyVault"); ok {
		if kvo, ok := kv.(*value.Object); ok {
			if id, ok := kvo.Get("id"); ok {
				if s, ok := id.(value.String); ok {
					ref.VaultID = s.V
				}
			}
		}
	}
	if sm, ok := ro.Member("secretName"); ok {
		ref.SecretName, _ = d.str(sm, "secretName")
	}
	if sv, ok := ro.Member("secretVersion"); ok {
		ref.SecretVersion, _ = d.str(sv, "secretVersion")
	}
	if ref.VaultID == "" || ref.SecretName == "" {
		d.errorf(ro.At, "PAR004", "the Key Vault reference of parameter '%s' needs \"keyVault\": {\"id\": ...} and \"secretName\"", m.Key)
	}
	pv.Reference = ref
	vault := ref.VaultID
	if i := strings.LastIndexByte(vault, '/'); i >= 0 {
		vault = vault[i+1:]
	}
	pv.Value = value.NewUnknown(
		"parameter '"+m.Key+"' is read from Key Vault secret '"+ref.SecretName+"' in vault '"+vault+"' at deployment time",
		"keyVault("+vault+"/"+ref.SecretName+")", ro.At)
	return pv
}
