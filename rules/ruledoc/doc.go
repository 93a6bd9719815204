// Package ruledoc reads a rule's documentation page, in the Markdown shape
// that PSRule for Azure users know, into a rules.Doc.
//
// A page is YAML front matter between two "---" lines (severity, pillar,
// category, resource, resourceType, online version, reviewed), a level-one
// heading with the rule's title, and level-two sections: SYNOPSIS,
// DESCRIPTION, RECOMMENDATION, EXAMPLES (level-three headings titled
// "Configure with Azure template" / "Configure with Bicep", each with a
// fenced code block) and LINKS (a list of [title](url) items). Section
// names are matched without regard to case, as PSRule does. Headings inside
// fenced code blocks are code, not structure.
//
// The page is the single source of the text that the CLI shows, that SARIF
// carries as help, and that the Markdown report renders; its examples are
// test inputs. Parse therefore reports what would make any of those wrong
// (an unterminated fence or front matter, a link item that is not a link,
// a section given twice) as positioned errors, and leaves checking that a
// particular page has every section to Check, so that users' own rule docs
// with fewer sections still load.
package ruledoc
