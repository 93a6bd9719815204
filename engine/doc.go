// Package engine runs rules on targets: it binds each target to the rules
// whose types match, collects outcomes and reasons, applies suppressions,
// and produces a Report that the report formats print.
package engine
