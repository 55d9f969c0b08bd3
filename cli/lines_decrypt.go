package cli

import "github.com/sealpeek/sealpeek/crypto"

// decryptLines is 'decrypt --lines' with the batch's fast path: each worker
// opens a clean line (a bare value that opens as the protocol says, with
// nothing to note) in buffers it keeps and writes its record by hand, and
// gives every other line to the full engine, as decryptLine does. The
// records are the same bytes either way (TestDecryptFastPathIsTheEngine).
func decryptLines(ring *crypto.Keyring, chosen string, secretNotes []crypto.Note, langs fixLangs) func() lineWork {
	enc := newDecryptRecords(ring, secretNotes, langs)
	batch := crypto.NewSheetBatch(ring, chosen)
	return func() lineWork {
		opener := batch.Opener()
		return func(line []byte, number int, out []byte) ([]byte, bool) {
			if c, ok := opener.Open(line); ok {
				return enc.appendClean(out, number, c), true
			}
			r := crypto.InspectSheetUser(line, ring, chosen)
			return enc.append(out, number, r), r.OK()
		}
	}
}
