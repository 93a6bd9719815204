package config

import (
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// EnvPrefix starts every environment variable ApplyEnv reads.
const EnvPrefix = "PSRULE_"

// ConfigurationEnvPrefix starts a configuration value set from the
// environment: PSRULE_CONFIGURATION_AZURE_RESOURCE_GROUP sets
// configuration.AZURE_RESOURCE_GROUP.
const ConfigurationEnvPrefix = "PSRULE_CONFIGURATION_"

// ApplyEnv overrides options with environment variables in PSRule's
// style, PSRULE_<SECTION>_<OPTION>, on top of what the options file said.
// environ is in os.Environ's "NAME=value" form. Names are matched without
// regard to case; a variable set to the empty string is treated as unset.
// Values follow PSRule's rules: lists are ';'-separated, booleans are
// true, false or a number (above 0 is true), names are matched without
// regard to case, and PSRULE_BASELINE_GROUP is "group=baseline;...".
//
// A PSRULE_CONFIGURATION_<KEY> value is read as JSON when it is valid
// JSON (so AZURE_RESOURCE_GROUP can be '{"location":"westeurope"}' and
// 2 is a number), else as a string (1.27.7 stays "1.27.7"); a value that
// starts with '{', '[' or '"' must be valid JSON.
//
// Errors are positioned in a pseudo-file named after the variable
// ("$PSRULE_OUTPUT_OUTCOME:1:5"), so a message points into the value.
// PSRULE_ variables for options azrule does not read are ignored: the
// same environment may drive PSRule itself.
func (c *Config) ApplyEnv(environ []string) []*source.Error {
	e := &envParser{cfg: c}
	if c.Configuration == nil {
		c.Configuration = value.NewObject(source.Pos{})
	}
	envConfig := value.NewObject(source.Pos{})
	for _, kv := range environ {
		name, val, ok := strings.Cut(kv, "=")
		if !ok || val == "" || len(name) <= len(EnvPrefix) || !strings.EqualFold(name[:len(EnvPrefix)], EnvPrefix) {
			continue
		}
		f := source.NewFile("$"+name, []byte(val))
		upper := strings.ToUpper(name)
		if strings.HasPrefix(upper, ConfigurationEnvPrefix) {
			key := name[len(ConfigurationEnvPrefix):]
			if key == "" {
				continue
			}
			if v, ok := e.configValue(f); ok {
				m := value.Member{Key: key, KeyPos: f.Pos(0), Value: v}
				c.Configuration.SetMember(m)
				envConfig.SetMember(m)
			}
			continue
		}
		e.option(upper[len(EnvPrefix):], f)
	}
	e.errs = append(e.errs, checkAzureKeys(envConfig)...)
	return e.errs
}

type envParser struct {
	cfg  *Config
	errs []*source.Error
}

func (e *envParser) errorf(at source.Pos, format string, args ...any) {
	err := source.Errorf(at, format, args...)
	err.Code = CodeType
	e.errs = append(e.errs, err)
}

// option applies PSRULE_<opt>; opt is upper case, without the prefix.
func (e *envParser) option(opt string, f *source.File) {
	c := e.cfg
	raw := string(f.Content)
	at := f.Pos(0)
	switch opt {
	case "INPUT_PATHIGNORE":
		c.Input.PathIgnore = list(f)
		e.errs = append(e.errs, patternErrors(c.Input.PathIgnore)...)
	case "INPUT_IGNOREGITPATH":
		e.boolean(f, &c.Input.IgnoreGitPath)
	case "INPUT_IGNOREREPOSITORYCOMMON":
		e.boolean(f, &c.Input.IgnoreRepositoryCommon)
	case "INPUT_TARGETTYPE":
		c.Input.TargetType = list(f)
	case "INPUT_FORMAT":
		c.Input.Format = strings.TrimSpace(raw)
	case "RULE_INCLUDE":
		c.Rule.Include = list(f)
	case "RULE_EXCLUDE":
		c.Rule.Exclude = list(f)
	case "RULE_INCLUDELOCAL":
		e.boolean(f, &c.Rule.IncludeLocal)
	case "RULE_BASELINE":
		c.Rule.Baseline = Item{Value: strings.TrimSpace(raw), Pos: at}
	case "BASELINE_GROUP":
		e.baselineGroup(f)
	case "OUTPUT_FORMAT":
		format, warn, err := parseFormat(raw)
		switch {
		case err != nil:
			e.errorf(at, "%v", err)
		case warn != "":
			w := source.Errorf(at, "%s", warn)
			w.Code = CodeUnsupported
			c.Warnings = append(c.Warnings, w)
		default:
			c.Output.Format, c.Output.FormatPos = format, at
		}
	case "OUTPUT_PATH":
		c.Output.Path = raw
	case "OUTPUT_OUTCOME":
		o, err := parseOutcomeList(strings.ReplaceAll(raw, ";", ","))
		if err != nil {
			e.errorf(at, "%v", err)
			return
		}
		c.Output.Outcome = o
	case "OUTPUT_SARIFPROBLEMSONLY":
		e.boolean(f, &c.Output.SarifProblemsOnly)
	case "OUTPUT_JSONINDENT":
		n, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil || n < 0 || n > 4 {
			e.errorf(at, "expected a whole number from 0 to 4, not '%s'", raw)
			return
		}
		c.Output.JSONIndent = n
	case "OUTPUT_CULTURE":
		c.Output.Culture = list(f)
	case "EXECUTION_BREAK":
		b, err := parseBreak(raw)
		if err != nil {
			e.errorf(at, "%v", err)
			return
		}
		c.Execution.Break = b
	default:
		if dst, def, ok := e.action(opt); ok {
			a, err := parseAction(raw, def)
			if err != nil {
				e.errorf(at, "%v", err)
				return
			}
			*dst = a
		}
	}
}

// action finds the execution preference PSRULE_EXECUTION_<NAME> sets.
func (e *envParser) action(opt string) (*Action, Action, bool) {
	x := &e.cfg.Execution
	switch opt {
	case "EXECUTION_RULESUPPRESSED":
		return &x.RuleSuppressed, ActionWarn, true
	case "EXECUTION_RULEEXCLUDED":
		return &x.RuleExcluded, ActionIgnore, true
	case "EXECUTION_NOMATCHINGRULES":
		return &x.NoMatchingRules, ActionError, true
	case "EXECUTION_NOVALIDINPUT":
		return &x.NoValidInput, ActionError, true
	case "EXECUTION_SUPPRESSIONGROUPEXPIRED":
		return &x.SuppressionGroupExpired, ActionWarn, true
	case "EXECUTION_RULEINCONCLUSIVE":
		return &x.RuleInconclusive, ActionWarn, true
	case "EXECUTION_UNPROCESSEDOBJECT":
		return &x.UnprocessedObject, ActionWarn, true
	}
	return nil, 0, false
}

// boolean reads PSRule's environment booleans: true/false in any case,
// or an integer where above 0 is true.
func (e *envParser) boolean(f *source.File, dst *bool) {
	s := strings.TrimSpace(string(f.Content))
	switch {
	case strings.EqualFold(s, "true"):
		*dst = true
	case strings.EqualFold(s, "false"):
		*dst = false
	default:
		n, err := strconv.Atoi(s)
		if err != nil {
			e.errorf(f.Pos(0), "expected true, false or a number, not '%s'", s)
			return
		}
		*dst = n > 0
	}
}

// baselineGroup reads "latest=Azure.GA_2024_12;preview=Azure.Preview".
func (e *envParser) baselineGroup(f *source.File) {
	var groups []BaselineGroup
	for _, it := range list(f) {
		name, baseline, ok := strings.Cut(it.Value, "=")
		name, baseline = strings.TrimSpace(name), strings.TrimSpace(baseline)
		if !ok || name == "" || baseline == "" {
			e.errorf(it.Pos, "expected group=baseline, not '%s'", it.Value)
			continue
		}
		groups = append(groups, BaselineGroup{Name: name, Baseline: baseline, Pos: it.Pos})
	}
	if groups != nil {
		e.cfg.Baseline.Group = groups
	}
}

// configValue reads a PSRULE_CONFIGURATION_ value: JSON when it is JSON,
// else the text itself.
func (e *envParser) configValue(f *source.File) (value.Value, bool) {
	v, err := jsonc.Parse(f)
	if err == nil {
		return v, true
	}
	trimmed := strings.TrimLeft(string(f.Content), " \t\r\n")
	if trimmed != "" && strings.ContainsRune(`{["`, rune(trimmed[0])) {
		if se, ok := err.(*source.Error); ok {
			e.errs = append(e.errs, se)
		} else {
			e.errorf(f.Pos(0), "%v", err)
		}
		return nil, false
	}
	return value.String{V: string(f.Content), At: f.Pos(0)}, true
}

// list splits a ';'-separated value, trimming spaces and dropping empty
// items, each positioned at its first character.
func list(f *source.File) Items {
	s := string(f.Content)
	var out Items
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != ';' {
			continue
		}
		part := s[start:i]
		lead := len(part) - len(strings.TrimLeft(part, " \t"))
		if v := strings.TrimSpace(part); v != "" {
			out = append(out, Item{Value: v, Pos: f.Pos(start + lead)})
		}
		start = i + 1
	}
	return out
}
