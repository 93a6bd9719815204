package report

import (
	"bytes"
	"encoding/json"
)

// unsetIndexes are the SARIF properties whose value -1 means "not set"
// (the schema's default). The SARIF library writes them out; a reader
// gains nothing from them.
var unsetIndexes = map[string]bool{
	"index": true, "parentIndex": true, "byteOffset": true, "charOffset": true,
	"rank": true, "id": true,
}

// keepEmpty are the arrays that mean something when empty: a run with no
// results is a clean run, which code scanning must see.
var keepEmpty = map[string]bool{"results": true, "runs": true}

// compactSARIF rewrites the library's output without the defaults it
// spells out (-1 indexes, empty arrays and objects), so that the document
// holds what azrule found and nothing else. Member order is the library's
// (alphabetical), kept by re-encoding maps, which encoding/json sorts.
func compactSARIF(dst *bytes.Buffer, src []byte) error {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	doc = prune(doc)
	enc := json.NewEncoder(dst)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	dst.Truncate(dst.Len() - 1) // Encode's newline; the caller adds its own
	return nil
}

func prune(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if n, ok := e.(json.Number); ok && n == "-1" && unsetIndexes[k] {
				delete(v, k)
				continue
			}
			e = prune(e)
			if isEmpty(e) && !keepEmpty[k] {
				delete(v, k)
				continue
			}
			v[k] = e
		}
		return v
	case []any:
		for i, e := range v {
			v[i] = prune(e)
		}
		return v
	}
	return v
}

func isEmpty(v any) bool {
	switch v := v.(type) {
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}
