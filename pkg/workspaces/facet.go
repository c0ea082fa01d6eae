package workspaces

// facet numbers the distinct values of one field of the entries, so that filtering by it costs
// one slice lookup per entry.
type facet struct {
	numbers map[string]int32
	of      []int32 // the number of each entry's value
}

func newFacet(entries []Entry, value func(Entry) string) facet {
	f := facet{numbers: map[string]int32{}, of: make([]int32, len(entries))}
	for i, e := range entries {
		n, ok := f.numbers[value(e)]
		if !ok {
			n = int32(len(f.numbers))
			f.numbers[value(e)] = n
		}
		f.of[i] = n
	}
	return f
}

// allowing tells, by value number, which values are among wanted; nil when wanted is empty,
// which filters nothing.
func (f facet) allowing(wanted []string) []bool {
	if len(wanted) == 0 {
		return nil
	}
	allowed := make([]bool, len(f.numbers))
	for _, v := range wanted {
		if n, ok := f.numbers[v]; ok {
			allowed[n] = true
		}
	}
	return allowed
}
