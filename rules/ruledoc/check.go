package ruledoc

import (
	"strings"

	"github.com/azrule/azrule/rules"
)

// Check lists what a complete built-in rule doc lacks: front matter keys
// (severity, pillar, category, resource, online version), the title, the
// synopsis, description, recommendation and links sections, and the two
// examples every built-in rule carries, an Azure template ("json") and a
// Bicep file ("bicep"). It returns nil for a complete doc. Parse does not
// require these, so that users' own, shorter docs still load.
func Check(doc *rules.Doc, m Meta) []string {
	var missing []string
	need := func(ok bool, what string) {
		if !ok {
			missing = append(missing, what)
		}
	}
	need(m.Severity != "", "front matter 'severity'")
	need(m.Pillar != "", "front matter 'pillar'")
	need(m.Category != "", "front matter 'category'")
	need(m.Resource != "", "front matter 'resource'")
	need(m.OnlineVersion != "", "front matter 'online version'")
	need(m.Title != "", "a '# Title' heading")
	need(doc.Synopsis != "", "a '## SYNOPSIS' section")
	need(doc.Description != "", "a '## DESCRIPTION' section")
	need(doc.Recommendation != "", "a '## RECOMMENDATION' section")
	need(len(doc.Links) > 0, "a '## LINKS' section with at least one link")
	need(Example(doc, "json") != nil, "a ```json example under '## EXAMPLES'")
	need(Example(doc, "bicep") != nil, "a ```bicep example under '## EXAMPLES'")
	return missing
}

// Example returns the first example of doc in language lang (matched
// without regard to case), or nil.
func Example(doc *rules.Doc, lang string) *rules.Example {
	for i := range doc.Examples {
		if strings.EqualFold(doc.Examples[i].Language, lang) {
			return &doc.Examples[i]
		}
	}
	return nil
}
