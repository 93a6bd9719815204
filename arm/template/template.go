// Package template is the typed model of an Azure Resource Manager
// deployment template and of a deployment parameter file, decoded from the
// jsonc value tree.
//
// The model keeps the raw values the user wrote (with their positions) and
// adds structure: ordered parameters, variables, user-defined functions and
// types, resources (as an array, or as languageVersion 2.0 symbolic names),
// child resources, and outputs. It does not evaluate expressions; package
// arm/expand does. Decoding reports structural problems (a resource without
// a type, resources that are neither an array nor an object) as positioned
// errors and keeps going, so that one mistake does not hide the rest of the
// template.
package template

import (
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// Template is a decoded deployment template.
type Template struct {
	// File is the file the template was read from (nil when the template
	// was built in memory, e.g. an inline nested template shares its
	// parent's file).
	File *source.File
	// Root is the whole template object as written.
	Root *value.Object
	// Schema is the $schema URL and Scope the deployment scope it
	// implies (resource group when the schema is absent or unrecognised).
	Schema    string
	SchemaPos source.Pos
	Scope     Scope
	// ContentVersion and LanguageVersion are as written ("" if absent).
	ContentVersion  string
	LanguageVersion string
	// APIProfile is the template's apiProfile: resources may then omit
	// their apiVersion.
	APIProfile string
	// Metadata is the template's metadata object, if any.
	Metadata *value.Object
	// Parameters, Variables, Functions, Definitions and Outputs keep the
	// order of the template.
	Parameters  []*Parameter
	Variables   []*Variable
	Functions   []*Function
	Definitions []*Definition
	// Resources are the top-level resources in order. Child resources
	// declared inside a parent's "resources" are in the parent's
	// Children, not here.
	Resources []*Resource
	Outputs   []*Output
	// Imports is the languageVersion 2.0 "imports" value, kept as written
	// (it is metadata for the compiler and has no deployment effect).
	Imports value.Value
	// Pos is the position of the template object.
	Pos source.Pos
}

// Symbolic reports whether resources are declared by symbolic name
// (languageVersion 2.0 and later).
func (t *Template) Symbolic() bool {
	return t.LanguageVersion != "" && t.LanguageVersion >= "2"
}

// Parameter returns the declared parameter name (case-insensitive).
func (t *Template) Parameter(name string) *Parameter {
	for _, p := range t.Parameters {
		if value.EqualFold(p.Name, name) {
			return p
		}
	}
	return nil
}

// Definition returns the user-defined type name (case-insensitive).
func (t *Template) Definition(name string) *Definition {
	for _, d := range t.Definitions {
		if value.EqualFold(d.Name, name) {
			return d
		}
	}
	return nil
}

// Function returns the user-defined function "namespace.member"
// (case-insensitive).
func (t *Template) Function(fullName string) *Function {
	for _, f := range t.Functions {
		if value.EqualFold(f.FullName(), fullName) {
			return f
		}
	}
	return nil
}

// TypeSpec is a type as parameters, outputs, user-defined types and
// function parameters declare it.
type TypeSpec struct {
	// Type is "string", "securestring", "int", "bool", "object",
	// "secureObject" or "array" as written; "" when only $ref is given.
	Type    string
	TypePos source.Pos
	// Ref is a "#/definitions/name" reference to a user-defined type.
	Ref      string
	Nullable bool
	// AllowedValues lists the accepted values (nil when unconstrained).
	AllowedValues *value.Array
	// MinValue, MaxValue, MinLength and MaxLength are nil when absent.
	MinValue, MaxValue   *value.Int
	MinLength, MaxLength *value.Int
	// Items is the element type of an array type (nil when any).
	Items *TypeSpec
	// PrefixItems are tuple element types.
	PrefixItems []*TypeSpec
	// Properties are the declared properties of an object type, in order.
	Properties []*Property
	// AdditionalProperties is the type of undeclared properties; nil
	// when unconstrained. AdditionalPropertiesFalse is set when they are
	// forbidden ("additionalProperties": false).
	AdditionalProperties      *TypeSpec
	AdditionalPropertiesFalse bool
	// Discriminator describes a tagged union.
	Discriminator *Discriminator
	// Sealed forbids undeclared properties.
	Sealed bool
	// Metadata is the metadata object (description and others).
	Metadata *value.Object
	// Raw is the object the type was decoded from.
	Raw *value.Object
}

// IsSecure reports whether the type is securestring or secureObject.
func (t *TypeSpec) IsSecure() bool {
	return value.EqualFold(t.Type, "securestring") || value.EqualFold(t.Type, "secureobject")
}

// Property is one declared property of an object type.
type Property struct {
	Name    string
	NamePos source.Pos
	Type    *TypeSpec
}

// Discriminator is the tag of a tagged union: PropertyName selects one of
// Mapping's types.
type Discriminator struct {
	PropertyName string
	Mapping      []*Property
}

// Parameter is a declared template parameter.
type Parameter struct {
	Name    string
	NamePos source.Pos
	TypeSpec
	// DefaultValue is nil when the parameter has no default.
	DefaultValue value.Value
	Pos          source.Pos
}

// Variable is a declared variable. A variable whose value is an object
// with a "copy" member is a variable copy loop; so is each element of the
// "copy" array inside "variables" (Copy set, Value nil).
type Variable struct {
	Name    string
	NamePos source.Pos
	// Value is the value as written (nil for a "copy" array element).
	Value value.Value
	// Copy is set for the "copy" array form.
	Copy *Copy
}

// Copy is a copy loop: of a resource (Mode, BatchSize), of a variable or
// property (Input), or of an output (Input, no Name).
type Copy struct {
	Name      string
	NamePos   source.Pos
	Count     value.Value
	Mode      string
	BatchSize value.Value
	Input     value.Value
	Pos       source.Pos
}

// Function is a user-defined function.
type Function struct {
	Namespace  string
	Name       string
	Parameters []*FunctionParameter
	Output     *TypeSpec
	// OutputValue is the function's result expression.
	OutputValue value.Value
	Pos         source.Pos
}

// FullName is "namespace.name".
func (f *Function) FullName() string { return f.Namespace + "." + f.Name }

// FunctionParameter is one parameter of a user-defined function.
type FunctionParameter struct {
	Name string
	TypeSpec
	Pos source.Pos
}

// Definition is a user-defined type.
type Definition struct {
	Name    string
	NamePos source.Pos
	TypeSpec
}

// Resource is one declared resource.
type Resource struct {
	// Symbol is the symbolic name (languageVersion 2.0), "" otherwise.
	Symbol string
	// Type is the type as written: short for a child declared inside its
	// parent ("computes"), full otherwise.
	Type    string
	TypePos source.Pos
	// APIVersion, Name, Condition and Scope are the values as written
	// (nil when absent); they may be expressions.
	APIVersion value.Value
	Name       value.Value
	Condition  value.Value
	Scope      value.Value
	// Existing marks a reference to a resource deployed elsewhere.
	Existing bool
	// Copy is the resource copy loop, if any.
	Copy *Copy
	// DependsOn is as written: resource ids, names or symbols.
	DependsOn []value.Value
	// Children are the resources declared in this resource's "resources".
	Children []*Resource
	// Parent is the resource this one is declared inside, if any.
	Parent *Resource
	// Body is the declaring object as written.
	Body *value.Object
	Pos  source.Pos
}

// FullType returns the type with the types of the declaring parents
// prefixed, unless the type is already in full form (contains '/').
// Azure resource types always contain a provider namespace and a '/', so
// a child declared as "computes" inside a workspace becomes
// "Microsoft.MachineLearningServices/workspaces/computes".
func (r *Resource) FullType() string {
	if r.Parent == nil || containsSlash(r.Type) {
		return r.Type
	}
	return r.Parent.FullType() + "/" + r.Type
}

func containsSlash(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			return true
		}
	}
	return false
}

// IsDeployment reports whether the resource is a nested or linked
// deployment (Microsoft.Resources/deployments).
func (r *Resource) IsDeployment() bool {
	return value.EqualFold(r.FullType(), "Microsoft.Resources/deployments")
}

// Output is a declared output.
type Output struct {
	Name    string
	NamePos source.Pos
	TypeSpec
	// Value is nil when the output uses copy.
	Value     value.Value
	Copy      *Copy
	Condition value.Value
	Pos       source.Pos
}
