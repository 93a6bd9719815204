package ruledoc

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

const full = `---
reviewed: 2024-01-02
severity: important
pillar: Security
category: Identity and Access Management
resource: Machine Learning
resourceType: Microsoft.MachineLearningServices/workspaces
online version: https://example.org/rules/X/
---

# Workspaces use a user-assigned identity

## SYNOPSIS

Use a user-assigned
identity.

## DESCRIPTION

First paragraph.

Second paragraph.

## RECOMMENDATION

Assign an identity.

## EXAMPLES

### Configure with Azure template

Text before the code.

` + "```json" + `
{
  "a": 1
}
` + "```" + `

### Configure with Bicep

` + "~~~~bicep title=main.bicep" + `
// ## not a heading
param x string
~~~~

## LINKS

- [WAF - Identity](https://learn.example/identity)
* [Nested [brackets] ok](<https://learn.example/b> "hover text")
`

func TestParseFull(t *testing.T) {
	doc, m, err := Parse("docs/X.md", []byte(full))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	wantMeta := Meta{
		Title:         "Workspaces use a user-assigned identity",
		Severity:      rules.Important,
		Pillar:        "Security",
		Category:      "Identity and Access Management",
		Resource:      "Machine Learning",
		ResourceType:  "Microsoft.MachineLearningServices/workspaces",
		OnlineVersion: "https://example.org/rules/X/",
		Reviewed:      "2024-01-02",
		ExampleLines:  []int{35, 43},
	}
	gotMeta := m
	gotMeta.Fields = nil
	if !reflect.DeepEqual(gotMeta, wantMeta) {
		t.Errorf("meta:\n got %+v\nwant %+v", gotMeta, wantMeta)
	}
	if v, ok := m.Field("ONLINE VERSION"); !ok || v != wantMeta.OnlineVersion {
		t.Errorf("Field(ONLINE VERSION) = %q, %v", v, ok)
	}
	if len(m.Fields) != 7 {
		t.Errorf("Fields has %d keys, want 7: %v", len(m.Fields), m.Fields)
	}
	if doc.Synopsis != "Use a user-assigned identity." {
		t.Errorf("Synopsis = %q", doc.Synopsis)
	}
	if doc.Description != "First paragraph.\n\nSecond paragraph." {
		t.Errorf("Description = %q", doc.Description)
	}
	if doc.Recommendation != "Assign an identity." {
		t.Errorf("Recommendation = %q", doc.Recommendation)
	}
	wantEx := []rules.Example{
		{Title: "Configure with Azure template", Language: "json", Code: "{\n  \"a\": 1\n}\n"},
		{Title: "Configure with Bicep", Language: "bicep", Code: "// ## not a heading\nparam x string\n"},
	}
	if !reflect.DeepEqual(doc.Examples, wantEx) {
		t.Errorf("Examples:\n got %q\nwant %q", doc.Examples, wantEx)
	}
	wantLinks := []rules.Link{
		{Title: "WAF - Identity", URL: "https://learn.example/identity"},
		{Title: "Nested [brackets] ok", URL: "https://learn.example/b"},
	}
	if !reflect.DeepEqual(doc.Links, wantLinks) {
		t.Errorf("Links:\n got %q\nwant %q", doc.Links, wantLinks)
	}
	if doc.Markdown != full {
		t.Error("Markdown is not the document as written")
	}
	if missing := Check(doc, m); missing != nil {
		t.Errorf("Check found missing parts in a full doc: %q", missing)
	}
	// The recorded lines must point at the code itself.
	lines := strings.Split(full, "\n")
	for i, ln := range m.ExampleLines {
		first := strings.SplitN(doc.Examples[i].Code, "\n", 2)[0]
		if lines[ln-1] != first {
			t.Errorf("ExampleLines[%d] = %d holds %q, want %q", i, ln, lines[ln-1], first)
		}
	}
}

