package crypto

import "slices"

// diagnosisCodes returns the sorted codes of ds: what the tests of every
// payload compare.
func diagnosisCodes(ds []Diagnosis) []string {
	var codes []string
	for _, d := range ds {
		codes = append(codes, string(d.Code))
	}
	slices.Sort(codes)
	return codes
}
