package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/azrule/azrule/arm/expand"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/input"
	"github.com/azrule/azrule/scan"
	"github.com/azrule/azrule/source"
)

func newExpandCmd(e *env) *cobra.Command {
	var format string
	var f ruleFlags
	cmd := &cobra.Command{
		Use:   "expand FILE",
		Short: "Print the resources that deploying FILE would create",
		Long: `Expand works out what deploying FILE would create, as Azure Resource
Manager would: parameters, variables, copy loops, conditions, nested and
linked deployments and every template function. FILE is an ARM template or a
.bicep file (analysed with its parameter defaults), or a parameter file or
.bicepparam file (analysed with the template it names).

The JSON form is {"resources": [...], "errors": [...]}: each resource as it
would be deployed, child resources as entries of their own. Reach for it when
a finding surprises you.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageError{fmt.Sprintf("unknown format %q; use text or json", format)}
			}
			return expandFile(e, args[0], format, f)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	cmd.Flags().StringVar(&f.option, "option", "", "options file to use instead of ps-rule.yaml in the current folder")
	addSettingsFlag(cmd, &f)
	return cmd
}

func expandFile(e *env, path, format string, f ruleFlags) error {
	st, err := loadSetup(optionsRoot([]string{path}), f, os.Environ())
	if err != nil {
		return err
	}
	printDiagnostics(e, "warning", st.warnings)
	set := input.Load([]string{path}, input.Options{})
	abs, _ := filepath.Abs(path)
	var unit *input.Unit
	for i := range set.Units {
		u := &set.Units[i]
		if ua, _ := filepath.Abs(u.Input.Path); ua == abs {
			unit = u
			break
		}
	}
	errs := append([]*source.Error(nil), st.errors...)
	errs = append(errs, set.Errors...)
	var res *expand.Result
	if unit != nil {
		switch unit.Kind {
		case input.Template, input.Parameters, input.Bicep, input.BicepParams:
			var uerrs []*source.Error
			res, uerrs = scan.ExpandUnit(set, *unit, st.scan)
			errs = append(errs, uerrs...)
			if res != nil {
				errs = append(errs, res.Errors...)
				for _, r := range res.Resources {
					errs = append(errs, r.Errors...)
				}
			}
		default:
			errs = append(errs, &source.Error{Pos: unit.Input.File.Whole(), Message: "expand takes an ARM template, a parameter file, a .bicep or a .bicepparam file; this file holds " + unit.Kind.String()})
		}
	} else if len(errs) == 0 {
		errs = append(errs, source.Errorf(source.NewFile(path, nil).Whole(), "not a template or parameter file"))
	}
	var buf bytes.Buffer
	if format == "json" {
		writeExpandJSON(&buf, res, errs)
	} else {
		writeExpandText(&buf, res, errs)
	}
	if _, err := e.stdout.Write(buf.Bytes()); err != nil {
		return err
	}
	if len(errs) > 0 {
		return exitError{ExitError}
	}
	return nil
}

func writeExpandJSON(buf *bytes.Buffer, res *expand.Result, errs []*source.Error) {
	resources := value.NewArray(source.Pos{})
	if res != nil {
		for _, r := range res.Resources {
			resources.Elems = append(resources.Elems, r.Body)
		}
	}
	type jsonError struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Column  int    `json:"column"`
		Code    string `json:"code,omitempty"`
		Message string `json:"message"`
	}
	doc := struct {
		Resources json.RawMessage `json:"resources"`
		Errors    []jsonError     `json:"errors"`
	}{Resources: value.AppendJSON(nil, resources), Errors: []jsonError{}}
	for _, e := range errs {
		p := e.Pos.Position()
		doc.Errors = append(doc.Errors, jsonError{File: p.File, Line: p.Line, Column: p.Column, Code: e.Code, Message: e.Message})
	}
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(doc)
}

func writeExpandText(buf *bytes.Buffer, res *expand.Result, errs []*source.Error) {
	for _, e := range errs {
		fmt.Fprintf(buf, "%s: error: %s\n", e.Pos, messageWithCode(e))
	}
	if res == nil {
		return
	}
	for _, r := range res.Resources {
		fmt.Fprintf(buf, "%s  %s  %s\n", r.Pos, r.Type, r.Name)
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, value.AppendJSON(nil, r.Body), "    ", "  "); err == nil {
			buf.WriteString("    ")
			buf.Write(pretty.Bytes())
			buf.WriteString("\n")
		}
	}
	fmt.Fprintf(buf, "%d resources\n", len(res.Resources))
}

func messageWithCode(e *source.Error) string {
	if e.Code != "" {
		return e.Code + " " + e.Message
	}
	return e.Message
}