func TestParseCRLF(t *testing.T) {
	crlf := strings.ReplaceAll(full, "\n", "\r\n")
	doc, m, err := Parse("x.md", []byte(crlf))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if m.Severity != rules.Important || doc.Synopsis != "Use a user-assigned identity." {
		t.Errorf("CRLF doc read as severity %q synopsis %q", m.Severity, doc.Synopsis)
	}
	if len(doc.Examples) != 2 || strings.Contains(doc.Examples[0].Code, "\r") {
		t.Errorf("CRLF examples = %q", doc.Examples)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		md   string
		// want is "line:col: message part" for each error, in order.
		want []string
	}{
		{
			name: "front matter never closed",
			md:   "---\nseverity: Important\n# Title\n",
			want: []string{"1:1: front matter starts with '---'"},
		},
		{
			name: "front matter not yaml",
			md:   "---\nseverity: Important\npillar: [a\n---\n# T\n",
			want: []string{"front matter is not valid YAML"},
		},
		{
			name: "front matter not a mapping",
			md:   "---\n- a\n- b\n---\n# T\n",
			want: []string{"2:1: front matter must be a list of 'key: value' lines"},
		},
		{
			name: "bad severity",
			md:   "---\npillar: Security\nseverity: Urgent\n---\n# T\n",
			want: []string{"3:11: severity \"Urgent\" is not one of Critical, Important, Awareness"},
		},
		{
			name: "nested front matter value",
			md:   "---\ncategory:\n  a: b\n---\n",
			want: []string{"3:3: front matter key \"category\" must have a single value"},
		},
		{
			name: "unclosed fence",
			md:   "# T\n\n## EXAMPLES\n\n```json\n{}\n",
			want: []string{"5:1: code block opened with \"```\" is never closed"},
		},
		{
			name: "shorter fence does not close",
			md:   "## EXAMPLES\n````json\n```\n",
			want: []string{"2:1: code block opened with \"````\" is never closed"},
		},
		{
			name: "link not a list item",
			md:   "## LINKS\n\n[a](b)\n",
			want: []string{"3:1: links section line is not a list item"},
		},
		{
			name: "link item not a link",
			md:   "## LINKS\n\n  - see the docs\n- [a](https://x) trailing\n- [](https://x)\n",
			want: []string{
				"3:3: links section item \"see the docs\" is not a Markdown link",
				"4:1: links section item",
				"5:1: links section item",
			},
		},
		{
			name: "duplicate section",
			md:   "## Synopsis\nA\n## SYNOPSIS\nB\n",
			want: []string{"3:1: section \"SYNOPSIS\" appears twice"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, _, err := Parse("d.md", []byte(tt.md))
			if doc == nil {
				t.Fatal("Parse returned a nil Doc")
			}
			var list source.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %v (%T) is not a source.ErrorList", err, err)
			}
			if len(list) != len(tt.want) {
				t.Fatalf("got %d errors %v, want %d", len(list), list, len(tt.want))
			}
			for i, e := range list {
				got := e.Error()
				if !strings.HasPrefix(got, "d.md:") || !strings.Contains(got, tt.want[i]) {
					t.Errorf("error %d = %q, want it to contain %q", i, got, tt.want[i])
				}
			}
		})
	}
}

func TestHeadingsInsideCodeAreCode(t *testing.T) {
	md := "## EXAMPLES\n\n### A\n\n```bicep\n## LINKS\n- not a link\n```\n\n## LINKS\n\n- [x](https://y)\n"
	doc, _, err := Parse("d.md", []byte(md))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(doc.Examples) != 1 || doc.Examples[0].Code != "## LINKS\n- not a link\n" {
		t.Errorf("Examples = %q", doc.Examples)
	}
	if len(doc.Links) != 1 || doc.Links[0].URL != "https://y" {
		t.Errorf("Links = %q", doc.Links)
	}
}

func TestSectionNamesIgnoreCaseAndClosingHashes(t *testing.T) {
	md := "# Title #\n\n## Synopsis ##\n\nShort.\n\n## recommendation\n\nDo it.\n"
	doc, m, err := Parse("d.md", []byte(md))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if m.Title != "Title" || doc.Synopsis != "Short." || doc.Recommendation != "Do it." {
		t.Errorf("title %q synopsis %q recommendation %q", m.Title, doc.Synopsis, doc.Recommendation)
	}
}

func TestCodeOutsideExamplesIsNotAnExample(t *testing.T) {
	md := "## DESCRIPTION\n\n```json\n{}\n```\n"
	doc, _, err := Parse("d.md", []byte(md))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(doc.Examples) != 0 {
		t.Errorf("Examples = %q, want none", doc.Examples)
	}
	if doc.Description != "```json\n{}\n```" {
		t.Errorf("Description = %q, want the code kept", doc.Description)
	}
}

func TestCheckListsMissingParts(t *testing.T) {
	doc, m, err := Parse("d.md", []byte("# T\n\n## SYNOPSIS\n\nS.\n\n## EXAMPLES\n\n```json\n{}\n```\n"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	got := Check(doc, m)
	want := []string{
		"front matter 'severity'",
		"front matter 'pillar'",
		"front matter 'category'",
		"front matter 'resource'",
		"front matter 'online version'",
		"a '## DESCRIPTION' section",
		"a '## RECOMMENDATION' section",
		"a '## LINKS' section with at least one link",
		"a ```bicep example under '## EXAMPLES'",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Check:\n got %q\nwant %q", got, want)
	}
}

func TestTooLarge(t *testing.T) {
	_, _, err := Parse("big.md", make([]byte, maxSize+1))
	if err == nil || !strings.Contains(err.Error(), "more than the") {
		t.Errorf("err = %v, want a size error", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(full))
	f.Add([]byte("---\n"))
	f.Add([]byte("## LINKS\n- [a\\](b)\n- [[[](x\n"))
	f.Add([]byte("---\nseverity: x\n---\n```\n"))
	f.Fuzz(func(t *testing.T, md []byte) {
		doc, m, _ := Parse("f.md", md)
		if doc == nil {
			t.Fatal("nil Doc")
		}
		if len(m.ExampleLines) != len(doc.Examples) {
			t.Fatalf("%d example lines for %d examples", len(m.ExampleLines), len(doc.Examples))
		}
	})
}
