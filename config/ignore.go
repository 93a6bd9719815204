package config

import "github.com/azrule/azrule/pathignore"

// GitPatterns are the patterns input.ignoreGitPath adds.
var GitPatterns = []string{".git/"}

// RepositoryCommonPatterns are the files input.ignoreRepositoryCommon
// leaves out, as PSRule lists them.
var RepositoryCommonPatterns = []string{
	"README.md", ".DS_Store", ".gitignore", ".gitattributes", ".gitmodules",
	"LICENSE", "LICENSE.txt", "CODE_OF_CONDUCT.md", "CONTRIBUTING.md", "SECURITY.md", "SUPPORT.md",
	".vscode/*.json", ".vscode/*.code-snippets",
	".github/**/*.md", ".github/CODEOWNERS",
	".pipelines/**/*.yml", ".pipelines/**/*.yaml",
	".azure-pipelines/**/*.yml", ".azure-pipelines/**/*.yaml",
	".azuredevops/*.md",
}

// IgnoreMatcher compiles the input options into one matcher: .git when
// input.ignoreGitPath is set, PSRule's common repository files when
// input.ignoreRepositoryCommon is set, then input.pathIgnore, so that the
// user's own patterns (negations included) have the last word. Paths are
// relative to the scan root. Bad patterns were reported by Parse or
// ApplyEnv and are left out here.
func (c *Config) IgnoreMatcher() *pathignore.Matcher {
	var patterns []string
	if c.Input.IgnoreGitPath {
		patterns = append(patterns, GitPatterns...)
	}
	if c.Input.IgnoreRepositoryCommon {
		patterns = append(patterns, RepositoryCommonPatterns...)
	}
	patterns = append(patterns, c.Input.PathIgnore.Strings()...)
	m, _ := pathignore.Compile(patterns)
	return m
}
