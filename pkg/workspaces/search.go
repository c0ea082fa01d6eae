package workspaces

import (
	"index/suffixarray"
	"slices"
	"strings"
)

// searchIndex finds the entries whose lower-case "id cluster plan" key contains a string. A
// suffix array finds the few keys of a selective search, such as part of an id, without reading
// the others; a search that many keys match reads them all instead, which is then cheaper.
type searchIndex struct {
	text  string   // every key, each followed by '\n'
	keys  []string // each entry's key, cut from text
	ends  []int    // where each key ends in text
	array *suffixarray.Index
}

// scanShare: a search found in more than one key in scanShare reads every key instead.
const scanShare = 8

func newSearchIndex(entries []Entry) searchIndex {
	var b strings.Builder
	ends := make([]int, len(entries))
	for i, e := range entries {
		b.WriteString(strings.ToLower(e.ID + " " + e.ClusterID + " " + e.Plan))
		ends[i] = b.Len()
		b.WriteByte('\n')
	}
	s := searchIndex{text: b.String(), keys: make([]string, len(entries)), ends: ends}
	for i := range entries {
		start := 0
		if i > 0 {
			start = ends[i-1] + 1
		}
		s.keys[i] = s.text[start:ends[i]]
	}
	s.array = suffixarray.New([]byte(s.text))
	return s
}

// matching returns the entries whose key contains search.
func (s searchIndex) matching(search string) entrySet {
	found := make(entrySet, (len(s.keys)+63)/64)
	limit := len(s.keys)/scanShare + 1
	at := s.array.Lookup([]byte(search), limit+1)
	if len(at) > limit {
		for i, k := range s.keys {
			if strings.Contains(k, search) {
				found.add(i)
			}
		}
		return found
	}
	for _, p := range at {
		// The key p falls in; an occurrence that runs past its end is in no key.
		if i, _ := slices.BinarySearch(s.ends, p); p+len(search) <= s.ends[i] {
			found.add(i)
		}
	}
	return found
}

// entrySet holds a bit per entry of an index, so that its members are read in the index's order.
type entrySet []uint64

func (e entrySet) add(i int) { e[i/64] |= 1 << (i % 64) }

// everyEntry is the set of all n entries.
func everyEntry(n int) entrySet {
	e := make(entrySet, (n+63)/64)
	for w := range e {
		e[w] = ^uint64(0)
	}
	if n%64 != 0 {
		e[len(e)-1] = 1<<(n%64) - 1
	}
	return e
}
