package crypto

import "github.com/sealpeek/sealpeek/internal/reader"

// Shape is what a paste looks like at a glance: which reading it calls for.
type Shape = reader.Shape

// Shapes of paste, as Detect tells them apart.
const (
	ShapeSealedValue = reader.ShapeSealedValue // a bare base64 value, such as a sealed sheet user; also what fits nothing else
	ShapeFormBody    = reader.ShapeFormBody    // an open-sheet request's form body (intercom_data=…, user=…)
	ShapeJSONBody    = reader.ShapeJSONBody    // a body starting with '{': JSON, or an object literal
	ShapeHTTPRequest = reader.ShapeHTTPRequest // a request line, headers and a body
	ShapeHeaders     = reader.ShapeHeaders     // headers and a body, as an inspector shows them
	ShapeCurl        = reader.ShapeCurl        // a request copied as a curl command
	ShapeSnippet     = reader.ShapeSnippet     // an intercomSettings or Intercom('boot', …) snippet
	ShapeIdentifier  = reader.ShapeIdentifier  // a user_id or email to hash
	ShapeJWT         = reader.ShapeJWT         // a bare Messenger JWT
)

// Detect tells what a paste is from its first few kilobytes, by the rules
// ReadCapture reads it with, so every face names a paste alike. It is cheap
// enough for each keystroke, and never fails.
func Detect(input []byte) Shape { return reader.Detect(input) }
