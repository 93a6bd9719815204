package suppress

import (
	"fmt"
	"strings"
	"testing"

	"github.com/azrule/azrule/source"
)

// found renders a comment as "pos -> line [rules] reason" for comparison.
func found(c Comment) string {
	var rp []string
	for _, p := range c.RulePos {
		pp := p.Position()
		rp = append(rp, fmt.Sprintf("%d:%d", pp.Line, pp.Column))
	}
	p := c.Pos.Position()
	return fmt.Sprintf("%d:%d->%d %s@%s %q", p.Line, p.Column, c.Line,
		strings.Join(c.Rules, ","), strings.Join(rp, ","), c.Reason)
}

func errText(e *source.Error) string {
	p := e.Pos.Position()
	return fmt.Sprintf("%d:%d %s", p.Line, p.Column, e.Code)
}

func TestScan(t *testing.T) {
	tests := []struct {
		name string
		file string
		src  string
		want []string // found() of each comment
		errs []string // errText() of each error
	}{
		{
			name: "bicep resource",
			file: "main.bicep",
			src: `param location string
// azrule-disable-next-line Azure.ML.PublicAccess: behind a private endpoint
resource w 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
}`,
			want: []string{`2:1->3 Azure.ML.PublicAccess@2:29 "behind a private endpoint"`},
		},
		{
			name: "several rules, name and ref",
			file: "main.bicep",
			src: `  //azrule-disable-next-line   Azure.ML.PublicAccess ,AZR-000407: tracked in #123
resource w 'x@1' = {}`,
			want: []string{`1:3->2 Azure.ML.PublicAccess,AZR-000407@1:32,1:55 "tracked in #123"`},
		},
		{
			name: "stacked comments and blank lines skip to code",
			file: "main.bicep",
			src: `resource w 'x@1' = {
  properties: {
    // azrule-disable-next-line A.B: one

    // ordinary comment
    /* block
       comment */
    // azrule-disable-next-line C.D: two
    #disable-next-line BCP081
    publicNetworkAccess: 'Enabled'
  }
}`,
			want: []string{`3:5->10 A.B@3:33 "one"`, `8:5->10 C.D@8:33 "two"`},
		},
		{
			name: "bicep string with // is not a comment",
			file: "main.bicep",
			src: `var u = 'http://x // azrule-disable-next-line A.B: no'
var m = '''
// azrule-disable-next-line A.B: inside a multi-line string
'''
var i = 'a${'b//c'}d // azrule-disable-next-line A.B: still a string'
var j = '${{k: 'x'}.k}' // azrule-disable-next-line E.F: real
output o string = j`,
			want: []string{`6:25->7 E.F@6:53 "real"`},
		},
		{
			name: "bicep escaped quote",
			file: "main.bicep",
			src: `var s = 'it\'s // azrule-disable-next-line A.B: no'
// azrule-disable-next-line G.H: yes
var t = 1`,
			want: []string{`2:1->3 G.H@2:29 "yes"`},
		},
		{
			name: "json string with // is not a comment",
			file: "azuredeploy.json",
			src: `{
  "uri": "http://example.com/a // azrule-disable-next-line A.B: no",
  "q": "say \"// azrule-disable-next-line A.B: no\"",
  "resources": [
    // azrule-disable-next-line Azure.ML.PublicAccess: reason here
    {
      "type": "Microsoft.MachineLearningServices/workspaces"
    }
  ]
}`,
			want: []string{`5:5->6 Azure.ML.PublicAccess@5:33 "reason here"`},
		},
		{
			name: "json apostrophe is not a string",
			file: "x.jsonc",
			src: `{
  "a": "it's", // azrule-disable-next-line A.B: after an apostrophe
  "b": 1
}`,
			want: []string{`2:16->3 A.B@2:44 "after an apostrophe"`},
		},
		{
			name: "ordinary comments are ignored",
			file: "main.bicep",
			src: `// see azrule-disable-next-line in the docs
// azrule-tests cover this
var a = 1`,
		},
		{
			name: "bicep disable-next-line is not a suppression",
			file: "main.bicep",
			src: `#disable-next-line no-unused-params
param p string`,
		},
		{
			name: "missing reason",
			file: "main.bicep",
			src: `// azrule-disable-next-line Azure.ML.PublicAccess
var a = 1
// azrule-disable-next-line Azure.ML.PublicAccess:   
var b = 1`,
			errs: []string{"1:1 SUP004", "3:1 SUP004"},
		},
		{
			name: "missing rule",
			file: "main.bicep",
			src: `// azrule-disable-next-line: because
var a = 1
// azrule-disable-next-line
var b = 1`,
			errs: []string{"1:1 SUP003", "3:1 SUP003"},
		},
		{
			name: "bad rule lists",
			file: "main.bicep",
			src: `// azrule-disable-next-line A.B C.D: missing comma
// azrule-disable-next-line A.B,,C.D: double comma
// azrule-disable-next-line A/B: bad character
var a = 1`,
			errs: []string{"1:29 SUP003", "2:33 SUP003", "3:29 SUP003"},
		},
		{
			name: "unknown directive",
			file: "main.bicep",
			src: `// azrule-disable-line A.B: wrong word
var a = 1`,
			errs: []string{"1:4 SUP002"},
		},
		{
			name: "block comment directive",
			file: "t.json",
			src: `{
  /* azrule-disable-next-line A.B: in a block */
  "a": 1
}`,
			errs: []string{"2:3 SUP001"},
		},
		{
			name: "nothing follows",
			file: "main.bicep",
			src: `var a = 1
// azrule-disable-next-line A.B: at the end

`,
			errs: []string{"2:1 SUP005"},
		},
		{
			name: "decorators belong to the declaration below",
			file: "main.bicep",
			src: `// azrule-disable-next-line A.B: above the decorators
@description('a) tricky ] description // not a comment')
@allowed([
  'x'
  'y'
])
param p string = 'x'
// azrule-disable-next-line C.D: one-line decorator and declaration
@secure() param q string
// azrule-disable-next-line E.F: decorated module
@batchSize(1)
@sys.description({ text: 'x' }.text)
module m 'm.bicep' = [for i in range(0, 2): {
  name: 'm${i}'
}]`,
			want: []string{
				`1:1->7 A.B@1:29 "above the decorators"`,
				`8:1->9 C.D@8:29 "one-line decorator and declaration"`,
				`10:1->13 E.F@10:29 "decorated module"`,
			},
		},
		{
			name: "json at sign is not a decorator",
			file: "t.json",
			src: `{
  // azrule-disable-next-line A.B: x
  "@x": 1
}`,
			want: []string{`2:3->3 A.B@2:31 "x"`},
		},
		{
			name: "crlf line endings",
			file: "main.bicep",
			src:  "// azrule-disable-next-line A.B: reason\r\nvar a = 1\r\n",
			want: []string{`1:1->2 A.B@1:29 "reason"`},
		},
		{
			name: "unterminated string does not hide later lines",
			file: "main.bicep",
			src: `var a = 'oops
// azrule-disable-next-line A.B: found
var b = 2`,
			want: []string{`2:1->3 A.B@2:29 "found"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := source.NewFile(tt.file, []byte(tt.src))
			cs, errs := Scan(f)
			var got, gotErrs []string
			for _, c := range cs {
				got = append(got, found(c))
			}
			for _, e := range errs {
				gotErrs = append(gotErrs, errText(e))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("comments:\n got %q\nwant %q", got, tt.want)
			}
			if fmt.Sprint(gotErrs) != fmt.Sprint(tt.errs) {
				t.Errorf("errors:\n got %v\nwant %v\n%v", gotErrs, tt.errs, errs)
			}
		})
	}
}

func TestMissingReasonMessage(t *testing.T) {
	f := source.NewFile("main.bicep", []byte("// azrule-disable-next-line Azure.ML.PublicAccess\nvar a = 1\n"))
	_, errs := Scan(f)
	if len(errs) != 1 {
		t.Fatalf("errors = %v", errs)
	}
	want := "main.bicep:1:1: SUP004 suppression of Azure.ML.PublicAccess has no reason: add ': <reason>' after the rule name"
	if errs[0].Error() != want {
		t.Errorf("got  %s\nwant %s", errs[0].Error(), want)
	}
}

func TestLangOf(t *testing.T) {
	for name, want := range map[string]Lang{
		"main.bicep": Bicep, "a/B.BICEP": Bicep, "p.bicepparam": Bicep,
		"azuredeploy.json": JSON, "x.jsonc": JSON, "noext": JSON,
	} {
		if got := LangOf(name); got != want {
			t.Errorf("LangOf(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestMaxComments(t *testing.T) {
	var b strings.Builder
	for i := 0; i < MaxComments+5; i++ {
		b.WriteString("// azrule-disable-next-line A.B: r\n")
	}
	b.WriteString("var a = 1\n")
	cs, errs := Scan(source.NewFile("main.bicep", []byte(b.String())))
	if len(cs) != MaxComments || len(errs) != 1 || errs[0].Code != "SUP006" {
		t.Fatalf("got %d comments, errors %v", len(cs), errs)
	}
}

func FuzzScan(f *testing.F) {
	f.Add("main.bicep", "var a = '${'x'}' // azrule-disable-next-line A: b\nvar c = 1")
	f.Add("a.json", "{\"a\": \"//\" /* x */ // azrule-disable-next-line A,B: c\n}")
	f.Add("main.bicep", "'''\n''' '${{{}}}' #x\n")
	f.Fuzz(func(t *testing.T, name, src string) {
		file := source.NewFile(name, []byte(src))
		cs, _ := Scan(file)
		for _, c := range cs {
			if c.Line <= c.Pos.Position().Line || c.Line > file.LineCount() {
				t.Fatalf("comment at %v applies to line %d", c.Pos, c.Line)
			}
			if c.Reason == "" || len(c.Rules) == 0 {
				t.Fatalf("incomplete comment %+v", c)
			}
		}
	})
}
